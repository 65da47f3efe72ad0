import assert from 'node:assert/strict';
import { test } from 'node:test';
import { covered, findingsOf, applyFix } from '../testHelpers';
import { isSensitiveName } from './DL3064';

test('DL3064 matches whole words, with an allow-list', () => {
  for (const name of ['DB_PASSWORD', 'MYSQL_ROOT_PASSWORD', 'GITHUB_TOKEN', 'npmToken', 'STRIPE_API_KEY', 'PRIVATE_KEY', 'AWS_ACCESS_KEY_ID', 'CLIENT_SECRET', 'OKTA_OAUTH2_CLIENTSECRET']) {
    assert.ok(isSensitiveName(name), name);
  }
  for (const name of ['TOKENIZERS_PARALLELISM', 'PASSWORD_FILE', 'MYSQL_PASSWORD_FILE', 'PUBLIC_KEY', 'GPG_KEY', 'SECRET_NAME', 'PASSENGER_APP_ENV',
    'KEYCLOAK_VERSION', 'PWD', 'TOKEN_URL', 'NODE_OPTIONS', 'CARGO_HOME', 'AUTHOR', 'PRIVATE_REGISTRY_HOST']) {
    assert.ok(!isSensitiveName(name), name);
  }
});

test('DL3064 marks the variable name', () => {
  const text = 'FROM debian:12\nENV A=1 DB_PASSWORD=x\n';
  assert.deepEqual(covered(text, findingsOf('DL3064', text)), ['DB_PASSWORD']);
});

test('DL4000 fix turns MAINTAINER into a label', () => {
  const text = 'FROM debian:12\nMAINTAINER Jane "JD" Doe <jane@example.com>\n';
  const [finding] = findingsOf('DL4000', text);
  assert.equal(applyFix(text, finding!.fixes![0]!), 'FROM debian:12\nLABEL maintainer="Jane \\"JD\\" Doe <jane@example.com>"\n');
});

test('DL3044 marks the reference', () => {
  const text = 'FROM debian:12\nENV HOME=/app BIN=${HOME}/bin\n';
  assert.deepEqual(covered(text, findingsOf('DL3044', text)), ['${HOME}']);
});
