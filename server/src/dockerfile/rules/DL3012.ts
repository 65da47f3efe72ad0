import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

const TITLE = 'Multiple `HEALTHCHECK` instructions.';

/** DL3012: only the last HEALTHCHECK of a stage takes effect; the earlier ones are dead code. */
export const DL3012: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3012', 'error', TITLE),
  check(context, report) {
    for (const stage of context.stages) {
      const all = stage.instructions.filter((i) => i.keyword === 'HEALTHCHECK');
      const first = all[0];
      for (const info of all.slice(1)) report({ range: info.node.getInstructionRange(), message: `${TITLE} (first on line ${first!.range.start.line + 1})` });
    }
  },
  examples: {
    bad: ['FROM debian:12\nHEALTHCHECK CMD ["true"]\nHEALTHCHECK CMD ["true"]'],
    good: ['FROM debian:12\nHEALTHCHECK CMD ["true"]', 'FROM debian:12 AS a\nHEALTHCHECK CMD ["true"]\nFROM debian:12\nHEALTHCHECK CMD ["true"]'],
  },
};
