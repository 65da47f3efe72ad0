import { isEmail, schemaLabels } from '../labels';
import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

/** DL3058: a label typed `email` in `label-schema` has a value of another shape. */
export const DL3058: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3058', 'warning', 'Label `<label>` is not a valid email format - must conform to RFC5322.'),
  check(context, report, config) {
    for (const label of schemaLabels(context, config.labelSchema, 'email')) {
      if (!isEmail(label.value)) report({ range: label.valueRange ?? label.keyRange, message: 'Label `<label>` is not a valid email format - must conform to RFC5322.'.replace('<label>', label.key) });
    }
  },
  examples: {
    bad: ['FROM debian:12\nLABEL x="jane at example.com"'],
    good: ['FROM debian:12\nLABEL x="jane@example.com"', 'FROM debian:12\nLABEL other="jane at example.com"'],
  },
  exampleConfig: { labelSchema: { x: 'email' } },
};
