import { dockerfileRuleMeta, type DockerfileRule } from '../rule';
import { unquote } from '../ruleHelpers';

/** DL3067: `COPY --from=x / /` copies a whole filesystem (and undoes the point of stages). */
export const DL3067: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3067', 'warning', 'Do not copy an entire filesystem from another stage'),
  check(context, report) {
    for (const info of context.instructions) {
      if (info.keyword !== 'COPY' || !context.flag(info, 'from')) continue;
      const args = info.node.getArguments().map((a) => ({ value: unquote(a.getValue()), range: a.getRange() }));
      if (args.length < 2) continue;
      const target = args[args.length - 1]!;
      const root = args.slice(0, -1).find((a) => a.value === '/');
      if (root && target.value === '/') report({ range: root.range });
    }
  },
  examples: {
    bad: ['FROM debian:12 AS build\nFROM scratch\nCOPY --from=build / /'],
    good: ['FROM debian:12 AS build\nFROM scratch\nCOPY --from=build /app /app', 'FROM debian:12\nCOPY / /'],
  },
};
