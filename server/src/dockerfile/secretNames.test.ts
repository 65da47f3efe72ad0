import assert from 'node:assert/strict';
import { test } from 'node:test';
import { looksLikeSecretName } from './secretNames';

test('secret-looking names: BuildKit tokens on _ boundaries', () => {
  for (const name of ['GITHUB_TOKEN', 'DB_PASSWORD', 'api_key', 'APIKEY', 'AUTH', 'SECRET_KEY_BASE', 'NPM_AUTH_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'PASSWD']) {
    assert.ok(looksLikeSecretName(name), name);
  }
});

test('allow-list: where a secret lives, public keys, key ids; no token inside words', () => {
  for (const name of ['DB_PASSWORD_FILE', 'PUBLIC_KEY', 'SSH_PUBLIC_KEY', 'GPG_KEY', 'GPG_KEYS', 'SIGNING_KEY_ID', 'APT_KEYRING',
    'TOKEN_URL', 'MONKEY', 'TOKENIZER_PATH', 'KEYCLOAK_VERSION', 'AUTHOR', 'PASSWORD_MIN_LENGTH']) {
    assert.ok(!looksLikeSecretName(name), name);
  }
});
