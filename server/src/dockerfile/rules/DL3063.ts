import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

const RESERVED = new Set(['scratch', 'context']);

/** DL3063: `scratch` and `context` mean something else to the builder; a stage cannot take them. */
export const DL3063: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3063', 'warning', 'Stage name should not be a reserved word'),
  check(context, report) {
    for (const stage of context.stages) {
      if (stage.key && stage.nameRange && RESERVED.has(stage.key)) {
        report({ range: stage.nameRange, message: `Stage name should not be a reserved word: \`${stage.name}\`` });
      }
    }
  },
  examples: {
    bad: ['FROM debian:12 AS scratch', 'FROM debian:12 AS Context'],
    good: ['FROM debian:12 AS build', 'FROM scratch'],
  },
};
