import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { test } from 'node:test';
import { join } from 'node:path';

// In a child process: the collection changes the whole process's heap, and its timer must be
// the only one deciding when. Forced collections are counted from V8's GC events: V8 sometimes
// shrinks the heap on its own while idle (seen on a loaded 2-core machine), so the heap alone
// cannot tell whose doing a drop was.
const CHILD = `
import { PerformanceObserver, constants } from 'node:perf_hooks';
const module = await import(${JSON.stringify(join(__dirname, 'idleCollection.ts'))});
if (process.env.COLLECT) (module.collectGarbageWhenIdle ?? module.default.collectGarbageWhenIdle)();
const mib = () => Math.round(process.memoryUsage().heapTotal / 1048576);
let forced = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (entry.detail.flags & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED) forced++;
}).observe({ entryTypes: ['gc'] });
// A burst of work that grows the heap by a fixed ~120 MiB of live data (not by what a slow
// machine manages in a given time), keeps the event loop busy for at least 1.5 s, then nothing.
let kept = [];
const until = Date.now() + 1500;
while (kept.length < 15000 || Date.now() < until) { if (kept.length < 15000) kept.push(new Array(1000).fill(Math.random())); else Math.sqrt(Math.random()); }
kept = null;
const before = mib();
setTimeout(() => console.log(JSON.stringify({ before, after: mib(), forced })), 5000);
`;

interface Outcome { before: number; after: number; forced: number }

async function heapAfterBurst(collect: boolean): Promise<Outcome> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD], {
    encoding: 'utf8', env: { ...process.env, COLLECT: collect ? '1' : '' }, timeout: 30_000,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as Outcome;
}

test('after a burst of work and two quiet seconds, the heap V8 grew is given back', async () => {
  const [without, collected] = await Promise.all([heapAfterBurst(false), heapAfterBurst(true)]);
  assert.ok(collected.forced >= 1 && collected.forced <= 3, `forced collections: ${collected.forced}`);
  assert.ok(collected.after < collected.before / 2, `heap ${collected.before} → ${collected.after} MiB`);
  // The reference: nothing forces a collection without this module.
  assert.equal(without.forced, 0);
});
