import assert from 'node:assert/strict';
import { test } from 'node:test';
import { familiarName, isMutable, parseImageReference } from './reference';

const ok = (text: string) => {
  const result = parseImageReference(text);
  assert.ok(result.ok, `${text}: ${!result.ok ? result.error : ''}`);
  return result.reference;
};
const bad = (text: string, pattern: RegExp) => {
  const result = parseImageReference(text);
  assert.ok(!result.ok, `${text} should not parse`);
  assert.match(result.error, pattern);
};

test('Docker Hub normalisation', () => {
  assert.deepEqual([ok('nginx').registry, ok('nginx').repository], ['docker.io', 'library/nginx']);
  assert.equal(ok('bitnami/redis:7').repository, 'bitnami/redis');
  assert.equal(ok('index.docker.io/library/nginx').registry, 'docker.io');
  assert.equal(familiarName(ok('docker.io/library/nginx:1')), 'nginx');
});

test('a first component is a domain only with ".", ":", localhost or uppercase', () => {
  const withPort = ok('localhost:5000/app');
  assert.equal(withPort.registry, 'localhost:5000');
  assert.equal(withPort.tag, undefined, 'the port is not a tag');
  assert.equal(ok('localhost/app:1').registry, 'localhost');
  assert.equal(ok('ghcr.io/acme/app:1.2').registry, 'ghcr.io');
  assert.equal(ok('acme/app').registry, 'docker.io');
  assert.equal(ok('Registry/app').registry, 'Registry');
  assert.equal(ok('[::1]:5000/app:v1').registry, '[::1]:5000');
});

test('tags and digests with their offsets', () => {
  const digest = 'sha256:' + 'ab'.repeat(32);
  const ref = ok(`registry.example.com:5000/team/app:1.0-rc.1@${digest}`);
  assert.equal(ref.tag, '1.0-rc.1');
  assert.equal(ref.digest, digest);
  assert.equal(ref.original.slice(ref.tagOffset, ref.tagOffset! + 8), '1.0-rc.1');
  assert.equal(ref.original.slice(ref.digestOffset), digest);
  assert.equal(isMutable(ok('nginx')), true);
  assert.equal(isMutable(ok('nginx:latest')), true);
  assert.equal(isMutable(ok('nginx:1.27')), false);
  assert.equal(isMutable(ok(`nginx@${digest}`)), false);
});

test('invalid references say why', () => {
  bad('', /empty/);
  bad('nginx:', /tag is empty/);
  bad('acme/MyApp:1', /lowercase/);
  bad('nginx@sha256:abc', /64 lowercase/);
  bad('nginx@sha256:' + 'A'.repeat(64), /64 lowercase/);
  bad('https://ghcr.io/acme/app', /URL scheme/);
  bad('nginx :1', /whitespace/);
  bad('nginx:-bad', /invalid tag/);
  bad('a'.repeat(64), /image ID/);
  bad('acme//app', /invalid repository path/);
  bad('nginx:' + 'x'.repeat(129), /invalid tag/);
});

test('Kubernetes-style references: registries with ports, nested paths, Docker Hub aliases', () => {
  const ecr = ok('123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/web:2024.01.05');
  assert.deepEqual([ecr.registry, ecr.repository, ecr.tag], ['123456789012.dkr.ecr.eu-west-1.amazonaws.com', 'team/web', '2024.01.05']);
  const port = ok('registry.acme.com:5000/a/b/c');
  assert.deepEqual([port.registry, port.repository, port.tag], ['registry.acme.com:5000', 'a/b/c', undefined]);
  assert.equal(ok('docker.io/nginx').repository, 'library/nginx');
  assert.equal(ok('index.docker.io/nginx').repository, 'library/nginx');
  assert.equal(ok('docker.io/bitnami/redis').repository, 'bitnami/redis');
  assert.equal(ok('k8s.gcr.io/pause:3.9').registry, 'k8s.gcr.io');
  assert.equal(ok('localhost/app').tag, undefined);
  assert.equal(ok('localhost:5000/app:latest').tag, 'latest');
  assert.equal(ok('my-registry.local:5000/a__b/c.d/e-f--g:V1_2').tag, 'V1_2');
  assert.equal(ok('nginx:_x').tag, '_x', 'a tag may start with an underscore');
  assert.equal(ok('nginx@sha512:' + 'c'.repeat(128)).digest, 'sha512:' + 'c'.repeat(128));
});

test('more invalid references', () => {
  bad('nginx@sha256:' + 'a'.repeat(63), /64 lowercase/);
  bad('nginx@', /invalid digest/);
  bad('nginx:1.0:2', /invalid repository path/);
  bad('my_registry.com:5000/app', /invalid repository path|invalid registry host/);
  bad('ghcr.io/acme/app_:1', /invalid repository path/);
  bad('ghcr.io/acme/-app:1', /invalid repository path/);
  bad('nginx:1\n', /whitespace/);
  bad(' nginx', /whitespace/);
  bad('docker://nginx', /URL scheme/);
  bad('ghcr.io/', /empty/);
  bad('ghcr.io/Acme/app', /lowercase/);
  bad('a/'.repeat(130) + 'b', /longer than 255/);
});
