// Metadata of every rule the product knows, for SARIF rule tables, docs and config validation.
import type { RuleMeta } from './core/rule';
import { dockerfileRules } from './dockerfile/rules';
import { kubernetesRules } from './kubernetes/rules';

export function allRuleMetas(): RuleMeta[] {
  return [...dockerfileRules.map((rule) => rule.meta), ...kubernetesRules.map((rule) => rule.meta)];
}

export function ruleMeta(id: string): RuleMeta | undefined {
  return allRuleMetas().find((meta) => meta.id === id);
}
