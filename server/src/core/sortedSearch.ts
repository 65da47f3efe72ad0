/** Index of the last value of ascending `sorted` that is ≤ `value`; -1 when there is none. */
export function lastIndexAtMost(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  if (high < 0 || sorted[0]! > value) return -1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (sorted[mid]! <= value) low = mid; else high = mid - 1;
  }
  return low;
}
