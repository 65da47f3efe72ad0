// Against the real `shellcheck` (Debian package): skipped with a message when it is not installed.
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { emptyConfig } from '../../config/config';
import { lintDockerfile } from '../lint';
import { findShellcheck } from './runner';
import { configureShellcheck, refreshShellcheck, resetShellcheck } from './service';

const installed = findShellcheck() !== undefined;
const skip = installed ? false : 'shellcheck is not installed (apt-get install shellcheck)';
const sc = (text: string) => lintDockerfile(text, emptyConfig()).filter((f) => f.code.startsWith('SC'));

afterEach(() => resetShellcheck());

test('RUN scripts: SC codes at the exact place, declared ARG/ENV names count as set', { skip }, () => {
  configureShellcheck({ mode: 'sync' });
  const text = 'FROM debian:12\nARG myarg\nENV myenv=1\nRUN apt-get update && \\\n    # comment\n    echo "$myarg" "$myenv" "$undeclared" $unquoted_var\n';
  const findings = sc(text);
  const sc2154 = findings.filter((f) => f.code === 'SC2154');
  assert.deepEqual(sc2154.map((f) => f.message), ['undeclared is referenced but not assigned.', 'unquoted_var is referenced but not assigned.']);
  const line = text.split('\n')[5]!;
  assert.deepEqual(sc2154[0]!.range, { start: { line: 5, character: line.indexOf('$undeclared') }, end: { line: 5, character: line.indexOf('$undeclared') + 11 } });
  const sc2086 = findings.find((f) => f.code === 'SC2086')!;
  assert.deepEqual(sc2086.range.start, { line: 5, character: line.indexOf('$unquoted_var') });
  assert.equal(sc2086.severity, 'info');
  assert.equal(sc2086.docs, 'https://www.shellcheck.net/wiki/SC2086');
  assert.deepEqual(sc2086.fixes![0]!.edits.map((e) => e.newText), ['"', '"']);
});

test('heredoc bodies run by a POSIX shell are checked, others are not', { skip }, () => {
  configureShellcheck({ mode: 'sync' });
  const text = 'FROM debian:12\nRUN <<EOF\nset -e\necho $1x\nEOF\nRUN python3 <<EOF\nprint($1)\nEOF\nRUN ["sh", "-c", "echo $foo_bar"]\n';
  const findings = sc(text);
  assert.ok(findings.some((f) => f.range.start.line === 3), 'body of RUN <<EOF');
  assert.ok(!findings.some((f) => f.range.start.line === 6), 'python heredoc');
  assert.ok(findings.some((f) => f.code === 'SC2154' && f.range.start.line === 8), 'exec form sh -c');
});

test('hadolint pragmas and config levels apply to SC codes; non-POSIX shells are skipped', { skip }, () => {
  configureShellcheck({ mode: 'sync' });
  assert.deepEqual(sc('FROM debian:12\n# hadolint ignore=SC2086,SC2154\nRUN echo $x\n'), []);
  assert.deepEqual(lintDockerfile('FROM debian:12\nRUN echo $x\n', { ...emptyConfig(), rules: { SC2154: 'error', SC2086: 'off' } })
    .filter((f) => f.code.startsWith('SC')).map((f) => `${f.code}:${f.severity}`), ['SC2154:error']);
  assert.deepEqual(sc('FROM mcr.microsoft.com/powershell\nSHELL ["pwsh", "-Command"]\nRUN echo $x\n'), []);
});

test('off, disabled, untrusted or missing executable: no SC findings, other rules still run', { skip }, () => {
  const text = 'FROM debian:12\nMAINTAINER me\nRUN echo $x\n';
  for (const settings of [{ mode: 'off' as const }, { mode: 'sync' as const, enabled: false }, { mode: 'sync' as const, trusted: false },
    { mode: 'sync' as const, path: '/nonexistent/shellcheck' }]) {
    resetShellcheck();
    configureShellcheck(settings);
    const findings = lintDockerfile(text, emptyConfig());
    assert.deepEqual(findings.filter((f) => f.code.startsWith('SC')), [], JSON.stringify(settings));
    assert.ok(findings.some((f) => f.code === 'MaintainerDeprecated'));
  }
});

test('cached mode (language server): nothing until refreshed, then results from the cache', { skip }, async () => {
  configureShellcheck({ mode: 'cached' });
  const text = 'FROM debian:12\nRUN echo $x\n';
  assert.deepEqual(sc(text), []);
  assert.equal(await refreshShellcheck(text), true);
  assert.ok(sc(text).some((f) => f.code === 'SC2154'));
  assert.equal(await refreshShellcheck(text), false, 'cached by script text');
  assert.deepEqual(sc('FROM debian:12\nRUN echo $y\n'), [], 'an edited script waits for the next save');
});

test('findShellcheck: explicit path, name on PATH, home-relative, missing', { skip }, () => {
  const onPath = findShellcheck()!;
  assert.equal(findShellcheck(onPath), onPath);
  assert.equal(findShellcheck('shellcheck'), onPath);
  assert.equal(findShellcheck(undefined, '/nonexistent'), undefined);
  assert.equal(findShellcheck('~/definitely-not-here/shellcheck'), undefined);
});

test('cached mode: concurrent refreshes of the same scripts share one run', { skip }, async () => {
  configureShellcheck({ mode: 'cached' });
  const text = 'FROM debian:12\nRUN echo $z_var\n';
  const results = await Promise.all([refreshShellcheck(text), refreshShellcheck(text)]);
  assert.deepEqual(results, [true, true]);
  assert.ok(sc(text).some((f) => f.code === 'SC2154'));
});
