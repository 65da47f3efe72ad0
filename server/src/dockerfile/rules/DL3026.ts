import type { Range } from '../../core/finding';
import { parseImageReference, type ImageReference } from '../../image/reference';
import { isCoveredByAny } from '../../image/registryPatterns';
import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

/**
 * DL3026: images must come from `trustedRegistries` — in FROM, `COPY --from=<image>` and
 * `RUN --mount=from=<image>`. Entries are hosts or host/path prefixes matched by whole segments; `*` matches within one
 * segment (`*.example.com`).
 */
export const DL3026: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3026', 'error', 'Use only an allowed registry in the FROM image'),
  check(context, report, config) {
    const trusted = config.trustedRegistries;
    if (!trusted || trusted.length === 0) return;
    const check = (reference: ImageReference, range: Range, what: string) => {
      if (isCoveredByAny(reference, trusted)) return;
      report({ range, message: `Use only an allowed registry in the ${what}: \`${reference.domain ?? reference.registry}\` is not in trustedRegistries (${trusted.join(', ')})` });
    };
    for (const stage of context.stages) {
      const { image, from } = stage;
      if (!image.reference || !image.range) continue;
      const range = !image.usesVariables ? from.getRegistryRange() ?? image.range : image.range;
      check(image.reference, range, 'FROM image');
    }
    for (const info of context.instructions) {
      if (!info.stage) continue;
      const values: { value: string; range: Range }[] = [];
      if (info.keyword === 'COPY' || info.keyword === 'ADD') {
        const flag = context.flag(info, 'from');
        const value = flag?.getValue();
        if (flag && value && !context.copyFromStage(info)) values.push({ value, range: flag.getValueRange() ?? flag.getRange() });
      }
      if (info.keyword === 'RUN') {
        for (const mount of context.run(info).mounts) {
          if (mount.from && !context.stageBefore(mount.from, info.stage)) values.push({ value: mount.from, range: mount.fromRange ?? mount.flag.getValueRange() ?? mount.flag.getRange() });
        }
      }
      for (const { value, range } of values) {
        if (/^\d+$/.test(value) || value === 'scratch' || value.includes('$')) continue;
        const parsed = parseImageReference(value);
        if (parsed.ok && (parsed.reference.tag || parsed.reference.digest || parsed.reference.domain)) {
          check(parsed.reference, range, info.keyword === 'RUN' ? '`RUN --mount from=` image' : '`COPY --from` image');
        }
      }
    }
  },
  examples: {
    bad: [
      'FROM evil.example.com/app:1.0',
      'FROM bitnami/redis:7.2',
      'FROM debian:12\nCOPY --from=evil.example.com/tools:1.0 /bin/x /bin/x',
      'FROM debian:12\nRUN --mount=type=bind,from=quay.io/x/y:1,target=/y ls /y',
      'ARG REG=evil.example.com\nFROM ${REG}/app:1.0',
    ],
    good: [
      'FROM debian:12',
      'FROM docker.io/library/debian:12',
      'FROM mirror.corp.example:5000/debian:12',
      'FROM debian:12 AS build\nFROM debian:12\nCOPY --from=build /a /b',
      'ARG REG\nFROM ${REG}/app:1.0',
    ],
  },
  exampleConfig: { trustedRegistries: ['docker.io/library', '*.corp.example:5000'] },
};
