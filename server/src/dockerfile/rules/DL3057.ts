import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

/** DL3057 (off by default): the final image (or a stage it is built FROM) has no HEALTHCHECK. */
export const DL3057: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3057', 'ignore', '`HEALTHCHECK` instruction missing.'),
  check(context, report) {
    const final = context.stages[context.stages.length - 1];
    if (!final) return;
    for (let s: typeof final | undefined = final; s; s = s.base) {
      if (s.instructions.some((i) => i.keyword === 'HEALTHCHECK')) return;
    }
    report({ range: final.from.getInstructionRange() });
  },
  examples: {
    bad: ['FROM debian:12\nCMD ["app"]'],
    good: ['FROM debian:12\nHEALTHCHECK CMD ["curl", "-f", "http://localhost/"]', 'FROM debian:12 AS base\nHEALTHCHECK NONE\nFROM base'],
  },
};
