import { finalImageLabels } from '../labels';
import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

/** DL3049: a label required by `label-schema` is not set on the final image. */
export const DL3049: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3049', 'info', 'Label `<label>` is missing.'),
  check(context, report, config) {
    const schema = config.labelSchema;
    const final = context.stages[context.stages.length - 1];
    if (!schema || !final) return;
    const present = finalImageLabels(context);
    for (const key of Object.keys(schema)) {
      if (!present.has(key)) report({ range: final.from.getInstructionRange(), message: `Label \`${key}\` is missing.` });
    }
  },
  examples: {
    bad: ['FROM debian:12\nLABEL maintainer=jane'],
    good: ['FROM debian:12\nLABEL maintainer=jane org.opencontainers.image.source=https://github.com/o/r', 'FROM debian:12 AS base\nLABEL maintainer=jane org.opencontainers.image.source=https://github.com/o/r\nFROM base'],
  },
  exampleConfig: { labelSchema: { maintainer: 'text', 'org.opencontainers.image.source': 'url' } },
};
