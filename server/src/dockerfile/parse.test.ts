import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDockerfile } from './parse';

test('the same text is parsed once; another text gets its own parse', () => {
  const a = parseDockerfile('FROM alpine:3.20\nRUN true\n');
  assert.equal(parseDockerfile('FROM alpine:3.20\nRUN true\n'), a);
  const b = parseDockerfile('FROM alpine:3.20\nRUN false\n');
  assert.notEqual(b, a);
  assert.equal(b.getInstructions()[1]!.getArgumentsContent(), 'false');
});

test('the cache is bounded: old texts are parsed again', () => {
  const first = parseDockerfile('FROM scratch\n# 0\n');
  for (let i = 1; i <= 20; i++) parseDockerfile(`FROM scratch\n# ${i}\n`);
  assert.notEqual(parseDockerfile('FROM scratch\n# 0\n'), first);
});
