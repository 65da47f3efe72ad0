// Compatibility with distribution/reference (github.com/distribution/reference, the package Docker,
// containerd and the kubelet use): its own test cases, re-expressed as tables. Only inputs and
// expected outputs are carried over. Sources (upstream file → upstream test):
//   reference_test.go  TestReferenceParse, TestWithNameFailure, TestDomainAndPath, TestSerialization, TestParseNamed
//   normalize_test.go  TestValidateReferenceName, TestValidateRemoteName, TestParseRepositoryInfo,
//                      TestParseReferenceWithTagAndDigest, TestInvalidReferenceComponents,
//                      TestParseAnyReference, TestNormalizedSplitHostname, TestParseDockerRef
//   regexp_test.go     TestDomainRegexp, TestFullNameRegexp, TestReferenceRegexp, TestIdentifierRegexp
//
// Our parser is ParseNormalizedNamed (what `docker pull`, containerd and the kubelet apply to an
// image string), so:
// - `Parse` cases (no normalisation) compare accept/reject, the full name (our domain + "/" + path),
//   tag and digest. `Parse` calls any first component that fits the host grammar a domain ("a/b":
//   domain "a"); ParseNormalizedNamed only one with ".", ":", `localhost` or uppercase. Rows marked
//   `hub` are those where upstream's Parse domain is a Docker Hub namespace for us.
// - regexp cases go through the whole parser: a domain `d` as `d/x`, a name as a reference that
//   must come back without tag or digest.
// - our friendlier rejections (URL scheme, whitespace, image ID) only change the message.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { familiarName, formatReference, normalisedName, parseImageReference, type ImageReference } from './reference';

const SHA256_F = 'sha256:' + 'f'.repeat(64);
const SHA512_F = 'sha512:' + 'f'.repeat(128);

function parse(input: string) {
  return parseImageReference(input);
}
function mustParse(input: string): ImageReference {
  const result = parse(input);
  assert.ok(result.ok, `${JSON.stringify(input)} should parse: ${!result.ok ? result.error : ''}`);
  return result.reference;
}
function mustFail(input: string, why = '') {
  const result = parse(input);
  assert.ok(!result.ok, `${JSON.stringify(input)} should not parse ${why}`.trim());
  assert.ok(result.error.length > 0);
}
/** The name as upstream's Named.Name() prints it for Parse: domain as written, then path. */
const writtenName = (ref: ImageReference) => (ref.domain !== undefined ? `${ref.domain}/${ref.path}` : ref.path);
/** ParseDockerRef(...).String(): digest wins over tag, `latest` when neither. */
const dockerRef = (ref: ImageReference) =>
  `${normalisedName(ref)}${ref.digest ? '@' + ref.digest : ':' + (ref.tag ?? 'latest')}`;
/** ParseNamed accepts only the canonical form (normalised, nothing implied). */
const isCanonical = (input: string, ref: ImageReference) => formatReference(ref) === input;

// ---------------------------------------------------------------------------------------------
// reference_test.go — TestReferenceParse (Parse)

interface ParseCase {
  input: string;
  /** Parse fails (upstream error named for the record). */
  err?: string;
  /** Named.Name() */
  repository?: string;
  /** Domain() under Parse. */
  domain?: string;
  /** Upstream's Parse domain is a Docker Hub namespace for ParseNormalizedNamed (see header). */
  hub?: true;
  tag?: string;
  digest?: string;
}

const referenceParse: ParseCase[] = [
  { input: 'test_com', repository: 'test_com' },
  { input: 'test.com:tag', repository: 'test.com', tag: 'tag' },
  { input: 'test.com:5000', repository: 'test.com', tag: '5000' },
  { input: 'test.com/repo:tag', domain: 'test.com', repository: 'test.com/repo', tag: 'tag' },
  { input: 'test:5000/repo', domain: 'test:5000', repository: 'test:5000/repo' },
  { input: 'test:5000/repo:tag', domain: 'test:5000', repository: 'test:5000/repo', tag: 'tag' },
  { input: `test:5000/repo@${SHA256_F}`, domain: 'test:5000', repository: 'test:5000/repo', digest: SHA256_F },
  { input: `test:5000/repo:tag@${SHA256_F}`, domain: 'test:5000', repository: 'test:5000/repo', tag: 'tag', digest: SHA256_F },
  { input: '', err: 'ErrNameEmpty' },
  { input: ':justtag', err: 'ErrReferenceInvalidFormat' },
  { input: `@${SHA256_F}`, err: 'ErrReferenceInvalidFormat' },
  { input: 'repo@sha256:' + 'f'.repeat(34), err: 'ErrDigestInvalidLength' },
  { input: 'validname@invaliddigest:' + 'f'.repeat(64), err: 'ErrDigestUnsupported' },
  { input: 'Uppercase:tag', err: 'ErrNameContainsUppercase' },
  { input: 'test:5000/Uppercase/lowercase:tag', err: 'ErrNameContainsUppercase' },
  { input: 'lowercase:Uppercase', repository: 'lowercase', tag: 'Uppercase' },
  // current upstream: only the path counts towards the 255 limit
  { input: 'domain/' + 'a'.repeat(256) + ':tag', err: 'ErrNameTooLong' },
  { input: 'a/'.repeat(127) + 'a:tag-puts-this-over-max', domain: 'a', hub: true, repository: 'a/'.repeat(127) + 'a', tag: 'tag-puts-this-over-max' },
  { input: 'aa/asdf$$^/aa', err: 'ErrReferenceInvalidFormat' },
  { input: 'sub-dom1.foo.com/bar/baz/quux', domain: 'sub-dom1.foo.com', repository: 'sub-dom1.foo.com/bar/baz/quux' },
  { input: 'sub-dom1.foo.com/bar/baz/quux:some-long-tag', domain: 'sub-dom1.foo.com', repository: 'sub-dom1.foo.com/bar/baz/quux', tag: 'some-long-tag' },
  { input: 'b.gcr.io/test.example.com/my-app:test.example.com', domain: 'b.gcr.io', repository: 'b.gcr.io/test.example.com/my-app', tag: 'test.example.com' },
  { input: 'xn--n3h.com/myimage:xn--n3h.com', domain: 'xn--n3h.com', repository: 'xn--n3h.com/myimage', tag: 'xn--n3h.com' },
  { input: `xn--7o8h.com/myimage:xn--7o8h.com@${SHA512_F}`, domain: 'xn--7o8h.com', repository: 'xn--7o8h.com/myimage', tag: 'xn--7o8h.com', digest: SHA512_F },
  { input: 'foo_bar.com:8080', repository: 'foo_bar.com', tag: '8080' },
  { input: 'foo/foo_bar.com:8080', domain: 'foo', hub: true, repository: 'foo/foo_bar.com', tag: '8080' },
  { input: '192.168.1.1', repository: '192.168.1.1' },
  { input: '192.168.1.1:tag', repository: '192.168.1.1', tag: 'tag' },
  { input: '192.168.1.1:5000', repository: '192.168.1.1', tag: '5000' },
  { input: '192.168.1.1/repo', domain: '192.168.1.1', repository: '192.168.1.1/repo' },
  { input: '192.168.1.1:5000/repo', domain: '192.168.1.1:5000', repository: '192.168.1.1:5000/repo' },
  { input: '192.168.1.1:5000/repo:5050', domain: '192.168.1.1:5000', repository: '192.168.1.1:5000/repo', tag: '5050' },
  { input: '[2001:db8::1]', err: 'ErrReferenceInvalidFormat' },
  { input: '[2001:db8::1]:5000', err: 'ErrReferenceInvalidFormat' },
  { input: '[2001:db8::1]:tag', err: 'ErrReferenceInvalidFormat' },
  { input: '[2001:db8::1]/repo', domain: '[2001:db8::1]', repository: '[2001:db8::1]/repo' },
  { input: '[2001:db8:1:2:3:4:5:6]/repo:tag', domain: '[2001:db8:1:2:3:4:5:6]', repository: '[2001:db8:1:2:3:4:5:6]/repo', tag: 'tag' },
  { input: '[2001:db8::1]:5000/repo', domain: '[2001:db8::1]:5000', repository: '[2001:db8::1]:5000/repo' },
  { input: '[2001:db8::1]:5000/repo:tag', domain: '[2001:db8::1]:5000', repository: '[2001:db8::1]:5000/repo', tag: 'tag' },
  { input: `[2001:db8::1]:5000/repo@${SHA256_F}`, domain: '[2001:db8::1]:5000', repository: '[2001:db8::1]:5000/repo', digest: SHA256_F },
  { input: `[2001:db8::1]:5000/repo:tag@${SHA256_F}`, domain: '[2001:db8::1]:5000', repository: '[2001:db8::1]:5000/repo', tag: 'tag', digest: SHA256_F },
  { input: '[2001:db8::]:5000/repo', domain: '[2001:db8::]:5000', repository: '[2001:db8::]:5000/repo' },
  { input: '[::1]:5000/repo', domain: '[::1]:5000', repository: '[::1]:5000/repo' },
  { input: '[fe80::1%eth0]:5000/repo', err: 'ErrReferenceInvalidFormat' },
  { input: '[fe80::1%@invalidzone]:5000/repo', err: 'ErrReferenceInvalidFormat' },
  { input: 'example.com/' + 'a'.repeat(255) + ':tag', domain: 'example.com', repository: 'example.com/' + 'a'.repeat(255), tag: 'tag' },
  // the older version of the table (distribution/distribution reference/reference_test.go)
  { input: 'a/'.repeat(128) + 'a:tag', err: 'ErrNameTooLong' },
  // TestSerialization's inputs (a Field unmarshals with Parse)
  { input: 'example.com:8000/named', domain: 'example.com:8000', repository: 'example.com:8000/named' },
  { input: 'example.com:8000/named:tagged', domain: 'example.com:8000', repository: 'example.com:8000/named', tag: 'tagged' },
  {
    input: 'other.com/named@sha256:1234567890098765432112345667890098765432112345667890098765432112',
    domain: 'other.com', repository: 'other.com/named', digest: 'sha256:1234567890098765432112345667890098765432112345667890098765432112',
  },
];

function checkParseCase(c: ParseCase) {
  if (c.err) return mustFail(c.input, `(upstream: ${c.err})`);
  const ref = mustParse(c.input);
  assert.equal(writtenName(ref), c.repository, `${c.input}: name`);
  if (c.domain === undefined || c.hub) {
    assert.equal(ref.domain, undefined, `${c.input}: no registry written`);
    assert.equal(ref.registry, 'docker.io', `${c.input}: a Docker Hub name`);
  } else {
    assert.equal(ref.domain, c.domain, `${c.input}: domain`);
  }
  assert.equal(ref.tag, c.tag, `${c.input}: tag`);
  assert.equal(ref.digest, c.digest, `${c.input}: digest`);
}

test('reference_test.go TestReferenceParse (+ TestSerialization inputs)', () => {
  for (const c of referenceParse) checkParseCase(c);
});

// reference_test.go — TestWithNameFailure and TestDomainAndPath (WithName: a name, no tag or digest)
const isPlainName = (input: string) => {
  const result = parse(input);
  return result.ok && result.reference.tag === undefined && result.reference.digest === undefined;
};

test('reference_test.go TestWithNameFailure: not a plain name', () => {
  const failures = [
    '', ':justtag', `@${SHA256_F}`, 'validname@invaliddigest:' + 'f'.repeat(64),
    'example.com/repo:tag', 'example.com/' + 'a'.repeat(256), 'aa/asdf$$^/aa',
    // the older version of the table
    'a/'.repeat(128) + 'a:tag',
  ];
  for (const input of failures) assert.ok(!isPlainName(input), `${input.slice(0, 60)} is not a plain name`);
});

test('reference_test.go TestDomainAndPath', () => {
  const cases: [input: string, domain: string | undefined, path: string][] = [
    ['test.com/foo', 'test.com', 'foo'],
    ['test_com/foo', undefined, 'test_com/foo'],
    ['test:8080/foo', 'test:8080', 'foo'],
    ['test.com:8080/foo', 'test.com:8080', 'foo'],
    ['test-com:8080/foo', 'test-com:8080', 'foo'],
    ['xn--n3h.com:18080/foo', 'xn--n3h.com:18080', 'foo'],
  ];
  for (const [input, domain, path] of cases) {
    const ref = mustParse(input);
    assert.deepEqual([ref.domain, ref.path], [domain, path], input);
  }
});

test('reference_test.go TestParseNamed: canonical names only', () => {
  const cases: [input: string, canonical: boolean, registry?: string, repository?: string][] = [
    ['test.com/foo', true, 'test.com', 'foo'],
    ['test:8080/foo', true, 'test:8080', 'foo'],
    ['test_com/foo', false],
    ['test.com', false],
    ['foo', false],
    ['library/foo', false],
    ['docker.io/library/foo', true, 'docker.io', 'library/foo'],
    ['docker.io/foo', false],
  ];
  for (const [input, canonical, registry, repository] of cases) {
    const ref = mustParse(input);
    assert.equal(isCanonical(input, ref), canonical, input);
    if (canonical) assert.deepEqual([ref.registry, ref.repository], [registry, repository], input);
  }
});

// ---------------------------------------------------------------------------------------------
// normalize_test.go (ParseNormalizedNamed and friends)

test('normalize_test.go TestValidateReferenceName', () => {
  const valid = [
    'docker/docker', 'library/debian', 'debian', 'docker.io/docker/docker', 'docker.io/library/debian', 'docker.io/debian',
    'index.docker.io/docker/docker', 'index.docker.io/library/debian', 'index.docker.io/debian',
    '127.0.0.1:5000/docker/docker', '127.0.0.1:5000/library/debian', '127.0.0.1:5000/debian',
    '192.168.0.1', '192.168.0.1:80', '192.168.0.1:8/debian', '192.168.0.2:25000/debian',
    'thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev',
    '[fc00::1]:5000/docker', '[fc00::1]:5000/docker/docker', '[fc00:1:2:3:4:5:6:7]:5000/library/debian',
    'docker.io/1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a',
    'Docker/docker', 'DOCKER/docker',
  ];
  const invalid = [
    'https://github.com/docker/docker', 'docker/Docker', '-docker', '-docker/docker', '-docker.io/docker/docker',
    'docker///docker', 'docker.io/docker/Docker', 'docker.io/docker///docker', '[fc00::1]', '[fc00::1]:5000',
    'fc00::1:5000/debian', '[fe80::1%eth0]:5000/debian', '[2001:db8:3:4::192.0.2.33]:5000/debian',
    '1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a',
  ];
  for (const input of valid) mustParse(input);
  for (const input of invalid) mustFail(input);
});

test('normalize_test.go TestValidateRemoteName', () => {
  const valid = [
    'docker/docker', 'thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev', 'docker-rules/docker',
    'docker---rules/docker', 'doc/docker', 'd/docker', 'jess/t', 'dock__er/docker',
  ];
  const invalid = [
    'docker/Docker', 'docker///docker', '1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a',
    '-docker/docker', 'docker-/docker', '-docker-/docker', '____/____', '_docker/_docker',
    'dock..er/docker', 'dock_.er/docker', 'dock-.er/docker', 'docker/',
    'this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255_this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255_this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255_this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255/docker',
  ];
  for (const input of valid) mustParse(input);
  for (const input of invalid) mustFail(input);
});

test('normalize_test.go TestParseRepositoryInfo: familiar, full and ambiguous spellings', () => {
  const cases: { remote: string; familiar: string; full: string; ambiguous?: string; domain: string }[] = [
    { remote: 'fooo/bar', familiar: 'fooo/bar', full: 'docker.io/fooo/bar', ambiguous: 'index.docker.io/fooo/bar', domain: 'docker.io' },
    { remote: 'library/ubuntu', familiar: 'ubuntu', full: 'docker.io/library/ubuntu', ambiguous: 'library/ubuntu', domain: 'docker.io' },
    { remote: 'nonlibrary/ubuntu', familiar: 'nonlibrary/ubuntu', full: 'docker.io/nonlibrary/ubuntu', domain: 'docker.io' },
    { remote: 'other/library', familiar: 'other/library', full: 'docker.io/other/library', domain: 'docker.io' },
    { remote: 'private/moonbase', familiar: '127.0.0.1:8000/private/moonbase', full: '127.0.0.1:8000/private/moonbase', domain: '127.0.0.1:8000' },
    { remote: 'privatebase', familiar: '127.0.0.1:8000/privatebase', full: '127.0.0.1:8000/privatebase', domain: '127.0.0.1:8000' },
    { remote: 'private/moonbase', familiar: 'example.com/private/moonbase', full: 'example.com/private/moonbase', domain: 'example.com' },
    { remote: 'privatebase', familiar: 'example.com/privatebase', full: 'example.com/privatebase', domain: 'example.com' },
    { remote: 'private/moonbase', familiar: 'example.com:8000/private/moonbase', full: 'example.com:8000/private/moonbase', domain: 'example.com:8000' },
    { remote: 'privatebasee', familiar: 'example.com:8000/privatebasee', full: 'example.com:8000/privatebasee', domain: 'example.com:8000' },
    { remote: 'library/ubuntu-12.04-base', familiar: 'ubuntu-12.04-base', full: 'docker.io/library/ubuntu-12.04-base', ambiguous: 'index.docker.io/library/ubuntu-12.04-base', domain: 'docker.io' },
    { remote: 'library/foo', familiar: 'foo', full: 'docker.io/library/foo', ambiguous: 'docker.io/foo', domain: 'docker.io' },
    { remote: 'library/foo/bar', familiar: 'library/foo/bar', full: 'docker.io/library/foo/bar', domain: 'docker.io' },
    { remote: 'store/foo/bar', familiar: 'store/foo/bar', full: 'docker.io/store/foo/bar', domain: 'docker.io' },
    { remote: 'bar', familiar: 'Foo/bar', full: 'Foo/bar', domain: 'Foo' },
    { remote: 'bar', familiar: 'FOO/bar', full: 'FOO/bar', domain: 'FOO' },
  ];
  for (const c of cases) {
    for (const input of [c.familiar, c.full, ...(c.ambiguous ? [c.ambiguous] : [])]) {
      const ref = mustParse(input);
      assert.equal(familiarName(ref), c.familiar, `${input}: familiar name`);
      assert.equal(normalisedName(ref), c.full, `${input}: full name`);
      assert.equal(ref.registry, c.domain, `${input}: domain`);
      assert.equal(ref.repository, c.remote, `${input}: remote name`);
    }
  }
});

test('normalize_test.go TestParseReferenceWithTagAndDigest', () => {
  const short = 'busybox:latest@sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa';
  const ref = mustParse(short);
  assert.equal(formatReference(ref), 'docker.io/library/' + short);
  assert.equal(ref.tag, 'latest');
  assert.equal(ref.digest, 'sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa');
  assert.equal(`${familiarName(ref)}:${ref.tag}@${ref.digest}`, short, 'FamiliarString');
});

test('normalize_test.go TestInvalidReferenceComponents', () => {
  mustFail('-foo');
  mustParse('busybox');
  mustFail('busybox:-foo', '(WithTag "-foo")');
  mustFail('busybox@foo', '(WithDigest "foo")');
});

test('normalize_test.go TestParseAnyReference (named references)', () => {
  const cases: [input: string, equivalent: string][] = [
    ['redis', 'docker.io/library/redis'],
    ['redis:latest', 'docker.io/library/redis:latest'],
    ['docker.io/library/redis:latest', 'docker.io/library/redis:latest'],
    ['redis@sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c', 'docker.io/library/redis@sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c'],
    ['docker.io/library/redis@sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c', 'docker.io/library/redis@sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c'],
    ['dmcgowan/myapp', 'docker.io/dmcgowan/myapp'],
    ['dmcgowan/myapp:latest', 'docker.io/dmcgowan/myapp:latest'],
    ['docker.io/mcgowan/myapp:latest', 'docker.io/mcgowan/myapp:latest'],
    ['dmcgowan/myapp@sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c', 'docker.io/dmcgowan/myapp@sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c'],
    ['docker.io/dmcgowan/myapp@sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c', 'docker.io/dmcgowan/myapp@sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c'],
    ['dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9', 'docker.io/library/dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9'],
    ['dbcc1', 'docker.io/library/dbcc1'],
  ];
  for (const [input, equivalent] of cases) assert.equal(formatReference(mustParse(input)), equivalent, input);
  // ParseAnyReference also takes a bare image ID or a bare digest; an image reference in a
  // manifest or Dockerfile is read with ParseNormalizedNamed, which rejects the first and reads
  // the second as the repository `sha256` with a tag.
  mustFail('dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c');
  assert.equal(formatReference(mustParse('sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c')),
    'docker.io/library/sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c');
});

test('normalize_test.go TestNormalizedSplitHostname', () => {
  const cases: [input: string, domain: string, path: string][] = [
    ['test.com/foo', 'test.com', 'foo'],
    ['test_com/foo', 'docker.io', 'test_com/foo'],
    ['docker/migrator', 'docker.io', 'docker/migrator'],
    ['test.com:8080/foo', 'test.com:8080', 'foo'],
    ['test-com:8080/foo', 'test-com:8080', 'foo'],
    ['foo', 'docker.io', 'library/foo'],
    ['xn--n3h.com/foo', 'xn--n3h.com', 'foo'],
    ['xn--n3h.com:18080/foo', 'xn--n3h.com:18080', 'foo'],
    ['docker.io/foo', 'docker.io', 'library/foo'],
    ['docker.io/library/foo', 'docker.io', 'library/foo'],
    ['docker.io/library/foo/bar', 'docker.io', 'library/foo/bar'],
  ];
  for (const [input, domain, path] of cases) {
    const ref = mustParse(input);
    assert.deepEqual([ref.registry, ref.repository], [domain, path], input);
  }
});

test('normalize_test.go TestParseDockerRef', () => {
  const d = 'sha256:e6693c20186f837fc393390135d8a598a96a833917917789d63766cab6c59582';
  const cases: [input: string, expected: string][] = [
    ['busybox', 'docker.io/library/busybox:latest'],
    ['busybox:latest', 'docker.io/library/busybox:latest'],
    [`busybox@${d}`, `docker.io/library/busybox@${d}`],
    ['library/busybox', 'docker.io/library/busybox:latest'],
    ['docker.io/busybox', 'docker.io/library/busybox:latest'],
    ['docker.io/library/busybox', 'docker.io/library/busybox:latest'],
    ['docker.io/busybox:latest', 'docker.io/library/busybox:latest'],
    ['library/busybox:latest', 'docker.io/library/busybox:latest'],
    ['docker.io/library/busybox:latest', 'docker.io/library/busybox:latest'],
    ['gcr.io/library/busybox', 'gcr.io/library/busybox:latest'],
    [`gcr.io/library/busybox:latest@${d}`, `gcr.io/library/busybox@${d}`],
  ];
  for (const [input, expected] of cases) {
    const output = dockerRef(mustParse(input));
    assert.equal(output, expected, input);
    mustParse(output); // "should be a valid reference"
  }
});

// ---------------------------------------------------------------------------------------------
// regexp_test.go, through the parser

test('regexp_test.go TestDomainRegexp (as the registry of "<domain>/x")', () => {
  const cases: [domain: string, match: boolean, hub?: true][] = [
    ['test.com', true], ['test.com:10304', true], ['test.com:http', false], ['localhost', true], ['localhost:8080', true],
    ['a', true, true], ['a.b', true], ['ab.cd.com', true], ['a-b.com', true], ['-ab.com', false], ['ab-.com', false],
    ['ab.c-om', true], ['ab.-com', false], ['ab.com-', false], ['0101.com', true], ['001a.com', true],
    ['b.gbc.io:443', true], ['b.gbc.io', true], ['xn--n3h.com', true], ['Asdf.com', true],
    ['192.168.1.1:75050', true], ['192.168.1.1:750050', true],
    ['[fd00:1:2::3]:75050', true], ['[fd00:1:2::3]75050', false], ['[fd00:1:2::3]::75050', false],
    ['[fd00:1:2::3%eth0]:75050', false], ['[fd00123123123]:75050', true],
    ['[2001:0db8:85a3:0000:0000:8a2e:0370:7334]:75050', true], ['[2001:0db8:85a3:0000:0000:8a2e:0370:7334]:750505', true],
    ['fd00:1:2::3:75050', false],
  ];
  for (const [domain, match, hub] of cases) {
    const input = `${domain}/x`;
    if (!match) { mustFail(input); continue; }
    const ref = mustParse(input);
    assert.equal(ref.registry, hub ? 'docker.io' : domain, input);
  }
});

test('regexp_test.go TestFullNameRegexp (a plain name: no tag, no digest)', () => {
  // [input, match, upstream domain sub-match, path sub-match, hub (see header), rejected by the length limit]
  const cases: [input: string, match: boolean, domain?: string, path?: string, hub?: true, tooLong?: string][] = [
    ['', false],
    ['short', true, '', 'short'],
    ['simple/name', true, 'simple', 'name', true],
    ['library/ubuntu', true, 'library', 'ubuntu', true],
    ['docker/stevvooe/app', true, 'docker', 'stevvooe/app', true],
    ['aa/aa/aa/aa/aa/aa/aa/aa/aa/bb/bb/bb/bb/bb/bb', true, 'aa', 'aa/aa/aa/aa/aa/aa/aa/aa/bb/bb/bb/bb/bb/bb', true],
    ['aa/aa/bb/bb/bb', true, 'aa', 'aa/bb/bb/bb', true],
    ['a/a/a/a', true, 'a', 'a/a/a', true],
    ['a/a/a/a/', false],
    ['a//a/a', false],
    ['a', true, '', 'a'],
    ['a/aa', true, 'a', 'aa', true],
    ['a/aa/a', true, 'a', 'aa/a', true],
    ['foo.com', true, '', 'foo.com'],
    ['foo.com/', false],
    ['foo.com:8080/bar', true, 'foo.com:8080', 'bar'],
    ['foo.com:http/bar', false],
    ['foo.com/bar', true, 'foo.com', 'bar'],
    ['foo.com/bar/baz', true, 'foo.com', 'bar/baz'],
    ['localhost:8080/bar', true, 'localhost:8080', 'bar'],
    ['sub-dom1.foo.com/bar/baz/quux', true, 'sub-dom1.foo.com', 'bar/baz/quux'],
    ['blog.foo.com/bar/baz', true, 'blog.foo.com', 'bar/baz'],
    ['a^a', false],
    ['aa/asdf$$^/aa', false],
    ['asdf$$^/aa', false],
    ['aa-a/a', true, 'aa-a', 'a', true],
    // the regexp has no length limit; ParseNormalizedNamed's path here is 257 characters
    ['a/'.repeat(128) + 'a', true, 'a', 'a/'.repeat(127) + 'a', true, 'too long'],
    ['a-/a/a/a', false],
    ['foo.com/a-/a/a', false],
    ['-foo/bar', false],
    ['foo/bar-', false],
    ['foo-/bar', false],
    ['foo/-bar', false],
    ['_foo/bar', false],
    ['foo_bar', true, '', 'foo_bar'],
    ['foo_bar.com', true, '', 'foo_bar.com'],
    ['foo_bar.com:8080', false],
    ['foo_bar.com:8080/app', false],
    ['foo.com/foo_bar', true, 'foo.com', 'foo_bar'],
    ['____/____', false],
    ['_docker/_docker', false],
    ['docker_/docker_', false],
    ['b.gcr.io/test.example.com/my-app', true, 'b.gcr.io', 'test.example.com/my-app'],
    ['xn--n3h.com/myimage', true, 'xn--n3h.com', 'myimage'],
    ['xn--7o8h.com/myimage', true, 'xn--7o8h.com', 'myimage'],
    ['example.com/xn--7o8h.com/myimage', true, 'example.com', 'xn--7o8h.com/myimage'],
    ['example.com/some_separator__underscore/myimage', true, 'example.com', 'some_separator__underscore/myimage'],
    ['example.com/__underscore/myimage', false],
    ['example.com/..dots/myimage', false],
    ['example.com/.dots/myimage', false],
    ['example.com/nodouble..dots/myimage', false],
    ['docker./docker', false],
    ['.docker/docker', false],
    ['docker-/docker', false],
    ['-docker/docker', false],
    ['do..cker/docker', false],
    ['do__cker:8080/docker', false],
    ['do__cker/docker', true, '', 'do__cker/docker'],
    ['registry.io/foo/project--id.module--name.ver---sion--name', true, 'registry.io', 'foo/project--id.module--name.ver---sion--name'],
    ['Asdf.com/foo/bar', true, 'Asdf.com', 'foo/bar'],
    ['Foo/FarB', false],
  ];
  for (const [input, match, domain, path, hub, tooLong] of cases) {
    if (tooLong) {
      const result = parse(input);
      assert.ok(!result.ok && /longer than 255/.test(result.error), input);
      continue;
    }
    assert.equal(isPlainName(input), match, `${input.slice(0, 60)}: name match`);
    if (!match) continue;
    const ref = mustParse(input);
    if (domain === '' || hub) {
      assert.deepEqual([ref.domain, ref.path], [undefined, hub ? `${domain}/${path}` : path], input);
    } else {
      assert.deepEqual([ref.domain, ref.path], [domain, path], input);
    }
  }
});

test('regexp_test.go TestReferenceRegexp', () => {
  const d = 'sha256:be178c0543eb17f5f3043021c9e5fcf30285e557a4fc309cce97ff9ca6182912';
  const cases: [input: string, match: boolean, name?: string, tag?: string, digest?: string][] = [
    ['registry.com:8080/myapp:tag', true, 'registry.com:8080/myapp', 'tag'],
    [`registry.com:8080/myapp@${d}`, true, 'registry.com:8080/myapp', undefined, d],
    [`registry.com:8080/myapp:tag2@${d}`, true, 'registry.com:8080/myapp', 'tag2', d],
    ['registry.com:8080/myapp@sha256:badbadbadbad', false],
    ['registry.com:8080/myapp:invalid~tag', false],
    ['bad_hostname.com:8080/myapp:tag', false],
    [`localhost:8080@${d}`, true, 'localhost', '8080', d],
    [`localhost:8080/name@${d}`, true, 'localhost:8080/name', undefined, d],
    [`localhost:http/name@${d}`, false],
    [`localhost@${d}`, true, 'localhost', undefined, d],
    ['registry.com:8080/myapp@bad', false],
    ['registry.com:8080/myapp@2bad', false],
  ];
  for (const [input, match, name, tag, digest] of cases) {
    if (!match) { mustFail(input); continue; }
    const ref = mustParse(input);
    assert.deepEqual([writtenName(ref), ref.tag, ref.digest], [name, tag, digest], input);
  }
});

test('regexp_test.go TestIdentifierRegexp: only a whole 64-hex text is an image ID', () => {
  mustFail('da304e823d8ca2b9d863a3c897baeb852ba21ea9a9f1414736394ae7fcaf9821'); // identifier
  mustFail('7EC43B381E5AEFE6E04EFB0B3F0693FF2A4A50652D64AEC573905F2DB5889A1C'); // not one, but uppercase
  assert.equal(mustParse('da304e823d8ca2b9d863a3c897baeb852ba21ea9a9f1414736394ae7fcaf').repository,
    'library/da304e823d8ca2b9d863a3c897baeb852ba21ea9a9f1414736394ae7fcaf');
  assert.equal(mustParse('sha256:da304e823d8ca2b9d863a3c897baeb852ba21ea9a9f1414736394ae7fcaf9821').tag,
    'da304e823d8ca2b9d863a3c897baeb852ba21ea9a9f1414736394ae7fcaf9821');
  mustParse('da304e823d8ca2b9d863a3c897baeb852ba21ea9a9f1414736394ae7fcaf98218482');
  // ParseNormalizedNamed matches the identifier against the whole text: with a tag or a
  // registry it is an ordinary repository name.
  const id = 'da304e823d8ca2b9d863a3c897baeb852ba21ea9a9f1414736394ae7fcaf9821';
  assert.equal(mustParse(`${id}:v1`).repository, `library/${id}`);
  assert.equal(mustParse(`docker.io/${id}`).repository, `library/${id}`);
});

test('the 255 limit is on the normalised path (library/ counts, the registry does not)', () => {
  // ParseNormalizedNamed re-parses "docker.io/library/<name>" and limits the path part.
  mustParse('a'.repeat(247));
  mustFail('a'.repeat(248));
  mustParse('a/'.repeat(127) + 'a');
  mustParse('registry.example.com:5000/' + 'a'.repeat(255));
  mustFail('registry.example.com:5000/' + 'a'.repeat(256));
});
