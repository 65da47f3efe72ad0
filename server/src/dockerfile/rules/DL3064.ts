import type { Arg, Env, Property } from 'dockerfile-ast';
import { dockerfileRuleMeta, type DockerfileRule } from '../rule';
import { looksLikeSecretName } from '../secretNames';

/** hadolint's list of well-known secret names (identifiers such as user names left out). */
const KNOWN = new Set(['ACCESS_TOKEN', 'APPLICATION_KEY', 'APP_SECRET', 'AUTH_TOKEN', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY',
  'BITTREX_API_KEY', 'BITTREX_API_SECRET', 'CF_PASSWORD', 'CIRCLE_TOKEN', 'CI_DEPLOY_PASSWORD', 'DOCKERHUB_PASSWORD', 'DOCKER_PASSWORD',
  'FACEBOOK_ACCESS_TOKEN', 'FACEBOOK_APP_SECRET', 'FIREBASE_API_TOKEN', 'FIREBASE_TOKEN', 'FOSSA_API_KEY', 'GH_ENTERPRISE_TOKEN', 'GH_TOKEN',
  'GITHUB_ENTERPRISE_TOKEN', 'GITHUB_TOKEN', 'HEROKU_API_KEY', 'NPM_AUTH_TOKEN', 'NPM_TOKEN', 'OKTA_CLIENT_TOKEN', 'OKTA_OAUTH2_CLIENTSECRET',
  'OPENAI_API_KEY', 'OS_PASSWORD', 'POSTGRES_PASSWORD', 'SLACK_TOKEN', 'STRIPE_API_KEY', 'VAULT_CLIENT_KEY', 'VAULT_TOKEN']);

/**
 * DL3064: ARG and ENV values end up in the image history/config. hadolint's list of well-known
 * names, plus the shared token detector (`secretNames.ts`: `_`-delimited words with an
 * allow-list) on the name with camelCase split, so `TOKENIZERS_PARALLELISM`, `PASSWORD_FILE`,
 * `PUBLIC_KEY` and `GPG_KEY` are not reported while `DB_PASSWORD` and `githubToken` are.
 */
export const DL3064: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3064', 'warning', 'Potentially sensitive data should not be used in the `ARG` or `ENV` commands'),
  check(context, report) {
    const check = (property: Property | null, keyword: string) => {
      if (!property || !isSensitiveName(property.getName())) return;
      report({
        range: property.getNameRange(),
        message: `Potentially sensitive data should not be used in the \`${keyword}\` commands: \`${property.getName()}\` is stored in the image; use a build secret (\`RUN --mount=type=secret\`) or pass it at run time`,
      });
    };
    for (const info of context.all('ARG', true)) check((info.node as Arg).getProperty(), 'ARG');
    for (const info of context.all('ENV', true)) for (const p of (info.node as Env).getProperties()) check(p, 'ENV');
  },
  examples: {
    bad: ['FROM debian:12\nARG GITHUB_TOKEN', 'FROM debian:12\nENV DB_PASSWORD=changeme', 'FROM debian:12\nENV apiKey=x', 'FROM debian:12\nARG AWS_SECRET_ACCESS_KEY'],
    good: [
      'FROM debian:12\nENV DB_PASSWORD_FILE=/run/secrets/db',
      'FROM debian:12\nENV TOKENIZERS_PARALLELISM=false',
      'FROM debian:12\nENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D',
      'FROM debian:12\nARG PUBLIC_KEY_URL',
      'FROM debian:12\nENV PASSENGER_VERSION=6.0',
      'FROM debian:12\nARG SECRET_NAME=db',
    ],
  },
};

export function isSensitiveName(name: string): boolean {
  if (KNOWN.has(name.toUpperCase())) return true;
  return looksLikeSecretName(name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[-.]/g, '_'));
}
