import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

/** DL3023: a stage cannot copy from itself. */
export const DL3023: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3023', 'error', 'COPY --from cannot reference its own FROM alias'),
  check(context, report) {
    for (const info of context.instructions) {
      if (info.keyword !== 'COPY' || !info.stage) continue;
      const flag = context.flag(info, 'from');
      const value = flag?.getValue()?.toLowerCase();
      if (!flag || !value) continue;
      if (value === info.stage.key || value === String(info.stage.index)) report({ range: flag.getValueRange() ?? flag.getRange() });
    }
  },
  examples: {
    bad: ['FROM debian:12 AS build\nCOPY --from=build /a /b', 'FROM debian:12 AS Build\nCOPY --from=BUILD /a /b'],
    good: ['FROM debian:12 AS build\nFROM debian:12\nCOPY --from=build /a /b'],
  },
};
