import assert from 'node:assert/strict';
import { test } from 'node:test';
import { QuietStart } from './shellcheckOnSave';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('ShellCheck after open waits until edits pause; closing cancels it', async () => {
  const ran: string[] = [];
  const quiet = new QuietStart((uri) => ran.push(uri), 200);
  quiet.opened('file:///a/Dockerfile');
  quiet.opened('file:///b/Dockerfile');
  quiet.opened('file:///c/Dockerfile');
  quiet.edited('file:///d/Dockerfile'); // never opened here: nothing to wait for
  // Edits every 50 ms for 300 ms: well inside the 200 ms wait each time, even on a busy machine.
  for (let i = 0; i < 6; i++) {
    await sleep(50);
    quiet.edited('file:///a/Dockerfile');
    if (i === 0) quiet.closed('file:///c/Dockerfile');
  }
  assert.deepEqual(ran, ['file:///b/Dockerfile'], 'b was left alone; a is being typed in; c was closed');
  await sleep(400);
  assert.deepEqual(ran, ['file:///b/Dockerfile', 'file:///a/Dockerfile'], 'a once typing paused; c never; d never');
  quiet.edited('file:///a/Dockerfile');
  await sleep(300);
  assert.equal(ran.length, 2, 'later edits do not run it again (save does)');
});

test('a first lint slower than the wait does not use it up: the wait starts again when diagnostics are published', async () => {
  const ran: string[] = [];
  const quiet = new QuietStart((uri) => ran.push(uri), 200);
  quiet.opened('file:///a/Dockerfile');
  quiet.opened('file:///b/Dockerfile');
  // The first lints take longer than the wait, then their diagnostics are published.
  const busyUntil = Date.now() + 250;
  while (Date.now() < busyUntil) { /* a long first lint */ }
  quiet.published('file:///a/Dockerfile');
  quiet.published('file:///z/Dockerfile'); // never opened here: nothing to wait for
  await sleep(0);
  assert.deepEqual(ran, ['file:///b/Dockerfile'], 'b published nothing: its wait had run out; a waits again');
  await sleep(120);
  quiet.edited('file:///a/Dockerfile'); // the user types right after seeing the diagnostics
  await sleep(120);
  assert.deepEqual(ran, ['file:///b/Dockerfile'], 'a is being typed in');
  await sleep(300);
  assert.deepEqual(ran, ['file:///b/Dockerfile', 'file:///a/Dockerfile']);
});
