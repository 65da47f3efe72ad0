import { isRfc3339, schemaLabels } from '../labels';
import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

/** DL3053: a label typed `rfc3339` in `label-schema` has a value of another shape. */
export const DL3053: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3053', 'warning', 'Label `<label>` is not a valid time format - must conform to RFC3339.'),
  check(context, report, config) {
    for (const label of schemaLabels(context, config.labelSchema, 'rfc3339')) {
      if (!isRfc3339(label.value)) report({ range: label.valueRange ?? label.keyRange, message: 'Label `<label>` is not a valid time format - must conform to RFC3339.'.replace('<label>', label.key) });
    }
  },
  examples: {
    bad: ['FROM debian:12\nLABEL x="2024-13-01"'],
    good: ['FROM debian:12\nLABEL x="2024-05-01T12:30:00Z"', 'FROM debian:12\nLABEL other="2024-13-01"'],
  },
  exampleConfig: { labelSchema: { x: 'rfc3339' } },
};
