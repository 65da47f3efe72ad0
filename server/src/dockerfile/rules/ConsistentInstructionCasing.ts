import type { Instruction } from 'dockerfile-ast';
import { buildModel } from '../buildkit/model';
import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

/** BuildKit ConsistentInstructionCasing: every instruction in the casing of the majority. */
export const ConsistentInstructionCasing: DockerfileRule = {
  meta: dockerfileRuleMeta('ConsistentInstructionCasing', 'warning',
    'All commands within the Dockerfile should use the same casing (either upper or lower)'),
  check(context, report) {
    // Like BuildKit: FROM and the instructions of stages count; global ARGs before FROM do not.
    const instructions: Instruction[] = [];
    for (const stage of buildModel(context).stages) instructions.push(stage.from, ...stage.instructions);
    let lower = 0;
    let upper = 0;
    for (const instruction of instructions) {
      const name = instruction.getInstruction();
      if (name === name.toLowerCase()) lower++;
      else if (name === name.toUpperCase()) upper++;
    }
    const majorityLower = lower > upper;
    for (const instruction of instructions) {
      const name = instruction.getInstruction();
      const wanted = majorityLower ? name.toLowerCase() : name.toUpperCase();
      if (name === wanted) continue;
      const range = instruction.getInstructionRange();
      report({
        range,
        message: `Command '${name}' should match the case of the command majority (${majorityLower ? 'lowercase' : 'uppercase'})`,
        fixes: [{ title: `Change to '${wanted}'`, preferred: true, edits: [{ range, newText: wanted }] }],
      });
    }
  },
  examples: {
    bad: ['FROM alpine:3.20\nrun echo hi\nCMD ["x"]', 'from alpine:3.20\nrun echo hi\nCMD ["x"]', 'FROM alpine:3.20\nRun echo hi'],
    good: ['FROM alpine:3.20\nRUN echo hi', 'from alpine:3.20\nrun echo hi'],
  },
};
