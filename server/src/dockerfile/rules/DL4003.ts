import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

const TITLE = 'Multiple `CMD` instructions found. If you list more than one `CMD` then only the last `CMD` will take effect';

/** DL4003: only the last CMD of a stage takes effect; the earlier ones are dead code. */
export const DL4003: DockerfileRule = {
  meta: dockerfileRuleMeta('DL4003', 'warning', TITLE),
  check(context, report) {
    for (const stage of context.stages) {
      const all = stage.instructions.filter((i) => i.keyword === 'CMD');
      const first = all[0];
      for (const info of all.slice(1)) report({ range: info.node.getInstructionRange(), message: `${TITLE} (first on line ${first!.range.start.line + 1})` });
    }
  },
  examples: {
    bad: ['FROM debian:12\nCMD ["true"]\nCMD ["true"]'],
    good: ['FROM debian:12\nCMD ["true"]', 'FROM debian:12 AS a\nCMD ["true"]\nFROM debian:12\nCMD ["true"]'],
  },
};
