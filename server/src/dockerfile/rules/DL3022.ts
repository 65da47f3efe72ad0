import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

/**
 * DL3022: `COPY --from=name` must name an earlier stage. Values that are image references
 * (`nginx:1.25`, `ghcr.io/x/y`) and valid stage indexes are fine; names compare case-insensitively.
 */
export const DL3022: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3022', 'warning', 'COPY --from should reference a previously defined FROM alias'),
  check(context, report) {
    for (const info of context.instructions) {
      if (info.keyword !== 'COPY' || !info.stage) continue;
      const flag = context.flag(info, 'from');
      const written = flag?.getValue();
      if (!flag || !written || written.includes('$')) continue;
      if (context.copyFromStage(info) || info.stage.key === written.toLowerCase()) continue;
      if (/^\d+$/.test(written) && Number(written) < info.stage.index) continue;
      if (/[:/@.]/.test(written)) continue; // an image reference
      const later = context.stages.find((s) => s.key === written.toLowerCase() && s.index > info.stage!.index);
      report({
        range: flag.getValueRange() ?? flag.getRange(),
        message: later ? `COPY --from should reference a previously defined FROM alias: stage \`${written}\` is defined later (line ${later.fromInfo.range.start.line + 1})`
          : `COPY --from should reference a previously defined FROM alias: no stage named \`${written}\``,
      });
    }
  },
  examples: {
    bad: ['FROM debian:12\nCOPY --from=build /a /b', 'FROM debian:12 AS app\nCOPY --from=build /a /b\nFROM golang:1.22 AS build'],
    good: [
      'FROM golang:1.22 AS Build\nFROM debian:12\nCOPY --from=build /a /b',
      'FROM golang:1.22\nFROM debian:12\nCOPY --from=0 /a /b',
      'FROM debian:12\nCOPY --from=nginx:1.25 /etc/nginx /etc/nginx',
      'FROM debian:12\nCOPY --from=ghcr.io/org/tools /bin/x /bin/x',
    ],
  },
};
