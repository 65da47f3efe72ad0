import type { Instruction } from 'dockerfile-ast';
import type { Fix } from '../../core/finding';
import { buildModel, joinContinuations } from '../buildkit/model';
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
        // The arguments as written (for a `[...]` that is not valid JSON, getArguments() holds
        // only what dockerfile-ast took for JSON strings).
        const range = instruction.getArgumentsRange();
        if (!range || isExecForm(instruction)) continue;
        // An explicit SHELL says the shell is wanted (BuildKit checks the image's Shell).
        if (model.scopeBefore.get(instruction)?.shellSet) continue;
        report({
          range,
          message: `JSON arguments recommended for ${instruction.getInstruction()} to prevent unintended behavior related to OS signals`,
          fixes: execFormFix(instruction, range),
        });
      }
    }
  },
  examples: {
    bad: ['FROM alpine:3.20\nENTRYPOINT my-program start', 'FROM alpine:3.20\nCMD echo "hello"', "FROM alpine:3.20\nCMD ['single', 'quotes']",
      'FROM alpine:3.20\nCMD [my-program, start]', 'FROM alpine:3.20\nCMD ["my-program", "start",]'],
    good: [
      'FROM alpine:3.20\nENTRYPOINT ["my-program", "start"]',
      'FROM alpine:3.20\nCMD ["my-program", \\\n  "start"]',
      'FROM alpine:3.20\nSHELL ["/bin/ash", "-c"]\nCMD echo hello',
      'FROM alpine:3.20 AS base\nSHELL ["/bin/ash", "-c"]\nFROM base\nCMD echo hello',
    ],
  },
};

/**
 * Exec form as BuildKit's parser decides it: the arguments (continuations joined) parse as a JSON
 * array. Anything else — `['a']`, `[a, b]`, a trailing comma, text after `]` — runs through the
 * shell. (A JSON array of non-strings is a parse error in BuildKit, not shell form.)
 */
function isExecForm(instruction: Instruction): boolean {
  const content = joinContinuations(instruction.getArgumentsContent() ?? '').trim();
  if (!content.startsWith('[')) return false;
  try {
    return Array.isArray(JSON.parse(content));
  } catch {
    return false;
  }
}

function execFormFix(instruction: Instruction, range: Fix['edits'][number]['range']): Fix[] | undefined {
  const content = instruction.getArgumentsContent()?.trim() ?? '';
  if (range.start.line !== range.end.line || !PLAIN_WORDS.test(content)) return undefined;
  const json = `[${content.split(/\s+/).map((w) => JSON.stringify(w)).join(', ')}]`;
  return [{ title: `Use exec form: ${json}`, edits: [{ range, newText: json }] }];
}
