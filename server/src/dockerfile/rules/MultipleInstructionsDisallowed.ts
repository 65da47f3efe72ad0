import type { Instruction } from 'dockerfile-ast';
import { buildModel } from '../buildkit/model';
import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

const ONCE = new Set(['CMD', 'ENTRYPOINT', 'HEALTHCHECK']);

/** BuildKit MultipleInstructionsDisallowed: only the last CMD/ENTRYPOINT/HEALTHCHECK of a stage counts. */
export const MultipleInstructionsDisallowed: DockerfileRule = {
  meta: dockerfileRuleMeta('MultipleInstructionsDisallowed', 'warning',
    'Multiple instructions of the same type should not be used in the same stage'),
  check(context, report) {
    for (const stage of buildModel(context).stages) {
      const last = new Map<string, Instruction>();
      for (const instruction of stage.instructions) {
        const keyword = instruction.getKeyword();
        if (!ONCE.has(keyword)) continue;
        const previous = last.get(keyword);
        // Reported on the earlier one: that is the instruction that has no effect.
        if (previous) {
          report({
            range: previous.getInstructionRange(),
            message: `Multiple ${instruction.getInstruction()} instructions should not be used in the same stage because only the last one will be used`,
          });
        }
        last.set(keyword, instruction);
      }
    }
  },
  examples: {
    bad: ['FROM alpine:3.20\nCMD ["a"]\nCMD ["b"]', 'FROM alpine:3.20\nENTRYPOINT ["a"]\nRUN true\nENTRYPOINT ["b"]'],
    good: ['FROM alpine:3.20\nCMD ["a"]\nFROM alpine:3.20\nCMD ["b"]', 'FROM alpine:3.20\nENTRYPOINT ["a"]\nCMD ["b"]'],
  },
};
