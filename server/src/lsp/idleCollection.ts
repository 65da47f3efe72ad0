// Gives memory back after bursts of work (see collectGarbageWhenIdle).
import { performance } from 'node:perf_hooks';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * V8 keeps the heap it grew to during a burst of work (opening every file of a workspace, the
 * index crawl, a configuration change re-linting everything) and rarely gives it back on its own:
 * after opening 3,700 files the heap stayed at ~350 MB for ~85 MB of live data. Once the server
 * has been quiet for two seconds after such a burst, full collections (one a second, up to
 * three, while they still shrink the heap) return that memory. Quiet is measured on the
 * event loop, so the collector's own background threads never count as work. Never during
 * typing: a keystroke's lint is far below the burst threshold, and any work restarts the wait.
 */
export function collectGarbageWhenIdle(): void {
  let gc: (() => void) | undefined;
  try {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as (() => void) | undefined;
  } catch {
    return;
  }
  if (typeof gc !== 'function') return;
  const GIVEN_BACK_BYTES = 8 * 1024 * 1024;
  let last = performance.eventLoopUtilization();
  let collectingMs = 0;
  let busyMs = 0;
  let quietTicks = 0;
  let collections = 0;
  setInterval(() => {
    const now = performance.eventLoopUtilization();
    const workMs = now.active - last.active - collectingMs;
    last = now;
    collectingMs = 0;
    if (workMs > 50) {
      busyMs += workMs;
      quietTicks = 0;
      collections = 0;
      return;
    }
    if (busyMs < 1000 || ++quietTicks < 2 || collections >= 3) return;
    const before = getHeapStatistics().total_heap_size;
    const started = performance.now();
    // Compacting: after a burst, old-space pages are left fragmented, and only moving what lives
    // on them gives them back (RSS with every corpus file open: 145–149 → 138–143 MiB). Only
    // for these collections; V8's own during work stay as they are.
    setFlagsFromString('--compact-on-every-full-gc');
    gc!();
    setFlagsFromString('--no-compact-on-every-full-gc');
    collectingMs = performance.now() - started;
    // Another collection only while they still give memory back.
    collections = before - getHeapStatistics().total_heap_size < GIVEN_BACK_BYTES ? 3 : collections + 1;
    if (collections >= 3) busyMs = 0;
  }, 1000).unref();
}
