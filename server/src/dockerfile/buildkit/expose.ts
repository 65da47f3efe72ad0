import type { Range } from '../../core/finding';
import type { BuildModel } from './model';
import { expandWord } from './variables';

export interface ExposedPort {
  /** As written. */
  raw: string;
  /** After variable expansion. */
  value: string;
  range: Range;
}

/** Every EXPOSE word of every stage, expanded with the stage's variables (unresolvable ones skipped). */
export function exposedPorts(model: BuildModel): ExposedPort[] {
  const ports: ExposedPort[] = [];
  for (const stage of model.stages) {
    for (const instruction of stage.instructions) {
      if (instruction.getKeyword() !== 'EXPOSE') continue;
      const env = model.scopeBefore.get(instruction)?.env ?? new Map<string, string>();
      for (const argument of instruction.getArguments()) {
        const raw = argument.getValue();
        const expansion = expandWord(raw, env, model.escape);
        if (expansion.unresolved) continue;
        for (const value of expansion.result.split(/\s+/).filter(Boolean)) ports.push({ raw, value, range: argument.getRange() });
      }
    }
  }
  return ports;
}
