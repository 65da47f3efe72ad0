import { isUrl, schemaLabels } from '../labels';
import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

/** DL3052: a label typed `url` in `label-schema` has a value of another shape. */
export const DL3052: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3052', 'warning', 'Label `<label>` is not a valid URL.'),
  check(context, report, config) {
    for (const label of schemaLabels(context, config.labelSchema, 'url')) {
      if (!isUrl(label.value)) report({ range: label.valueRange ?? label.keyRange, message: 'Label `<label>` is not a valid URL.'.replace('<label>', label.key) });
    }
  },
  examples: {
    bad: ['FROM debian:12\nLABEL x="github.com/org/repo"'],
    good: ['FROM debian:12\nLABEL x="https://github.com/org/repo"', 'FROM debian:12\nLABEL other="github.com/org/repo"'],
  },
  exampleConfig: { labelSchema: { x: 'url' } },
};
