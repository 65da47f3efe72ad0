import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasFlag, parseShell, positionalArgs, sourceOf } from './shell';

const argv = (script: string) => parseShell(sourceOf(script)).commands.map((c) => c.words.map((w) => w.value));

test('splits on &&, ;, ||, pipes and newlines', () => {
  assert.deepEqual(argv('a x && b y; c || d | e\nf'), [['a', 'x'], ['b', 'y'], ['c'], ['d'], ['e'], ['f']]);
  const script = parseShell(sourceOf('a | b && c'));
  assert.equal(script.hasPipe, true);
  assert.deepEqual(script.commands.map((c) => [c.before, c.after]), [['', '|'], ['|', '&&'], ['&&', '']]);
});

test('quotes, escapes and substitutions stay inside their word', () => {
  assert.deepEqual(argv(`echo "a && b" 'c;d' e\\ f $(x && y) \${Z:-1} \`q | r\``), [['echo', 'a && b', 'c;d', 'e f', '$(x && y)', '${Z:-1}', '`q | r`']]);
});

test('redirections, assignments and reserved words are not argv', () => {
  assert.deepEqual(argv('FOO=1 make install > /log 2>&1'), [['make', 'install']]);
  assert.deepEqual(argv('if [ -f x ]; then rm x; fi'), [['[', '-f', 'x', ']'], ['rm', 'x']]);
  assert.deepEqual(argv('for i in 1 2; do echo $i; done'), [['echo', '$i']]);
  assert.deepEqual(argv('# comment\necho hi # trailing'), [['echo', 'hi']]);
});

test('word offsets point into the source', () => {
  const [cmd] = parseShell(sourceOf('apt-get install -y  "curl"', 10)).commands;
  const curl = cmd!.words[3]!;
  assert.equal(curl.value, 'curl');
  assert.deepEqual([curl.start, curl.end], [30, 36]);
});

test('flag helpers split short flags and skip option values', () => {
  const [cmd] = parseShell(sourceOf('apt-get -qy -o Dpkg::Options=x --no-install-recommends install curl')).commands;
  assert.ok(hasFlag(cmd!, 'y'));
  assert.ok(hasFlag(cmd!, 'no-install-recommends'));
  assert.ok(!hasFlag(cmd!, 'assume-yes'));
  assert.deepEqual(positionalArgs(cmd!, ['-o']).map((w) => w.value), ['install', 'curl']);
});
