import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

/** BuildKit StageNameCasing: stage names are case-insensitive; write them in lowercase. */
export const StageNameCasing: DockerfileRule = {
  meta: dockerfileRuleMeta('StageNameCasing', 'warning', 'Stage names should be lowercase'),
  check({ dockerfile }, report) {
    for (const from of dockerfile.getFROMs()) {
      const name = from.getBuildStage();
      const range = from.getBuildStageRange();
      if (!name || !range || name === name.toLowerCase()) continue;
      report({
        range,
        message: `Stage name '${name}' should be lowercase`,
        fixes: [{ title: `Rename stage to '${name.toLowerCase()}'`, preferred: true, edits: [{ range, newText: name.toLowerCase() }] }],
      });
    }
  },
  examples: {
    bad: ['FROM debian:12 AS Build', 'FROM debian:12 AS BUILDER\nFROM BUILDER'],
    good: ['FROM debian:12 AS build', 'FROM debian:12 AS build-2_x.y'],
  },
};
