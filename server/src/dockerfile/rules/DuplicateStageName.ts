import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

/** BuildKit DuplicateStageName: two stages with the same (case-insensitive) name. */
export const DuplicateStageName: DockerfileRule = {
  meta: dockerfileRuleMeta('DuplicateStageName', 'warning', 'Stage names should be unique'),
  check({ dockerfile }, report) {
    const seen = new Set<string>();
    for (const from of dockerfile.getFROMs()) {
      const name = from.getBuildStage()?.toLowerCase();
      const range = from.getBuildStageRange();
      if (!name || !range) continue;
      if (seen.has(name)) report({ range, message: `Duplicate stage name "${name}", stage names should be unique` });
      seen.add(name);
    }
  },
  examples: {
    bad: ['FROM debian:12 AS build\nFROM alpine:3.20 AS build', 'FROM debian:12 AS build\nFROM alpine:3.20 AS Build'],
    good: ['FROM debian:12 AS build\nFROM alpine:3.20 AS runtime', 'FROM debian:12\nFROM alpine:3.20'],
  },
};
