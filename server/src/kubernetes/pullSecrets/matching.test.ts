import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseImageReference } from '../../image/reference';
import { authKeyMatches, globMatch } from './matching';

const ref = (text: string) => {
  const r = parseImageReference(text);
  assert.ok(r.ok);
  return r.reference;
};
const matches = (key: string, image: string) => authKeyMatches(key, ref(image));

test('host keys in any URL form; /v1/ and /v2/ dropped', () => {
  assert.ok(matches('registry.acme.com', 'registry.acme.com/team/app:1'));
  assert.ok(matches('https://registry.acme.com', 'registry.acme.com/app'));
  assert.ok(matches('https://registry.acme.com/v2/', 'registry.acme.com/app'));
  assert.ok(matches('registry.acme.com/v1/', 'registry.acme.com/app'));
  assert.ok(!matches('registry.acme.com', 'other.acme.com/app'));
});

test('the port must be equal', () => {
  assert.ok(matches('localhost:5000', 'localhost:5000/app'));
  assert.ok(!matches('localhost:5000', 'localhost:5001/app'));
  assert.ok(!matches('registry.acme.com', 'registry.acme.com:443/app'));
  assert.ok(!matches('registry.acme.com:5000', 'registry.acme.com/app'));
});

test('globs match one host label per *', () => {
  assert.ok(matches('*.acme.com', 'registry.acme.com/app'));
  assert.ok(!matches('*.acme.com', 'a.registry.acme.com/app'), 'one * is one label');
  assert.ok(!matches('*.acme.com', 'acme.com/app'));
  assert.ok(matches('*.*.acme.com', 'a.registry.acme.com/app'));
  assert.ok(!matches('registry-?.acme.com', 'registry-1.acme.com/app'), '? starts the URL query, as in Go');
  assert.ok(globMatch('[ab]x', 'bx'));
  assert.ok(globMatch('[!ab]x', 'bx'), 'Go: ! is not negation');
  assert.ok(!globMatch('[^ab]x', 'bx'));
});

test('the key path is a string prefix of the image path', () => {
  assert.ok(matches('ghcr.io/acme', 'ghcr.io/acme/app:1'));
  assert.ok(!matches('ghcr.io/acme', 'ghcr.io/other/app:1'));
  assert.ok(matches('ghcr.io/acme', 'ghcr.io/acmecorp/app:1'), 'the kubelet compares strings, not segments');
});

test('index.docker.io and docker.io keys cover Docker Hub images', () => {
  assert.ok(matches('https://index.docker.io/v1/', 'nginx:1'));
  assert.ok(matches('index.docker.io', 'bitnami/redis:7'));
  assert.ok(matches('docker.io', 'docker.io/library/nginx'));
  assert.ok(!matches('https://index.docker.io/v1/', 'ghcr.io/acme/app'));
  assert.ok(!matches('ghcr.io', 'nginx'));
});
