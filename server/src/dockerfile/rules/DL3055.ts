import { isGitHash, schemaLabels } from '../labels';
import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

/** DL3055: a label typed `hash` in `label-schema` has a value of another shape. */
export const DL3055: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3055', 'warning', 'Label `<label>` is not a valid git hash.'),
  check(context, report, config) {
    for (const label of schemaLabels(context, config.labelSchema, 'hash')) {
      if (!isGitHash(label.value)) report({ range: label.valueRange ?? label.keyRange, message: 'Label `<label>` is not a valid git hash.'.replace('<label>', label.key) });
    }
  },
  examples: {
    bad: ['FROM debian:12\nLABEL x="main"'],
    good: ['FROM debian:12\nLABEL x="0123456789abcdef0123456789abcdef01234567"', 'FROM debian:12\nLABEL other="main"'],
  },
  exampleConfig: { labelSchema: { x: 'hash' } },
};
