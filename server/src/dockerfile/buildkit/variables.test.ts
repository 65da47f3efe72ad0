import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expandWord, scanVariables, suggest } from './variables';

test('scanVariables: positions, braces, modifiers, quotes and escapes', () => {
  assert.deepEqual(scanVariables('a$X-${Y}/${Z:-$W}').map((u) => [u.name, u.start, u.end, u.modifier ?? '']),
    [['X', 1, 3, ''], ['Y', 4, 8, ''], ['Z', 9, 17, ':-'], ['W', 14, 16, '']]);
  assert.deepEqual(scanVariables(`'$A' "$B" \\$C`).map((u) => u.name), ['B']);
  assert.deepEqual(scanVariables('`$A $B', '`').map((u) => u.name), ['B'], 'escape directive character');
  assert.deepEqual(scanVariables('$ ${} $1 ${X'), []);
});

test('expandWord: BuildKit default/alternative semantics and what stays unmatched', () => {
  const env = new Map([['SET', 'v'], ['EMPTY', '']]);
  const cases: [string, string, string[]][] = [
    ['${SET}-${NOPE}', 'v-', ['NOPE']],
    ['${NOPE:-d}', 'd', []],
    ['${EMPTY:-d}|${EMPTY-d}', 'd|', []],
    ['${SET:+alt}${NOPE:+alt}', 'alt', []],
    ['"${SET}" \'${SET}\'', 'v ${SET}', []],
    ['${NOPE:?required}', '', ['NOPE']],
  ];
  for (const [word, result, unmatched] of cases) {
    const expansion = expandWord(word, env);
    assert.equal(expansion.result, result, word);
    assert.deepEqual([...expansion.unmatched], unmatched, word);
  }
  assert.equal(expandWord('${SET%v}', env).unresolved, true, 'pattern operators are not guessed');
});

test('suggest: close names only', () => {
  assert.equal(suggest('VERSOIN', ['VERSION', 'PATH']), 'VERSION');
  assert.equal(suggest('HOME', ['VERSION', 'PATH']), undefined);
  // BuildKit's threshold: Levenshtein distance below 3, whatever the length; first of equals.
  assert.equal(suggest('PAHT', ['HOME', 'PATH']), 'PATH', 'a transposition costs 2');
  assert.equal(suggest('AB', ['XB', 'AC']), 'XB');
  assert.equal(suggest('A', ['B']), 'B', 'even for one-letter names, like BuildKit');
  assert.equal(suggest('PATH', ['PATH', 'PATHS']), undefined, 'an exact match means no typo');
});
