// The credential lookup checked against the real tools' own test cases, ported as tables (inputs
// and expected results; no Go code):
//  - docker/cli: cli/config/credentials/file_store_test.go (TestConvertToHostname),
//    cli/config/configfile/file_test.go (decodeAuth, GetAllCredentials*, GetAuthConfig,
//    DOCKER_AUTH_CONFIG), cli/config/credentials/native_store.go (helper protocol),
//    cli/config/config.go (DOCKER_CONFIG, ~/.docker/config.json).
//  - containers/image: pkg/docker/config/config_test.go (TestGetPathToAuth, TestGetAuth,
//    TestGetAuthFromLegacyFile, TestGetAuthPreferNewConfig, TestGetAuthFailsOnBadInput,
//    TestGetCredentialsInteroperability, TestAuthKeyLookupOrder, TestSetGetCredentials,
//    TestGetAllCredentials) with its testdata/*.json.
// Where Shipshape deliberately differs, the row says so. Every message produced along the way is
// checked for the secrets used here.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DOCKER_HUB_SERVER, DockerCredentialStore, authKeyLookupOrder, convertToHostname, credentialHostKey, decodeAuth,
  defaultConfigFiles, normalizeAuthKey, type DockerCredentialOptions,
} from './dockerConfig';
import { runCredentialHelper, type HelperRunner } from './helper';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const root = mkdtempSync(join(tmpdir(), 'shipshape-credcompat-'));
after(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;
const freshDir = () => { const d = join(root, String(dirs++)); mkdirSync(d, { recursive: true }); return d; };

/** Every warning and error text seen in this file; checked for secrets at the end. */
const messages: string[] = [];
const SECRETS = ['hub:pass', 'sup3r-s3cret', 'p@ss:with:colons', 'helper-secret-42', 'refresh-token-xyz', 'env_pass', 'io-legacy', 'not-json-secret', 'broken-json-secret'];

function write(path: string, content: unknown): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
}

/** A home directory with nothing but what the case writes; no XDG_RUNTIME_DIR unless given. */
function store(home: string, env: NodeJS.ProcessEnv = {}, extra: Partial<DockerCredentialOptions> = {}): DockerCredentialStore {
  return new DockerCredentialStore({
    env, home, platform: 'linux', uid: 4242,
    onWarning: (w) => messages.push(w),
    runHelper: async () => { throw new Error('no helper expected'); },
    ...extra,
  });
}

const pair = async (s: DockerCredentialStore, host: string, repository?: string) => {
  const c = await s.get(host, repository);
  return c ? [c.username ?? '', c.secret ?? '', c.identityToken ?? ''] : undefined;
};

// ------------------------------------------------------------------------------------ docker/cli

describe('docker/cli', () => {
  test('TestConvertToHostname (file_store_test.go): all 20 rows', () => {
    const rows: [string, string][] = [
      ['127.0.0.1', '127.0.0.1'],
      ['::1', '::1'],
      ['[::1]', '[::1]'],
      ['example.com', 'example.com'],
      ['http://example.com', 'example.com'],
      ['https://example.com', 'example.com'],
      ['https://example.com/', 'example.com'],
      ['https://example.com/v2/', 'example.com'],
      ['unix:///var/run/docker.sock', 'unix:'],
      ['ftp://example.com', 'example.com'],
      ['127.0.0.1:6556', '127.0.0.1:6556'],
      ['::1:6556', '::1:6556'],
      ['[::1]:6556', '[::1]:6556'],
      ['example.com:6555', 'example.com:6555'],
      ['https://127.0.0.1:6555/v2/', '127.0.0.1:6555'],
      ['https://::1:6555/v2/', '[::1]:6555'],
      ['https://[::1]:6555/v2/', '[::1]:6555'],
      ['http://example.com:6555', 'example.com:6555'],
      ['https://example.com:6555', 'example.com:6555'],
      ['https://example.com:6555/v2/', 'example.com:6555'],
    ];
    for (const [input, expected] of rows) assert.equal(convertToHostname(input), expected, input);
    // Shipshape's lookup key adds case folding and Docker Hub's aliases on top.
    for (const hub of ['docker.io', 'index.docker.io', 'registry-1.docker.io', DOCKER_HUB_SERVER, 'https://index.docker.io/v1', 'http://index.docker.io/v1/']) {
      assert.equal(credentialHostKey(hub), 'docker.io', hub);
    }
    assert.equal(credentialHostKey('https://Registry.Example.com:5000/v2/'), 'registry.example.com:5000');
  });

  test('decodeAuth / TestEncodeAuth (configfile/file.go): user:password, first colon, NUL padding, malformed values', () => {
    const rows: [string, { username?: string; secret?: string; problem?: string }][] = [
      [b64('ken:test'), { username: 'ken', secret: 'test' }],
      [b64('user:p@ss:with:colons'), { username: 'user', secret: 'p@ss:with:colons' }],
      [b64('user:sup3r-s3cret\0\0'), { username: 'user', secret: 'sup3r-s3cret' }], // strings.Trim(password, "\x00")
      ['', {}], // decodeAuth("") = "", "" (an empty marker entry)
      [b64('no-colon-sup3r-s3cret'), { problem: 'does not decode to "user:password"' }], // docker: "Invalid auth configuration file"
      ['!!not base64 sup3r-s3cret!!', { problem: 'is not base64' }], // docker: base64 error
    ];
    for (const [auth, expected] of rows) assert.deepEqual(decodeAuth({ auth }), expected, auth);
    // Shipshape, like containers/image and unlike docker (which rejects the file), accepts an empty user.
    assert.deepEqual(decodeAuth({ auth: b64(':sup3r-s3cret') }), { secret: 'sup3r-s3cret' });
  });

  test('TestLoadFromReaderWithUsernamePassword: "username"/"password" fields and "auth" give the same credential', async () => {
    for (const entry of [{ username: 'user', password: 'pass' }, { auth: b64('user:pass') }]) {
      const home = freshDir();
      write(join(home, '.docker', 'config.json'), { auths: { 'example.com/foo': entry } });
      // GetAuthConfig("example.com/foo"): here the registry example.com and repository foo.
      assert.deepEqual(await pair(store(home), 'example.com', 'foo'), ['user', 'pass', '']);
    }
  });

  describe('credHelpers[host] over credsStore over auths (GetCredentialsStore / GetAllCredentials*)', () => {
    /** A mock native store per helper suffix, as file_test.go's NewMockNativeStore. */
    const helpers = (stores: Record<string, Record<string, { Username: string; Secret: string } | Error>>, calls: string[]): HelperRunner =>
      async (name, action, input) => {
        calls.push(`${name} ${action} ${input}`);
        const found = stores[name]?.[input];
        if (found instanceof Error) throw found;
        return found ? JSON.stringify({ ServerURL: input, ...found }) : undefined;
      };
    const rows: {
      name: string; config: Record<string, unknown>; stores: Record<string, Record<string, { Username: string; Secret: string } | Error>>;
      expect: Record<string, [string, string] | undefined>; noCallsFor?: string[];
    }[] = [
      {
        name: 'TestGetAllCredentialsFileStoreOnly',
        config: { auths: { 'example.com': { username: 'user', password: 'pass' } } }, stores: {},
        expect: { 'example.com': ['user', 'pass'] },
      },
      {
        name: 'TestGetAllCredentialsCredsStore',
        config: { credsStore: 'test_creds_store' }, stores: { test_creds_store: { 'example.com': { Username: 'user', Secret: 'pass' } } },
        expect: { 'example.com': ['user', 'pass'] },
      },
      {
        name: 'TestGetAllCredentialsCredStoreErrorHandling (a broken helper is skipped, the working one still answers)',
        config: { credHelpers: { 'working-helper.example.com': 'cred_helper', 'broken-helper.example.com': 'broken_cred_helper' } },
        stores: { cred_helper: { 'working-helper.example.com': { Username: 'username', Secret: 'pass' } }, broken_cred_helper: { 'broken-helper.example.com': new Error('an error') } },
        expect: { 'working-helper.example.com': ['username', 'pass'], 'broken-helper.example.com': undefined },
      },
      {
        name: 'TestGetAllCredentialsCredHelper (only registries named in credHelpers are asked)',
        config: { credHelpers: { 'credhelper.com': 'test_cred_helper' } },
        stores: { test_cred_helper: { 'credhelper.com': { Username: 'cred_helper_user', Secret: 'cred_helper_pass' }, 'somethingweird.com': { Username: 'file_store_user', Secret: 'file_store_pass' } } },
        expect: { 'credhelper.com': ['cred_helper_user', 'cred_helper_pass'], 'somethingweird.com': undefined }, noCallsFor: ['somethingweird.com'],
      },
      {
        name: 'TestGetAllCredentialsFileStoreAndCredHelper',
        config: { credHelpers: { 'credhelper.com': 'test_cred_helper' }, auths: { 'example.com': { auth: b64('file_store_user:file_store_pass') } } },
        stores: { test_cred_helper: { 'credhelper.com': { Username: 'cred_helper_user', Secret: 'cred_helper_pass' } } },
        expect: { 'example.com': ['file_store_user', 'file_store_pass'], 'credhelper.com': ['cred_helper_user', 'cred_helper_pass'] }, noCallsFor: ['example.com'],
      },
      {
        name: 'TestGetAllCredentialsCredStoreAndCredHelper',
        config: { credsStore: 'test_creds_store', credHelpers: { 'credhelper.com': 'test_cred_helper' } },
        stores: { test_creds_store: { 'credstore.com': { Username: 'cred_store_user', Secret: 'cred_store_pass' } }, test_cred_helper: { 'credhelper.com': { Username: 'cred_helper_user', Secret: 'cred_helper_pass' } } },
        expect: { 'credstore.com': ['cred_store_user', 'cred_store_pass'], 'credhelper.com': ['cred_helper_user', 'cred_helper_pass'] },
      },
      {
        name: 'TestGetAllCredentialsCredHelperOverridesDefaultStore',
        config: { credsStore: 'test_creds_store', credHelpers: { 'example.com': 'test_cred_helper' } },
        stores: { test_creds_store: { 'example.com': { Username: 'cred_store_user', Secret: 'cred_store_pass' } }, test_cred_helper: { 'example.com': { Username: 'cred_helper_user', Secret: 'cred_helper_pass' } } },
        expect: { 'example.com': ['cred_helper_user', 'cred_helper_pass'] },
      },
      {
        name: 'credHelpers[host] is exclusive: the same file\'s auths entry is not a fallback (docker and containers/image)',
        config: { credHelpers: { 'example.com': 'test_cred_helper' }, auths: { 'example.com': { auth: b64('file_store_user:file_store_pass') } } },
        stores: { test_cred_helper: {} },
        expect: { 'example.com': undefined },
      },
      {
        name: 'credsStore for Docker Hub is asked with https://index.docker.io/v1/ (docker login\'s key)',
        config: { credsStore: 'desktop', auths: { [DOCKER_HUB_SERVER]: {} } },
        stores: { desktop: { [DOCKER_HUB_SERVER]: { Username: 'hubuser', Secret: 'helper-secret-42' } } },
        expect: { 'docker.io': ['hubuser', 'helper-secret-42'], 'registry-1.docker.io': ['hubuser', 'helper-secret-42'], 'index.docker.io': ['hubuser', 'helper-secret-42'] },
      },
    ];
    for (const row of rows) {
      test(row.name, async () => {
        const home = freshDir();
        write(join(home, '.docker', 'config.json'), row.config);
        const calls: string[] = [];
        const s = store(home, {}, { runHelper: helpers(row.stores, calls) });
        for (const [host, expected] of Object.entries(row.expect)) {
          const got = await s.get(host);
          assert.deepEqual(got ? [got.username, got.secret] : undefined, expected, host);
        }
        for (const host of row.noCallsFor ?? []) assert.ok(!calls.some((c) => c.endsWith(` ${host}`)), `${host} asked: ${calls.join(', ')}`);
      });
    }
  });

  test('native_store.go: "<token>" user is an identity token; "credentials not found" is no credential and no warning', async () => {
    const home = freshDir();
    write(join(home, '.docker', 'config.json'), { credHelpers: { 'tok.example': 'h', 'none.example': 'h', 'odd.example': 'h' } });
    const warnings: string[] = [];
    const s = store(home, {}, {
      onWarning: (w) => { warnings.push(w); messages.push(w); },
      runHelper: async (_n, _a, input) => ({
        'tok.example': JSON.stringify({ ServerURL: input, Username: '<token>', Secret: 'refresh-token-xyz' }),
        'none.example': undefined,
        'odd.example': '{"Username":"u","Secret":"not-json-secret"', // truncated JSON
      } as Record<string, string | undefined>)[input],
    });
    const tok = await s.get('tok.example');
    assert.deepEqual([tok?.username, tok?.secret, tok?.identityToken], [undefined, undefined, 'refresh-token-xyz']);
    assert.equal(await s.get('none.example'), undefined);
    assert.deepEqual(warnings, []);
    assert.equal(await s.get('odd.example'), undefined);
    assert.match(warnings.join('\n'), /docker-credential-h answered for odd\.example with something that is not JSON/);
  });

  test('helper protocol with a real process: get + server URL on stdin; not found vs failure; output never in errors', async () => {
    const bin = freshDir();
    const script = join(bin, 'docker-credential-compat');
    writeFileSync(script, `#!${process.execPath}
const input = require('node:fs').readFileSync(0, 'utf8').trim();
if (process.argv[2] !== 'get') { process.stdout.write('unknown'); process.exit(1); }
if (input === 'found.example') process.stdout.write(JSON.stringify({ ServerURL: input, Username: 'u', Secret: 'helper-secret-42' }));
else if (input === 'missing.example') { process.stdout.write('credentials not found in native keychain\\n'); process.exit(1); }
else { process.stdout.write('helper-secret-42 leaked on failure'); process.stderr.write('keychain locked\\n'); process.exit(3); }
`);
    chmodSync(script, 0o755);
    const env = { ...process.env, PATH: `${bin}:${process.env['PATH']}` };
    assert.deepEqual(JSON.parse((await runCredentialHelper('compat', 'get', 'found.example', { env }))!), { ServerURL: 'found.example', Username: 'u', Secret: 'helper-secret-42' });
    assert.equal(await runCredentialHelper('compat', 'get', 'missing.example', { env }), undefined);
    const failure = await runCredentialHelper('compat', 'get', 'broken.example', { env }).then(() => undefined, (e: Error) => e.message);
    assert.match(failure ?? '', /exited with status 3: keychain locked/);
    messages.push(failure ?? '');
    const missing = await runCredentialHelper('not-installed-compat', 'get', 'x', { env }).then(() => undefined, (e: Error) => e.message);
    assert.match(missing ?? '', /docker-credential-not-installed-compat is not installed/);
  });

  test('TestGetAllCredentialsFromEnvironment: DOCKER_AUTH_CONFIG first, the file store behind it; empty value ignored', async () => {
    const home = freshDir();
    write(join(home, '.docker', 'config.json'), { auths: { 'example.com/foo': { username: 'user', password: 'pass' }, 'env.example': { auth: b64('file:pw') } } });
    const envConfig = JSON.stringify({ auths: { 'example.com/foo/env': { username: 'env_user', password: 'env_pass' }, 'env.example': { auth: b64('env_user:env_pass') } } });
    const s = store(home, { DOCKER_AUTH_CONFIG: envConfig });
    assert.deepEqual(await pair(s, 'example.com', 'foo'), ['user', 'pass', '']);
    assert.deepEqual(await pair(s, 'example.com', 'foo/env'), ['env_user', 'env_pass', '']);
    const env = await s.get('env.example');
    assert.deepEqual([env?.username, env?.origin.source], ['env_user', 'DOCKER_AUTH_CONFIG']);
    assert.deepEqual(await pair(store(home, { DOCKER_AUTH_CONFIG: '' }), 'env.example'), ['file', 'pw', '']);
    // Invalid JSON in the variable: a warning naming the variable, never its content.
    const warnings: string[] = [];
    const bad = store(home, { DOCKER_AUTH_CONFIG: '{"auths":{"x":{"auth":"broken-json-secret"}}' }, { onWarning: (w) => { warnings.push(w); messages.push(w); } });
    assert.deepEqual(await pair(bad, 'env.example'), ['file', 'pw', '']);
    assert.match(warnings.join(), /DOCKER_AUTH_CONFIG: not valid JSON/);
  });

  test('config.go: DOCKER_CONFIG replaces ~/.docker; config.json wins over the legacy ~/.dockercfg', async () => {
    const home = freshDir();
    const custom = join(home, 'custom');
    write(join(custom, 'config.json'), { auths: { 'reg.example': { auth: b64('custom:pw') } } });
    write(join(home, '.docker', 'config.json'), { auths: { 'reg.example': { auth: b64('default:pw') } } });
    assert.deepEqual(await pair(store(home, { DOCKER_CONFIG: custom }), 'reg.example'), ['custom', 'pw', '']);
    assert.deepEqual(await pair(store(home), 'reg.example'), ['default', 'pw', '']);
  });
});

// ------------------------------------------------------------------------------ containers/image

// containers/image's pkg/docker/config/testdata files used by TestGetAuth.
const FULL = { auths: {
  'example.org': { auth: 'ZXhhbXBsZTpvcmc=' }, 'index.docker.io': { auth: 'aW5kZXg6ZG9ja2VyLmlv' }, 'docker.io': { auth: 'ZG9ja2VyOmlv' },
  localhost: { auth: 'bG9jYWw6aG9zdA==' }, 'localhost:5000': { auth: 'bG9jYWw6aG9zdC01MDAw' }, '10.10.30.45': { auth: 'MTAuMTA6MzAuNDU=' },
  '10.10.30.45:5000': { auth: 'MTAuMTA6MzAuNDUtNTAwMA==' }, 'https://normalize.example.org/v1': { auth: 'bm9ybWFsaXplOmV4YW1wbGU=' },
} };
const REFPATH = { auths: {
  'example.org/repo': { auth: 'ZXhhbXBsZTpvcmc=' }, 'example.org': { auth: 'bG9jYWw6aG9zdA==' }, 'docker.io/vendor': { auth: 'Zmlyc3Q6bGV2ZWw=' },
  'docker.io': { auth: 'dG9wOmxldmVs' }, 'docker.io/library/busybox': { auth: 'bGlicmFyeTpidXN5Ym94' }, 'docker.io/library': { auth: 'bGlicmFyeTpvdGhlcg==' },
} };
const IDENTITY = { auths: { 'example.org': { auth: 'MDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAwOg==', identitytoken: 'some very long identity token' } } };
// example.json, abnormal.json and empty.json are not in the reference index; these are rebuilt
// from the rows that use them (example.org → example:org; a URL-keyed Hub entry → index:docker.io;
// a URL-keyed localhost:5000 → local:host-5000; an empty config).
const EXAMPLE = { auths: { 'example.org': { auth: b64('example:org') } } };
const ABNORMAL = { auths: { 'https://index.docker.io/v1/': { auth: b64('index:docker.io') }, 'https://localhost:5000/v2/': { auth: b64('local:host-5000') } } };
const EMPTY = {};
const LEGACY = { 'http://index.docker.io/v1': { auth: 'ZG9ja2VyOmlvLWxlZ2FjeQ==' }, 'https://localhost/v1': { auth: 'bG9jYWw6aG9zdC1sZWdhY3k=' } };

/** containers/image keys are `host[/path]`; ours are a host plus an optional repository. */
const split = (key: string): [string, string | undefined] => {
  const slash = key.indexOf('/');
  return slash < 0 ? [key, undefined] : [key.slice(0, slash), key.slice(slash + 1)];
};

describe('containers/image', () => {
  test('TestGetPathToAuth + getAuthFilePaths: where and in which order files are read', () => {
    const home = '/home/u';
    const paths = (env: NodeJS.ProcessEnv, platform: NodeJS.Platform) => defaultConfigFiles(env, home, platform, 1000).map((f) => f.path);
    const rows: [string, NodeJS.ProcessEnv, NodeJS.Platform, string[]][] = [
      ['linux default', {}, 'linux', ['/run/containers/1000/auth.json', '/home/u/.config/containers/auth.json', '/home/u/.docker/config.json', '/home/u/.dockercfg']],
      ['darwin default', {}, 'darwin', ['/home/u/.config/containers/auth.json', '/home/u/.docker/config.json', '/home/u/.dockercfg']],
      ['freebsd default', {}, 'freebsd', ['/home/u/.config/containers/auth.json', '/home/u/.docker/config.json', '/home/u/.dockercfg']],
      ['XDG_RUNTIME_DIR on linux', { XDG_RUNTIME_DIR: '/run/user/1000' }, 'linux', ['/run/user/1000/containers/auth.json', '/home/u/.config/containers/auth.json', '/home/u/.docker/config.json', '/home/u/.dockercfg']],
      ['XDG_RUNTIME_DIR ignored on darwin', { XDG_RUNTIME_DIR: '/tmp/x' }, 'darwin', ['/home/u/.config/containers/auth.json', '/home/u/.docker/config.json', '/home/u/.dockercfg']],
      ['XDG_CONFIG_HOME and DOCKER_CONFIG', { XDG_RUNTIME_DIR: '/r', XDG_CONFIG_HOME: '/cfg', DOCKER_CONFIG: '/dc' }, 'linux', ['/r/containers/auth.json', '/cfg/containers/auth.json', '/dc/config.json', '/home/u/.dockercfg']],
      // AuthFilePath (podman --authfile / REGISTRY_AUTH_FILE) replaces Podman's defaults. Shipshape
      // still reads Docker's files after it, as the docker CLI would (podman would not).
      ['REGISTRY_AUTH_FILE', { REGISTRY_AUTH_FILE: '/absolute/path', XDG_RUNTIME_DIR: '/r' }, 'linux', ['/absolute/path', '/home/u/.docker/config.json', '/home/u/.dockercfg']],
      ['REGISTRY_AUTH_FILE on darwin', { REGISTRY_AUTH_FILE: '/absolute/path' }, 'darwin', ['/absolute/path', '/home/u/.docker/config.json', '/home/u/.dockercfg']],
    ];
    for (const [name, env, platform, expected] of rows) assert.deepEqual(paths(env, platform), expected, name);
    assert.deepEqual(defaultConfigFiles({}, home, 'linux', 1000).map((f) => [f.kind, !!f.legacy]), [['podman', false], ['podman', false], ['docker', false], ['docker', true]]);
  });

  const getAuthRows: { name: string; key: string; file?: unknown; expected?: [string, string, string] }[] = [
    { name: 'no auth config', key: 'index.docker.io' },
    { name: 'match one', key: 'example.org', file: EXAMPLE, expected: ['example', 'org', ''] },
    { name: 'match none', key: 'registry.example.org', file: EXAMPLE },
    { name: 'match docker.io', key: 'docker.io', file: FULL, expected: ['docker', 'io', ''] },
    { name: 'match docker.io normalized', key: 'docker.io', file: ABNORMAL, expected: ['index', 'docker.io', ''] },
    { name: 'normalize registry', key: 'normalize.example.org', file: FULL, expected: ['normalize', 'example', ''] },
    { name: 'match localhost', key: 'localhost', file: FULL, expected: ['local', 'host', ''] },
    { name: 'match ip', key: '10.10.30.45:5000', file: FULL, expected: ['10.10', '30.45-5000', ''] },
    { name: 'match port', key: 'localhost:5000', file: ABNORMAL, expected: ['local', 'host-5000', ''] },
    { name: 'identity token', key: 'example.org', file: IDENTITY, expected: ['00000000-0000-0000-0000-000000000000', '', 'some very long identity token'] },
    { name: 'match none (empty.json)', key: 'localhost:5000', file: EMPTY },
    { name: 'match ref image', key: 'example.org/repo/image', file: REFPATH, expected: ['example', 'org', ''] },
    { name: 'match ref repo', key: 'example.org/repo', file: REFPATH, expected: ['example', 'org', ''] },
    { name: 'match ref host', key: 'example.org/image', file: REFPATH, expected: ['local', 'host', ''] },
    { name: 'docker.io library repo match', key: 'docker.io/library/busybox', file: REFPATH, expected: ['library', 'busybox', ''] },
    { name: 'docker.io library namespace match', key: 'docker.io/library/notbusybox', file: REFPATH, expected: ['library', 'other', ''] },
    { name: 'docker.io vendor repo match', key: 'docker.io/vendor/product', file: REFPATH, expected: ['first', 'level', ''] },
    { name: 'docker.io vendor namespace match', key: 'docker.io/vendor', file: REFPATH, expected: ['first', 'level', ''] },
    { name: 'docker.io host-only match', key: 'docker.io/other-vendor/other-product', file: REFPATH, expected: ['top', 'level', ''] },
    // Not ported: "empty hostname" (our API always has a host), "use system context"
    // (SystemContext.DockerAuthConfig) and the two registries.conf credential-helper rows.
  ];
  for (const where of ['$XDG_RUNTIME_DIR/containers/auth.json', '~/.docker/config.json'] as const) {
    describe(`TestGetAuth with the file at ${where}`, () => {
      for (const row of getAuthRows) {
        test(row.name, async () => {
          const home = freshDir();
          const runtime = join(home, 'run');
          mkdirSync(runtime);
          if (row.file !== undefined) write(where.startsWith('~') ? join(home, '.docker', 'config.json') : join(runtime, 'containers', 'auth.json'), row.file);
          const [host, repository] = split(row.key);
          assert.deepEqual(await pair(store(home, { XDG_RUNTIME_DIR: runtime }), host, repository), row.expected);
        });
      }
    });
  }
  test('Hub aliases all find the same entry (the registry as the client names it)', async () => {
    const home = freshDir();
    write(join(home, '.docker', 'config.json'), { auths: { [DOCKER_HUB_SERVER]: { auth: b64('hubuser:hub:pass') } } });
    for (const alias of ['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']) {
      assert.deepEqual(await pair(store(home), alias, 'library/alpine'), ['hubuser', 'hub:pass', ''], alias);
    }
    // The repository is the registry API's name (library/busybox), whatever the Hub host is called.
    write(join(home, '.docker', 'config.json'), REFPATH);
    assert.deepEqual(await pair(store(home), 'registry-1.docker.io', 'library/busybox'), ['library', 'busybox', '']);
  });

  test('TestGetAuthFromLegacyFile: ~/.dockercfg keys lose scheme and path; docker.io is normalised', async () => {
    const home = freshDir();
    write(join(home, '.dockercfg'), LEGACY);
    assert.deepEqual(await pair(store(home), 'localhost'), ['local', 'host-legacy', '']);
    assert.deepEqual(await pair(store(home), 'docker.io'), ['docker', 'io-legacy', '']);
    // The legacy format has no namespaced keys: a repository still finds the registry's entry.
    assert.deepEqual(await pair(store(home), 'localhost', 'ns/app'), ['local', 'host-legacy', '']);
  });

  test('TestGetAuthPreferNewConfig: ~/.docker/config.json before ~/.dockercfg', async () => {
    const home = freshDir();
    write(join(home, '.docker', 'config.json'), FULL);
    write(join(home, '.dockercfg'), LEGACY);
    assert.deepEqual(await pair(store(home), 'docker.io'), ['docker', 'io', '']);
  });

  test('Podman auth.json before Docker config.json; the first file with a credential wins', async () => {
    const home = freshDir();
    const runtime = join(home, 'run');
    write(join(runtime, 'containers', 'auth.json'), { auths: { 'quay.io/ns': { auth: b64('podman-ns:pw') } } });
    write(join(home, '.config', 'containers', 'auth.json'), { auths: { 'quay.io': { auth: b64('podman-cfg:pw') } } });
    write(join(home, '.docker', 'config.json'), { auths: { 'quay.io': { auth: b64('docker:pw') }, 'ghcr.io': { auth: b64('docker-ghcr:pw') } } });
    const s = store(home, { XDG_RUNTIME_DIR: runtime });
    assert.deepEqual(await pair(s, 'quay.io', 'ns/app'), ['podman-ns', 'pw', '']);
    assert.deepEqual(await pair(s, 'quay.io', 'other/app'), ['podman-cfg', 'pw', '']);
    assert.deepEqual(await pair(s, 'quay.io'), ['podman-cfg', 'pw', '']);
    assert.deepEqual(await pair(s, 'ghcr.io', 'x/y'), ['docker-ghcr', 'pw', '']);
    const found = await s.get('quay.io', 'ns/app');
    assert.equal(found?.origin.updateHint, '"podman login quay.io/ns"');
    assert.equal(s.scopedByRepository('quay.io'), true);
    assert.equal(s.scopedByRepository('ghcr.io'), false);
  });

  test('TestGetAuthFailsOnBadInput: invalid JSON is a warning without content, and the other files still count', async () => {
    const home = freshDir();
    const runtime = join(home, 'run');
    const warnings: string[] = [];
    const opts = { onWarning: (w: string) => { warnings.push(w); messages.push(w); } };
    // No config file at all.
    assert.equal(await store(home, { XDG_RUNTIME_DIR: runtime }, opts).get('index.docker.io'), undefined);
    write(join(runtime, 'containers', 'auth.json'), 'Json rocks! Unless it doesn\'t. broken-json-secret');
    write(join(home, '.docker', 'config.json'), { auths: { 'docker.io': { auth: b64('docker:io') } } });
    // containers/image stops with an error here; Shipshape warns and goes on to the next file.
    assert.deepEqual(await pair(store(home, { XDG_RUNTIME_DIR: runtime }, opts), 'index.docker.io'), ['docker', 'io', '']);
    assert.match(warnings.join('\n'), /cannot read .*auth\.json: not valid JSON; its credentials are ignored/);
    warnings.length = 0;
    write(join(home, '.dockercfg'), "I'm certainly not a json string. broken-json-secret");
    rmSync(join(home, '.docker', 'config.json'));
    assert.equal(await store(home, {}, opts).get('index.docker.io'), undefined);
    assert.match(warnings.join('\n'), /cannot read .*\.dockercfg: not valid JSON/);
    // Position, not content, for JSON that breaks off later on.
    warnings.length = 0;
    write(join(home, '.dockercfg'), '{\n  "x": { "auth": "broken-json-secret" },,\n}');
    assert.equal(await store(home, {}, opts).get('x'), undefined);
    assert.match(warnings.join('\n'), /not valid JSON \(line 2, column \d+\)/);
    // An empty file is an empty config (docker reads it so); a top-level array is not a config.
    warnings.length = 0;
    write(join(home, '.dockercfg'), '  \n');
    assert.equal(await store(home, {}, opts).get('x'), undefined);
    assert.deepEqual(warnings, []);
    write(join(home, '.dockercfg'), '["broken-json-secret"]');
    assert.equal(await store(home, {}, opts).get('x'), undefined);
    assert.match(warnings.join('\n'), /not a JSON object/);
  });

  test('TestGetCredentialsInteroperability: what `docker login` writes is found for the registry and its repositories', async () => {
    // docker login writes https://index.docker.io/v1/ for Hub and ConvertToHostname(address) otherwise.
    const rows: [string, string][] = [
      ['example.com', 'example.com'], ['example.com', 'example.com/ns/repo'],
      ['example.com:8000', 'example.com:8000'], ['example.com:8000', 'example.com:8000/ns/repo'],
      ['', 'docker.io'], ['', 'docker.io/library/busybox'], ['', 'docker.io/notlibrary/busybox'],
    ];
    for (const [loginKey, queryKey] of rows) {
      const home = freshDir();
      const [host, repository] = split(queryKey);
      assert.equal(await store(home).get(host, repository), undefined);
      write(join(home, '.docker', 'config.json'), { auths: { [loginKey || DOCKER_HUB_SERVER]: { auth: b64('some-user:some-password') } } });
      assert.deepEqual(await pair(store(home), host, repository), ['some-user', 'some-password', ''], `${loginKey} ${queryKey}`);
    }
  });

  test('TestAuthKeyLookupOrder (5 rows)', () => {
    const rows: [string, string[]][] = [
      ['quay.io/image', ['quay.io/image', 'quay.io']],
      ['quay.io/user/image', ['quay.io/user/image', 'quay.io/user', 'quay.io']],
      ['quay.io/a/b/c/d/image', ['quay.io/a/b/c/d/image', 'quay.io/a/b/c/d', 'quay.io/a/b/c', 'quay.io/a/b', 'quay.io/a', 'quay.io']],
      ['docker.io/library/busybox', ['docker.io/library/busybox', 'docker.io/library', 'docker.io']],
      ['docker.io/vendor/busybox', ['docker.io/vendor/busybox', 'docker.io/vendor', 'docker.io']],
    ];
    for (const [input, expected] of rows) assert.deepEqual(authKeyLookupOrder(...split(input)), expected, input);
    assert.deepEqual(authKeyLookupOrder('quay.io'), ['quay.io']);
  });

  test('normalizeAuthFileKey: URL keys become hosts, plain keys keep their namespace, Hub aliases fold', () => {
    const rows: [string, boolean, string][] = [
      ['https://normalize.example.org/v1', false, 'normalize.example.org'],
      ['http://localhost:5000/v2/', false, 'localhost:5000'],
      ['example.org/repo', false, 'example.org/repo'],
      ['example.org/repo', true, 'example.org'], // legacy format: always a registry
      ['registry-1.docker.io', false, 'docker.io'],
      ['index.docker.io', false, 'docker.io'],
      ['docker.io/vendor', false, 'docker.io/vendor'],
      [DOCKER_HUB_SERVER, false, 'docker.io'],
    ];
    for (const [key, legacy, expected] of rows) assert.equal(normalizeAuthKey(key, legacy), expected, key);
  });

  test('TestSetGetCredentials (4 rows)', async () => {
    const rows: { name: string; set: string; get: string; legacy?: boolean; shouldAuth: boolean }[] = [
      { name: 'Should match namespace', set: 'quay.io/foo', get: 'quay.io/foo/a', shouldAuth: true },
      { name: 'Should match registry if repository provided', set: 'quay.io', get: 'quay.io/foo', shouldAuth: true },
      { name: 'Should not match different repository', set: 'quay.io/foo', get: 'quay.io/bar', shouldAuth: false },
      { name: 'Should match legacy registry entry (new API)', set: 'https://quay.io/v1/', get: 'quay.io/foo', shouldAuth: true },
      { name: 'Should match legacy registry entry (legacy API)', set: 'https://quay.io/v1/', get: 'quay.io', legacy: true, shouldAuth: true },
    ];
    for (const row of rows) {
      const home = freshDir();
      const entry = { [row.set]: { auth: 'dXNlcm5hbWU6cGFzc3dvcmQ=' } };
      const path = row.legacy ? join(home, '.dockercfg') : join(home, 'auth.json');
      write(path, row.legacy ? entry : { auths: entry });
      const s = store(home, row.legacy ? {} : { REGISTRY_AUTH_FILE: path });
      assert.deepEqual(await pair(s, ...split(row.get)), row.shouldAuth ? ['username', 'password', ''] : undefined, row.name);
    }
  });

  test('TestGetAllCredentials: known registries from auths and credHelpers keys, normalised', () => {
    const home = freshDir();
    write(join(home, 'auth.json'), { auths: { 'example.org': {}, 'quay.io': {}, 'localhost:5000': {}, 'docker.io/vendor': {}, 'index.docker.io': {} }, credHelpers: { 'registry-a.com': 'helper-registry' } });
    assert.deepEqual(store(home, { REGISTRY_AUTH_FILE: join(home, 'auth.json') }).knownRegistries(), ['docker.io', 'example.org', 'localhost:5000', 'quay.io', 'registry-a.com']);
  });

  test('decodeDockerAuth: an "auth" without ":" is skipped with a warning that has no secret; empty markers are silent', async () => {
    const home = freshDir();
    const warnings: string[] = [];
    write(join(home, '.docker', 'config.json'), { auths: { 'bad.example': { auth: b64('no-colon-sup3r-s3cret') }, 'marker.example': {}, 'junk.example': { auth: '%%sup3r-s3cret%%' } } });
    const s = store(home, {}, { onWarning: (w) => { warnings.push(w); messages.push(w); } });
    assert.equal(await s.get('bad.example'), undefined);
    assert.equal(await s.get('marker.example'), undefined);
    assert.equal(await s.get('junk.example'), undefined);
    assert.equal(warnings.length, 2);
    assert.match(warnings[0]!, /the "auth" value of "bad\.example" in .*config\.json does not decode to "user:password"; it is ignored/);
    assert.match(warnings[1]!, /"junk\.example" .* is not base64/);
  });
});

test('a config written after the store was created is read (files are re-read when they change)', async () => {
  const home = freshDir();
  const s = store(home);
  assert.equal(await s.get('late.example'), undefined);
  write(join(home, '.docker', 'config.json'), { auths: { 'late.example': { auth: b64('late:sup3r-s3cret') } } });
  assert.deepEqual(await pair(s, 'late.example'), ['late', 'sup3r-s3cret', '']);
});

test('no message produced above contains a secret', () => {
  assert.ok(messages.length >= 8, `only ${messages.length} messages collected`);
  for (const message of messages) {
    for (const secret of SECRETS) assert.ok(!message.includes(secret), `"${message}" contains ${secret}`);
    assert.ok(!/[A-Za-z0-9+/]{16,}={0,2}/.test(message) || !message.includes(b64('no-colon-sup3r-s3cret')), message);
  }
});
