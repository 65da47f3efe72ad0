import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runShellcheck } from './runner';

test('background ShellCheck runs below the server\'s priority (nice 10)', { skip: process.platform !== 'linux' ? 'reads the nice value from /proc' : false }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-nice-'));
  try {
    // A stand-in that records its own nice value, then answers like `shellcheck -f json1`.
    const exe = join(dir, 'shellcheck');
    const seen = join(dir, 'nice');
    writeFileSync(exe, `#!/bin/sh\nsleep 0.2\ncut -d' ' -f19 /proc/$$/stat > '${seen}'\necho '{"comments":[]}'\n`);
    chmodSync(exe, 0o755);
    assert.deepEqual(await runShellcheck(exe, ['echo hi\n']), [[]]);
    assert.equal(readFileSync(seen, 'utf8').trim(), '10');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
