import type { From } from 'dockerfile-ast';
import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

/** BuildKit FromAsCasing: `FROM x as y` / `from x AS y` mix keyword casings. */
export const FromAsCasing: DockerfileRule = {
  meta: dockerfileRuleMeta('FromAsCasing', 'warning', "The 'as' keyword should match the case of the 'from' keyword"),
  check({ dockerfile }, report) {
    for (const from of dockerfile.getFROMs() as From[]) {
      const args = from.getArguments();
      if (args.length < 3) continue;
      const keyword = from.getInstruction();
      const as = args[1]!.getValue();
      if (as.toLowerCase() !== 'as') continue;
      const fromLower = keyword === keyword.toLowerCase();
      const fromUpper = keyword === keyword.toUpperCase();
      // A FROM keyword of mixed case is ConsistentInstructionCasing's business.
      if (!fromLower && !fromUpper) continue;
      const expected = fromLower ? as.toLowerCase() : as.toUpperCase();
      if (as === expected) continue;
      const range = args[1]!.getRange();
      report({
        range,
        message: `'${as}' and '${keyword}' keywords' casing do not match`,
        fixes: [{ title: `Change '${as}' to '${expected}'`, preferred: true, edits: [{ range, newText: expected }] }],
      });
    }
  },
  examples: {
    bad: ['FROM debian:12 as build\nRUN make', 'from debian:12 AS build'],
    good: ['FROM debian:12 AS build', 'from debian:12 as build', 'FROM debian:12', 'From debian:12 as build'],
  },
};
