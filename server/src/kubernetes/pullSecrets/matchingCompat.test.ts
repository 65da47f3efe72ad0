// Compatibility with the kubelet's credential keyring (kubernetes/kubernetes
// pkg/credentialprovider/keyring_test.go): its own test cases re-expressed as tables, inputs and
// expected outcomes only. Upstream tests call Lookup(image) on a keyring holding one dockerconfig
// key; `authKeyCoversName(key, image)` answers the same question ("does Lookup find
// credentials?"). Upstream lookup strings are used as they are (some, like
// `prefix.docker.io/path:1111/foo/bar`, are not image references); those that are image references
// are also checked through the product's path, `authKeyMatches(key, parseImageReference(image))`,
// which looks up the normalised name the way the kubelet does (ParseNormalizedNamed(...).Name()).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseImageReference } from '../../image/reference';
import { authKeyCoversName, authKeyMatches, globMatch, isDefaultRegistryMatch, keyringKey, urlsMatch } from './matching';

const DOCKER_HUB_KEY = 'https://index.docker.io/v1/'; // "https://" + defaultRegistryKey

function viaReference(key: string, image: string): boolean | undefined {
  const parsed = parseImageReference(image);
  return parsed.ok ? authKeyMatches(key, parsed.reference) : undefined;
}

/** Lookup(image) on a keyring holding `key` — as a string, and as an image reference when it is one. */
function checkLookup(key: string, image: string, expected: boolean) {
  assert.equal(authKeyCoversName(key, image), expected, `key ${key}, lookup ${image}`);
  const reference = viaReference(key, image);
  if (reference !== undefined) assert.equal(reference, expected, `key ${key}, image reference ${image}`);
}

test('keyring_test.go TestUrlsMatch', () => {
  const cases: [glob: string, target: string, match: boolean][] = [
    // match when there is no path component
    ['*.kubernetes.io', 'prefix.kubernetes.io', true],
    ['prefix.*.io', 'prefix.kubernetes.io', true],
    ['prefix.kubernetes.*', 'prefix.kubernetes.io', true],
    ['*-good.kubernetes.io', 'prefix-good.kubernetes.io', true],
    // match with path components
    ['*.kubernetes.io/blah', 'prefix.kubernetes.io/blah', true],
    ['prefix.*.io/foo', 'prefix.kubernetes.io/foo/bar', true],
    // match with path components and ports
    ['*.kubernetes.io:1111/blah', 'prefix.kubernetes.io:1111/blah', true],
    ['prefix.*.io:1111/foo', 'prefix.kubernetes.io:1111/foo/bar', true],
    // no match when number of parts mismatch
    ['*.kubernetes.io', 'kubernetes.io', false],
    ['*.*.kubernetes.io', 'prefix.kubernetes.io', false],
    ['*.*.kubernetes.io', 'kubernetes.io', false],
    // no match when some parts mismatch
    ['kubernetes.io', 'kubernetes.com', false],
    ['k*.io', 'quay.io', false],
    // no match when ports mismatch
    ['*.kubernetes.io:1234/blah', 'prefix.kubernetes.io:1111/blah', false],
    ['prefix.*.io/foo', 'prefix.kubernetes.io:1111/foo/bar', false],
  ];
  for (const [glob, target, match] of cases) assert.equal(urlsMatch(glob, target), match, `${glob} vs ${target}`);
});

test('keyring_test.go TestDockerKeyringForGlob: found', () => {
  const cases: [key: string, target: string][] = [
    ['https://hello.kubernetes.io', 'hello.kubernetes.io'],
    ['https://*.docker.io', 'prefix.docker.io'],
    ['https://prefix.*.io', 'prefix.docker.io'],
    ['https://prefix.docker.*', 'prefix.docker.io'],
    ['https://*.docker.io/path', 'prefix.docker.io/path'],
    ['https://prefix.*.io/path', 'prefix.docker.io/path/subpath'],
    ['https://prefix.docker.*/path', 'prefix.docker.io/path'],
    ['https://*.docker.io:8888', 'prefix.docker.io:8888'],
    ['https://prefix.*.io:8888', 'prefix.docker.io:8888'],
    ['https://prefix.docker.*:8888', 'prefix.docker.io:8888'],
    ['https://*.docker.io/path:1111', 'prefix.docker.io/path:1111'],
    ['https://*.docker.io/v1/', 'prefix.docker.io/path:1111'],
    ['https://*.docker.io/v2/', 'prefix.docker.io/path:1111'],
    ['https://prefix.docker.*/path:1111', 'prefix.docker.io/path:1111'],
    ['prefix.docker.io:1111', 'prefix.docker.io:1111/path'],
    ['*.docker.io:1111', 'prefix.docker.io:1111/path'],
  ];
  for (const [key, target] of cases) checkLookup(key, `${target}/foo/bar`, true);
});

test('keyring_test.go TestKeyringMiss', () => {
  const cases: [key: string, lookup: string][] = [
    ['https://hello.kubernetes.io', 'world.mesos.org/foo/bar'],
    ['https://*.docker.com', 'prefix.docker.io'],
    ['https://suffix.*.io', 'prefix.docker.io'],
    ['https://prefix.docker.c*', 'prefix.docker.io'],
    ['https://prefix.*.io/path:1111', 'prefix.docker.io/path/subpath:1111'],
    ['suffix.*.io', 'prefix.docker.io'],
  ];
  for (const [key, lookup] of cases) checkLookup(key, `${lookup}/foo/bar`, false);
});

test('keyring_test.go Docker Hub credentials (https://index.docker.io/v1/)', () => {
  // TestKeyringMissWithDockerHubCredentials
  checkLookup(DOCKER_HUB_KEY, 'world.mesos.org/foo/bar', false);
  // TestKeyringHitWithUnqualifiedDockerHub
  checkLookup(DOCKER_HUB_KEY, 'google/docker-registry', true);
  // TestKeyringHitWithUnqualifiedLibraryDockerHub
  checkLookup(DOCKER_HUB_KEY, 'jenkins', true);
  // TestKeyringHitWithQualifiedDockerHub: Lookup(defaultRegistryKey + "/google/docker-registry")
  checkLookup(DOCKER_HUB_KEY, 'index.docker.io/v1//google/docker-registry', true);
  checkLookup(DOCKER_HUB_KEY, 'index.docker.io/google/docker-registry', true);
});

test('keyring_test.go TestIsDefaultRegistryMatch', () => {
  const cases: [image: string, expected: boolean][] = [
    ['foo/bar', true], ['docker.io/foo/bar', true], ['index.docker.io/foo/bar', true], ['foo', true],
    ['', false], ['registry.tld/foo/bar', false], ['registry:5000/foo/bar', false], ['myhostdocker.io/foo/bar', false],
  ];
  for (const [image, expected] of cases) assert.equal(isDefaultRegistryMatch(image), expected, JSON.stringify(image));
});

test('keyring_test.go TestDockerKeyringLookup (keys bar.example.com/pong and bar.example.com)', () => {
  // [lookup, found by "bar.example.com/pong" (grace), found by "bar.example.com" (ada)]
  // Upstream also checks the order (the longer key first); the product only asks whether a
  // Secret covers an image.
  const cases: [lookup: string, grace: boolean, ada: boolean][] = [
    ['bar.example.com', false, true], // direct match
    ['bar.example.com/pong', true, true], // direct match deeper than other possible matches
    ['bar.example.com/ping', false, true], // no direct match, deeper path ignored
    ['bar.example.com/pongz', true, true], // match first part of path token
    ['bar.example.com/pong/pang', true, true], // match regardless of sub-path
    ['example.com', false, false], // no host match
    ['foo.example.com', false, false],
  ];
  for (const [lookup, grace, ada] of cases) {
    assert.equal(authKeyCoversName('bar.example.com/pong', lookup), grace, `bar.example.com/pong vs ${lookup}`);
    assert.equal(authKeyCoversName('bar.example.com', lookup), ada, `bar.example.com vs ${lookup}`);
  }
  // As image references (registry bar.example.com; a bare "bar.example.com" is a Docker Hub name).
  assert.equal(viaReference('bar.example.com/pong', 'bar.example.com/pongz/app'), true);
  assert.equal(viaReference('bar.example.com/pong', 'bar.example.com/ping/app'), false);
  assert.equal(viaReference('bar.example.com', 'bar.example.com/ping/app'), true);
  assert.equal(viaReference('bar.example.com', 'foo.example.com/app'), false);
});

test('keyring_test.go TestIssue3797: https://quay.io/v1/ serves every quay.io image', () => {
  for (const lookup of ['quay.io', 'quay.io/foo', 'quay.io/foo/bar']) assert.ok(authKeyCoversName('https://quay.io/v1/', lookup), lookup);
  assert.equal(viaReference('https://quay.io/v1/', 'quay.io/foo/bar:1'), true);
});

// Facts of keyring.go's code that its tests do not spell out.
test('keyring.go: keyring keys (Add)', () => {
  const cases: [dockerConfigKey: string, key: string | undefined][] = [
    ['https://index.docker.io/v1/', 'index.docker.io'],
    ['index.docker.io', 'index.docker.io'],
    ['https://quay.io/v2/', 'quay.io'],
    ['quay.io/v1/team', 'quay.io/team'],
    ['http://registry.acme.com:5000/', 'registry.acme.com:5000'],
    ['https://user@registry.acme.com/x', 'registry.acme.com/x'], // user info dropped
    ['registry.acme.com:443', 'registry.acme.com:443'], // no default-port removal
    ['Registry.Acme.com', 'Registry.Acme.com'], // no lowercasing
    ['registry-?.acme.com', 'registry-'], // `?` starts the query
    ['registry.acme.com:http', undefined], // invalid port: entry ignored
    ['bad host.com', undefined],
  ];
  for (const [dockerConfigKey, key] of cases) assert.equal(keyringKey(dockerConfigKey), key, dockerConfigKey);
});

test('keyring.go: Docker Hub, ports, case and globs as the kubelet applies them', () => {
  // Only the exact key index.docker.io is Docker Hub's fallback; other index.docker.io keys
  // never match docker.io/... names.
  assert.equal(viaReference('https://index.docker.io/v1/', 'bitnami/redis:7'), true);
  assert.equal(viaReference('index.docker.io/bitnami', 'bitnami/redis:7'), false);
  assert.equal(viaReference('https://index.docker.io/v1/library', 'nginx'), false);
  // docker.io keys match docker.io/... names directly, path prefix included.
  assert.equal(viaReference('docker.io', 'nginx'), true);
  assert.equal(viaReference('docker.io/bitnami', 'bitnami/redis:7'), true);
  assert.equal(viaReference('docker.io/bitnami', 'nginx'), false);
  // The fallback serves any name whose first component has no "." or ":", such as localhost/app.
  assert.equal(viaReference('https://index.docker.io/v1/', 'localhost/app'), true);
  assert.equal(viaReference('https://index.docker.io/v1/', 'localhost:5000/app'), false);
  // Ports are compared as written.
  assert.equal(viaReference('registry.acme.com:443', 'registry.acme.com:443/app'), true);
  assert.equal(viaReference('https://registry.acme.com:443', 'registry.acme.com/app'), false);
  // Host labels are case-sensitive (Go keeps the case, filepath.Match compares it).
  assert.equal(viaReference('Registry.acme.com', 'registry.acme.com/app'), false);
  assert.equal(viaReference('registry.acme.com', 'Registry.acme.com/app'), false);
  // IPv6 registries.
  assert.equal(viaReference('[::1]:5000', '[::1]:5000/app'), true);
  assert.equal(viaReference('[::1]:5000', '[::1]:5001/app'), false);
  // filepath.Match: `^` negates a class, `!` is an ordinary character; bad patterns never match.
  assert.ok(globMatch('[^ab]x', 'cx'));
  assert.ok(!globMatch('[^ab]x', 'bx'));
  assert.ok(globMatch('[!ab]x', 'bx'));
  assert.ok(globMatch('r[0-9]', 'r7'));
  assert.ok(!globMatch('r[', 'r'));
  assert.ok(!globMatch('[a-]', 'a'));
  assert.equal(viaReference('registry[0-9].acme.com', 'registry1.acme.com/app'), true);
});
