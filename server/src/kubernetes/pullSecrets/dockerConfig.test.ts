import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeDockerConfig } from './dockerConfig';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const auth = b64('user:pass');

test('decodes .dockerconfigjson (data and stringData) and legacy .dockercfg', () => {
  const json = JSON.stringify({ auths: { 'ghcr.io': { auth }, 'registry.acme.com': { username: 'u', password: 'p' } } });
  const data = decodeDockerConfig('.dockerconfigjson', b64(json), true);
  assert.deepEqual(data.ok && data.config.registries, ['ghcr.io', 'registry.acme.com']);
  assert.ok(decodeDockerConfig('.dockerconfigjson', json, false).ok);
  const legacy = decodeDockerConfig('.dockercfg', b64(JSON.stringify({ 'https://index.docker.io/v1/': { auth, email: 'x@y' } })), true);
  assert.deepEqual(legacy.ok && legacy.config.registries, ['https://index.docker.io/v1/']);
});

test('says why a config is unusable', () => {
  const problem = (value: string, encoded = true) => {
    const r = decodeDockerConfig('.dockerconfigjson', value, encoded);
    assert.ok(!r.ok, `${value} should not decode`);
    return r.problem;
  };
  assert.match(problem('not base64!'), /not valid base64/);
  assert.match(problem(b64('{nope')), /not valid JSON/);
  assert.match(problem(b64('{"credsStore":"desktop"}')), /no "auths"/);
  assert.match(problem(b64(JSON.stringify({ auths: { 'ghcr.io': { auth: b64('nocolon') } } }))), /user:password/);
  assert.match(problem(b64(JSON.stringify({ auths: { 'ghcr.io': { auth: '!!!' } } }))), /user:password/);
  assert.match(problem(b64(JSON.stringify({ auths: { 'ghcr.io': {} } }))), /neither/);
  assert.match(problem(b64(JSON.stringify({ auths: {} }))), /no registry entries/);
});

test('base64 must be padded, as Go decodes it', () => {
  const json = JSON.stringify({ auths: { 'ghcr.io': { auth } } });
  const unpadded = b64(json).replace(/=+$/, '');
  if (unpadded !== b64(json)) assert.ok(!decodeDockerConfig('.dockerconfigjson', unpadded, true).ok);
  const noPad = JSON.stringify({ auths: { 'ghcr.io': { auth: b64('user:pw').replace(/=+$/, '') } } });
  assert.ok(b64('user:pw').endsWith('='), 'the sample needs padding');
  assert.ok(!decodeDockerConfig('.dockerconfigjson', noPad, false).ok);
});
