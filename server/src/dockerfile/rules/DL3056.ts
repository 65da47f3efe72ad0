import { isSemver, schemaLabels } from '../labels';
import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

/** DL3056: a label typed `semver` in `label-schema` has a value of another shape. */
export const DL3056: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3056', 'warning', 'Label `<label>` does not conform to semantic versioning.'),
  check(context, report, config) {
    for (const label of schemaLabels(context, config.labelSchema, 'semver')) {
      if (!isSemver(label.value)) report({ range: label.valueRange ?? label.keyRange, message: 'Label `<label>` does not conform to semantic versioning.'.replace('<label>', label.key) });
    }
  },
  examples: {
    bad: ['FROM debian:12\nLABEL x="1.2"'],
    good: ['FROM debian:12\nLABEL x="1.2.3-rc.1+build.5"', 'FROM debian:12\nLABEL other="1.2"'],
  },
  exampleConfig: { labelSchema: { x: 'semver' } },
};
