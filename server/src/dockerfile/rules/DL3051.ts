import { labelsOf } from '../labels';
import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

/** DL3051: a schema label is set to an empty value. */
export const DL3051: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3051', 'warning', 'Label `<label>` is empty.'),
  check(context, report, config) {
    const schema = config.labelSchema;
    if (!schema) return;
    for (const label of labelsOf(context)) {
      if (label.key in schema && label.value.trim() === '') report({ range: label.valueRange ?? label.keyRange, message: `Label \`${label.key}\` is empty.` });
    }
  },
  examples: {
    bad: ['FROM debian:12\nLABEL maintainer=""'],
    good: ['FROM debian:12\nLABEL maintainer=jane', 'FROM debian:12\nLABEL other=""'],
  },
  exampleConfig: { labelSchema: { maintainer: 'text' } },
};
