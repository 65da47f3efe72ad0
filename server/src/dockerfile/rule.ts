import type { ShipshapeConfig } from '../config/config';
import type { Report, RuleMeta } from '../core/rule';
import type { DockerfileContext } from './context';

export type Reporter = (report: Report) => void;

/** A Dockerfile rule: metadata, the check, and examples that the shared rule test runs. */
export interface DockerfileRule {
  meta: RuleMeta;
  /** `config` carries rule settings such as `trustedRegistries` and `labelSchema`. */
  check(context: DockerfileContext, report: Reporter, config: ShipshapeConfig): void;
  /** `bad` examples must produce this rule's code, `good` ones must not. */
  examples: { bad: string[]; good: string[] };
  /** Settings the examples need (e.g. `trustedRegistries` for DL3026). */
  exampleConfig?: Partial<ShipshapeConfig>;
}

export function dockerfileRuleMeta(id: string, severity: RuleMeta['severity'], title: string): RuleMeta {
  return { id, severity, title, language: 'dockerfile', docs: `server/src/dockerfile/rules/${id}.md` };
}
