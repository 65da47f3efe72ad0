import { dockerfileRuleMeta, type DockerfileRule } from '../rule';
import { replaceFix } from '../ruleHelpers';

/** DL3065: `--platform=$TARGETPLATFORM` is what BuildKit does anyway. */
export const DL3065: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3065', 'warning',
    'Setting `FROM --platform` to predefined `$TARGETPLATFORM` is redundant as this is the default behavior'),
  check(context, report) {
    for (const stage of context.stages) {
      const flag = stage.platform;
      const value = flag?.getValue()?.replace(/^["']|["']$/g, '');
      if (!flag || (value !== '$TARGETPLATFORM' && value !== '${TARGETPLATFORM}')) continue;
      const range = flag.getRange();
      const line = context.lineText(range.start.line);
      let end = range.end.character;
      while (line[end] === ' ' || line[end] === '\t') end++;
      report({ range, fixes: [replaceFix('Remove the redundant --platform flag', { start: range.start, end: { line: range.end.line, character: end } }, '')] });
    }
  },
  examples: {
    bad: ['FROM --platform=$TARGETPLATFORM debian:12', 'FROM --platform=${TARGETPLATFORM} debian:12 AS app'],
    good: ['FROM debian:12', 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build'],
  },
};
