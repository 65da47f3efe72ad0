import { labelsOf } from '../labels';
import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

/** DL3050: with `strict-labels`, only labels of the schema are allowed. */
export const DL3050: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3050', 'info', 'Superfluous label(s) present.'),
  check(context, report, config) {
    const schema = config.labelSchema;
    if (!config.strictLabels || !schema) return;
    for (const label of labelsOf(context)) {
      if (!(label.key in schema)) report({ range: label.keyRange, message: `Superfluous label present: \`${label.key}\` is not in label-schema.` });
    }
  },
  examples: {
    bad: ['FROM debian:12\nLABEL maintainer=jane team=web'],
    good: ['FROM debian:12\nLABEL maintainer=jane'],
  },
  exampleConfig: { labelSchema: { maintainer: 'text' }, strictLabels: true },
};
