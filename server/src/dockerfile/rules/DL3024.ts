import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

/** DL3024: stage names must be unique (compared case-insensitively, as BuildKit does). */
export const DL3024: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3024', 'error', 'FROM aliases (stage names) must be unique'),
  check(context, report) {
    const seen = new Map<string, number>();
    for (const stage of context.stages) {
      if (!stage.key || !stage.nameRange) continue;
      const first = seen.get(stage.key);
      if (first !== undefined) {
        report({ range: stage.nameRange, message: `FROM aliases (stage names) must be unique: \`${stage.name}\` is already defined on line ${first + 1}` });
      } else {
        seen.set(stage.key, stage.fromInfo.range.start.line);
      }
    }
  },
  examples: {
    bad: ['FROM debian:12 AS build\nFROM debian:12 AS build', 'FROM debian:12 AS build\nFROM alpine:3.19 AS BUILD'],
    good: ['FROM debian:12 AS build\nFROM debian:12 AS app'],
  },
};
