import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

const RESERVED = new Set(['context', 'scratch']);

/** BuildKit ReservedStageName: `scratch` and `context` already mean something to the builder. */
export const ReservedStageName: DockerfileRule = {
  meta: dockerfileRuleMeta('ReservedStageName', 'warning', 'Reserved words should not be used as stage names'),
  check({ dockerfile }, report) {
    for (const from of dockerfile.getFROMs()) {
      const name = from.getBuildStage()?.toLowerCase();
      const range = from.getBuildStageRange();
      if (name && range && RESERVED.has(name)) {
        report({ range, message: `Stage name should not use the same name as reserved stage "${name}"` });
      }
    }
  },
  examples: {
    bad: ['FROM debian:12 AS scratch', 'FROM debian:12 AS Context'],
    good: ['FROM scratch AS base', 'FROM debian:12 AS build-context'],
  },
};
