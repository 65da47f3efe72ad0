import type { Instruction, JSONInstruction } from 'dockerfile-ast';
import type { Fix } from '../../core/finding';
import { buildModel } from '../buildkit/model';
import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

/** Words that need no shell: no quoting, expansion, globbing, redirection or operators. */
const PLAIN_WORDS = /^[A-Za-z0-9_./,:@+-]+(?:\s+[A-Za-z0-9_./,:@+=-]+)*$/;

/** BuildKit JSONArgsRecommended: shell-form CMD/ENTRYPOINT run under `/bin/sh -c` and miss signals. */
export const JSONArgsRecommended: DockerfileRule = {
  meta: dockerfileRuleMeta('JSONArgsRecommended', 'warning',
    'JSON arguments recommended for ENTRYPOINT/CMD to prevent unintended behavior related to OS signals'),
  check(context, report) {
    const model = buildModel(context);
    for (const stage of model.stages) {
      for (const instruction of stage.instructions) {
        const keyword = instruction.getKeyword();
        if (keyword !== 'CMD' && keyword !== 'ENTRYPOINT') continue;
        const args = instruction.getArguments();
        if (args.length === 0 || isExecForm(instruction)) continue;
        // An explicit SHELL says the shell is wanted (BuildKit checks the image's Shell).
        if (model.scopeBefore.get(instruction)?.shellSet) continue;
        const range = { start: args[0]!.getRange().start, end: args[args.length - 1]!.getRange().end };
        report({
          range,
          message: `JSON arguments recommended for ${instruction.getInstruction()} to prevent unintended behavior related to OS signals`,
          fixes: execFormFix(instruction, range),
        });
      }
    }
  },
  examples: {
    bad: ['FROM alpine:3.20\nENTRYPOINT my-program start', 'FROM alpine:3.20\nCMD echo "hello"', "FROM alpine:3.20\nCMD ['single', 'quotes']"],
    good: [
      'FROM alpine:3.20\nENTRYPOINT ["my-program", "start"]',
      'FROM alpine:3.20\nSHELL ["/bin/ash", "-c"]\nCMD echo hello',
      'FROM alpine:3.20 AS base\nSHELL ["/bin/ash", "-c"]\nFROM base\nCMD echo hello',
    ],
  },
};

/** Valid JSON array (`['a']` or `[a]` is not: Docker runs those through the shell). */
function isExecForm(instruction: Instruction): boolean {
  const json = instruction as JSONInstruction;
  return typeof json.getClosingBracket === 'function' && json.getOpeningBracket() !== null && json.getClosingBracket() !== null;
}

function execFormFix(instruction: Instruction, range: Fix['edits'][number]['range']): Fix[] | undefined {
  const content = instruction.getArgumentsContent()?.trim() ?? '';
  if (range.start.line !== range.end.line || !PLAIN_WORDS.test(content)) return undefined;
  const json = `[${content.split(/\s+/).map((w) => JSON.stringify(w)).join(', ')}]`;
  return [{ title: `Use exec form: ${json}`, edits: [{ range, newText: json }] }];
}
