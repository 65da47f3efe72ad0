import assert from 'node:assert/strict';
import { test } from 'node:test';
import { substitute, type VariableValue } from './variables';

const scope: Record<string, VariableValue> = {
  BASE: { kind: 'value', value: 'python:3.12-slim' },
  EMPTY: { kind: 'value', value: '' },
  NODEF: { kind: 'unset' },
  TARGETARCH: { kind: 'unknown' },
};
const sub = (text: string) => {
  const r = substitute(text, (name) => scope[name]);
  return r.known ? r.value : 'UNKNOWN';
};

test('plain and braced variables', () => {
  assert.equal(sub('${BASE}'), 'python:3.12-slim');
  assert.equal(sub('$BASE-x'), 'python:3.12-slim-x');
  assert.equal(sub('img:\\$BASE'), 'img:$BASE');
});

test('defaults and alternatives', () => {
  assert.equal(sub('alpine:${TAG:-latest}'), 'alpine:latest');
  assert.equal(sub('alpine:${NODEF:-3.19}'), 'alpine:3.19');
  assert.equal(sub('alpine:${EMPTY:-3.19}'), 'alpine:3.19');
  assert.equal(sub('alpine:${EMPTY-3.19}'), 'alpine:');
  assert.equal(sub('a${BASE:+-slim}'), 'a-slim');
  assert.equal(sub('a${NODEF:+-slim}'), 'a');
  assert.equal(sub('${X:-${BASE}}'), 'python:3.12-slim');
});

test('build-dependent values are unknown, never guessed', () => {
  assert.equal(sub('img:${NODEF}'), 'UNKNOWN');
  assert.equal(sub('img-${TARGETARCH}'), 'UNKNOWN');
  assert.equal(sub('img-${TARGETARCH:-amd64}'), 'UNKNOWN');
  assert.equal(sub('${BASE%%:*}'), 'UNKNOWN');
});

test('undeclared variables expand to empty and are listed', () => {
  const r = substitute('alpine:$NOPE', (name) => scope[name]);
  assert.deepEqual(r, { known: true, value: 'alpine:', usedVariables: ['NOPE'] });
  const r2 = substitute('${NOPE}${NODEF}', (name) => scope[name]);
  assert.equal(r2.known, false);
  assert.ok(!r2.known && r2.undefinedVariables.includes('NOPE'));
});
