import type { Property } from 'dockerfile-ast';
import { buildModel } from '../buildkit/model';
import { looksLikeSecretName } from '../secretNames';
import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

/** BuildKit SecretsUsedInArgOrEnv: ARG/ENV values end up in the image's history and config. */
export const SecretsUsedInArgOrEnv: DockerfileRule = {
  meta: dockerfileRuleMeta('SecretsUsedInArgOrEnv', 'warning', 'Sensitive data should not be used in the ARG or ENV commands'),
  check(context, report) {
    // Global ARGs (before the first FROM) are not checked: BuildKit checks stage ARGs only.
    for (const stage of buildModel(context).stages) {
      for (const instruction of stage.instructions) {
        const keyword = instruction.getKeyword();
        if (keyword !== 'ARG' && keyword !== 'ENV') continue;
        for (const property of (instruction as unknown as { getProperties(): Property[] }).getProperties()) {
          const name = property.getName();
          if (!looksLikeSecretName(name)) continue;
          report({ range: property.getNameRange(), message: `Do not use ARG or ENV instructions for sensitive data (${keyword} "${name}")` });
        }
      }
    }
  },
  examples: {
    bad: ['FROM alpine:3.20\nARG GITHUB_TOKEN', 'FROM alpine:3.20\nENV DB_PASSWORD=hunter2', 'FROM alpine:3.20\nENV api_key=x'],
    good: [
      'FROM alpine:3.20\nENV DB_PASSWORD_FILE=/run/secrets/db',
      'FROM alpine:3.20\nENV PUBLIC_KEY=abc',
      'FROM alpine:3.20\nENV GPG_KEY=0123ABCD',
      'FROM alpine:3.20\nARG MONKEY=1\nENV TOKENIZER=x',
      'ARG NPM_TOKEN\nFROM alpine:3.20',
    ],
  },
};
