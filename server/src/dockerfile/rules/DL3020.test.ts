import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFix, covered, findingsOf } from '../testHelpers';

test('DL3020 marks ADD and turns it into COPY', () => {
  const text = 'FROM debian:12\nADD --chown=app:app src /app\n';
  const [finding] = findingsOf('DL3020', text);
  assert.deepEqual(covered(text, [finding!]), ['ADD']);
  assert.equal(applyFix(text, finding!.fixes![0]!), 'FROM debian:12\nCOPY --chown=app:app src /app\n');
});

test('DL3020: ADD-only flags get no fix; a mix of archive and plain file is still reported', () => {
  assert.equal(findingsOf('DL3020', 'FROM debian:12\nADD --checksum=sha256:abc app /app\n')[0]!.fixes, undefined);
  assert.equal(findingsOf('DL3020', 'FROM debian:12\nADD a.tar.gz b.txt /opt/\n').length, 1);
});

test('DL3021 fix appends the slash (plain and JSON form)', () => {
  const plain = 'FROM debian:12\nCOPY a b /dst\n';
  assert.equal(applyFix(plain, findingsOf('DL3021', plain)[0]!.fixes![0]!), 'FROM debian:12\nCOPY a b /dst/\n');
  const json = 'FROM debian:12\nCOPY ["a", "b", "/dst"]\n';
  assert.equal(applyFix(json, findingsOf('DL3021', json)[0]!.fixes![0]!), 'FROM debian:12\nCOPY ["a", "b", "/dst/"]\n');
});

test('DL3045 marks the relative destination only', () => {
  const text = 'FROM debian:12\nCOPY --chown=1000 app.py ./app/\n';
  assert.deepEqual(covered(text, findingsOf('DL3045', text)), ['./app/']);
});
