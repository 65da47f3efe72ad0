// Shared shapes for the per-rule tests: a Pod with given container lines, findings as tuples.
import type { Finding } from '../../core/finding';
import type { ShipshapeConfig } from '../../config/config';
import { lintIn } from '../testing';

/** A Pod whose first container starts at line 5 (`  - name: app`); `body` follows at line 6. */
export function pod(body: string, spec = ''): string {
  return `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n${spec}  containers:\n  - name: app\n${body}`;
}

/** `[line, startCharacter, endCharacter]` of each finding with `code` in a one-file workspace. */
export function sites(code: string, text: string, config: Partial<ShipshapeConfig> = {}, path = '/ws/p.yaml'): [number, number, number][] {
  return lintIn({ [path]: text }, path, config).filter((f: Finding) => f.code === code).map((f) => [f.range.start.line, f.range.start.character, f.range.end.character]);
}
