import assert from 'node:assert/strict';
import { test } from 'node:test';
import { covered, findingsOf } from '../testHelpers';

const trusted = { trustedRegistries: ['docker.io', '*.corp.example', 'localhost:5000'] };

test('DL3026 marks the registry, the COPY --from image and the mount source', () => {
  const text = [
    'FROM ghcr.io/org/base:1.0 AS a',
    'FROM localhost:5000/app:1.0',
    'COPY --from=quay.io/org/tools:2 /bin/t /bin/t',
    'RUN --mount=type=bind,from=gcr.io/x/y:1,target=/y ls /y',
    'FROM mirror.corp.example/library/debian:12',
  ].join('\n');
  const findings = findingsOf('DL3026', text, trusted);
  assert.deepEqual(covered(text, findings), ['ghcr.io', 'quay.io/org/tools:2', 'gcr.io/x/y:1']);
});

test('DL3026 is silent without trustedRegistries and for stages', () => {
  assert.equal(findingsOf('DL3026', 'FROM ghcr.io/org/base:1.0\n').length, 0);
  assert.equal(findingsOf('DL3026', 'FROM debian:12 AS build\nFROM build\nCOPY --from=build /a /a\n', trusted).length, 0);
});
