import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

/** DL3029: a hard-coded `FROM --platform=` pins the architecture for everyone who builds. */
export const DL3029: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3029', 'warning', 'Do not use --platform flag with FROM'),
  check(context, report) {
    for (const stage of context.stages) {
      const flag = stage.platform;
      const value = flag?.getValue();
      // Build-time platform ARGs are the intended use (cross-compilation), not a pin.
      if (!flag || !value || value.includes('$')) continue;
      report({ range: flag.getRange() });
    }
  },
  examples: {
    bad: ['FROM --platform=linux/amd64 debian:12'],
    good: ['FROM debian:12', 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build'],
  },
};
