import { isSpdx, schemaLabels } from '../labels';
import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

/** DL3054: a label typed `spdx` in `label-schema` has a value of another shape. */
export const DL3054: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3054', 'warning', 'Label `<label>` is not a valid SPDX license identifier.'),
  check(context, report, config) {
    for (const label of schemaLabels(context, config.labelSchema, 'spdx')) {
      if (!isSpdx(label.value)) report({ range: label.valueRange ?? label.keyRange, message: 'Label `<label>` is not a valid SPDX license identifier.'.replace('<label>', label.key) });
    }
  },
  examples: {
    bad: ['FROM debian:12\nLABEL x="Apache 2"'],
    good: ['FROM debian:12\nLABEL x="Apache-2.0 OR MIT"', 'FROM debian:12\nLABEL other="Apache 2"'],
  },
  exampleConfig: { labelSchema: { x: 'spdx' } },
};
