import { buildModel } from '../buildkit/model';
import { expandWord } from '../buildkit/variables';
import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

const SENTINEL = '\u0000target\u0000';

/** BuildKit RedundantTargetPlatform: `FROM --platform=$TARGETPLATFORM` is what FROM does anyway. */
export const RedundantTargetPlatform: DockerfileRule = {
  meta: dockerfileRuleMeta('RedundantTargetPlatform', 'warning',
    'Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior'),
  check(context, report) {
    const model = buildModel(context);
    const env = new Map(model.globalEnv).set('TARGETPLATFORM', SENTINEL);
    for (const stage of model.stages) {
      const flag = stage.from.getPlatformFlag();
      const range = flag?.getValueRange();
      if (!flag || !range) continue;
      const raw = model.textOf(range);
      if (expandWord(raw, env, model.escape).result !== SENTINEL) continue;
      report({
        range,
        message: `Setting platform to predefined ${raw} in FROM is redundant as this is the default behavior`,
        fixes: [{ title: 'Remove --platform', preferred: true, edits: [{ range: { start: flag.getRange().start, end: stage.from.getArguments()[0]?.getRange().start ?? flag.getRange().end }, newText: '' }] }],
      });
    }
  },
  examples: {
    bad: ['FROM --platform=$TARGETPLATFORM alpine:3.20', 'FROM --platform=${TARGETPLATFORM} alpine:3.20 AS x'],
    good: ['FROM --platform=$BUILDPLATFORM golang:1.23', 'FROM alpine:3.20', 'FROM --platform=${TARGETPLATFORM}-foo alpine:3.20'],
  },
};
