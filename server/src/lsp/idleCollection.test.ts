import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { test } from 'node:test';
import { join } from 'node:path';

// In a child process: the collection changes the whole process's heap, and its timer must be
// the only one deciding when.
const CHILD = `
const module = await import(${JSON.stringify(join(__dirname, 'idleCollection.ts'))});
if (process.env.COLLECT) (module.collectGarbageWhenIdle ?? module.default.collectGarbageWhenIdle)();
const mib = () => Math.round(process.memoryUsage().heapTotal / 1048576);
// A burst of work (1.5 s on the event loop) that grows the heap, then nothing.
let kept = [];
const until = Date.now() + 1500;
while (Date.now() < until) { kept.push(new Array(1000).fill(Math.random())); if (kept.length > 20000) kept = []; }
kept = null;
const before = mib();
setTimeout(() => console.log(JSON.stringify({ before, after: mib() })), 5000);
`;

async function heapAfterBurst(collect: boolean): Promise<{ before: number; after: number }> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD], {
    encoding: 'utf8', env: { ...process.env, COLLECT: collect ? '1' : '' }, timeout: 30_000,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as { before: number; after: number };
}

test('after a burst of work and two quiet seconds, the heap V8 grew is given back', async () => {
  const [without, collected] = await Promise.all([heapAfterBurst(false), heapAfterBurst(true)]);
  assert.ok(collected.after < collected.before / 2, `heap ${collected.before} → ${collected.after} MiB`);
  // The reference: left to itself, V8 kept it (so the drop above is this module's doing).
  assert.ok(without.after > without.before / 2, `without: ${without.before} → ${without.after} MiB`);
});
