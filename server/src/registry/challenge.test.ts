import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseWwwAuthenticate, pickChallenge } from './challenge';

test('Bearer with parameters in any order and quoted commas', () => {
  const [c] = parseWwwAuthenticate('Bearer scope="repository:a/b:pull,push",service="reg.example",realm="https://auth.example/token?x=1"');
  assert.equal(c!.scheme, 'bearer');
  assert.deepEqual(c!.params, { scope: 'repository:a/b:pull,push', service: 'reg.example', realm: 'https://auth.example/token?x=1' });
});

test('several challenges in one header; Bearer preferred', () => {
  const list = parseWwwAuthenticate('Basic realm="basic realm", Bearer realm="https://a/t", service=x, error="insufficient_scope"');
  assert.deepEqual(list.map((c) => c.scheme), ['basic', 'bearer']);
  assert.equal(list[1]!.params['service'], 'x');
  assert.equal(list[1]!.params['error'], 'insufficient_scope');
  assert.equal(pickChallenge(list)!.scheme, 'bearer');
});

test('escapes, case-blind scheme and parameter names, unquoted values', () => {
  const [c] = parseWwwAuthenticate('BEARER Realm="a \\"quoted\\" realm" ,  Service = reg');
  assert.equal(c!.scheme, 'bearer');
  assert.equal(c!.params['realm'], 'a "quoted" realm');
  assert.equal(c!.params['service'], 'reg');
});

test('token68 and bare schemes', () => {
  const list = parseWwwAuthenticate('Negotiate abc==, Basic, Bearer realm="r"');
  assert.deepEqual(list.map((c) => [c.scheme, c.token68]), [['negotiate', 'abc=='], ['basic', undefined], ['bearer', undefined]]);
  assert.equal(list[2]!.params['realm'], 'r');
});

test('empty or garbage header gives no usable challenge', () => {
  assert.deepEqual(parseWwwAuthenticate(undefined), []);
  assert.equal(pickChallenge(parseWwwAuthenticate('"""')), undefined);
});
