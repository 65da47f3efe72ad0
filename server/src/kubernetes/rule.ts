import type { ShipshapeConfig } from '../config/config';
import type { Report, RuleMeta } from '../core/rule';
import type { KubernetesContext } from './context';

export type KubernetesReporter = (report: Report) => void;

/** A Kubernetes rule: metadata, the check, and single-file examples the shared rule test runs. */
export interface KubernetesRule {
  meta: RuleMeta;
  /** For rules off by default: the configuration switch that turns them on (at warning). */
  enabledBy?: (config: ShipshapeConfig) => boolean;
  check(context: KubernetesContext, report: KubernetesReporter): void;
  /** `bad` examples must produce this rule's code, `good` ones must not (one YAML file each). */
  examples: { bad: string[]; good: string[] };
}

export function kubernetesRuleMeta(id: string, severity: RuleMeta['severity'], title: string): RuleMeta {
  return { id, severity, title, language: 'kubernetes', docs: `server/src/kubernetes/rules/${id}.md` };
}
