import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lastIndexAtMost } from './sortedSearch';

test('the last value at or below: the same as a scan, with repeats, gaps and out-of-range values', () => {
  const lists = [[], [0], [3], [0, 0, 4, 9, 9, 9, 12], [1, 2, 3, 4, 5, 6, 7, 8]];
  for (const sorted of lists) {
    for (let value = -2; value <= 14; value++) {
      let expected = -1;
      sorted.forEach((v, i) => { if (v <= value) expected = i; });
      assert.equal(lastIndexAtMost(sorted, value), expected, `${JSON.stringify(sorted)} ${value}`);
    }
  }
});
