import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { emptyConfig } from '../../config/config';
import { lintDockerfile } from '../lint';
import { DockerIgnore } from './dockerignore';

test('.dockerignore: globs, ** and parents', () => {
  const ignore = new DockerIgnore('# comment\n*.log\n**/*.tmp\nbuild/\n/docs\nsecret?.txt\n');
  assert.ok(ignore.excludes('app.log'));
  assert.ok(!ignore.excludes('logs/app.log'), '* does not cross folders');
  assert.ok(ignore.excludes('a/b/c.tmp'));
  assert.ok(ignore.excludes('c.tmp'), '**/ matches zero folders');
  assert.ok(ignore.excludes('build/out/x.js'), 'a parent folder matches');
  assert.ok(ignore.excludes('./docs/index.md'));
  assert.ok(ignore.excludes('secret1.txt'));
  assert.ok(!ignore.excludes('secret12.txt'));
  assert.ok(!ignore.excludes('src/main.go'));
});

test('.dockerignore: ! exceptions, last match wins', () => {
  const ignore = new DockerIgnore('*.md\n!README.md\nREADME*\n!docs/**\ndocs/private\n');
  assert.ok(ignore.excludes('CHANGELOG.md'));
  assert.ok(ignore.excludes('README.md'), 'README* after the exception excludes it again');
  const ignore2 = new DockerIgnore('*.md\n!README.md\n');
  assert.ok(!ignore2.excludes('README.md'));
  assert.ok(ignore.excludes('docs/private/key'));
  assert.ok(!ignore.excludes('docs/public/a'));
});

test('.dockerignore: ** at the end, escapes and whole-context patterns', () => {
  assert.ok(new DockerIgnore('node_modules/**').excludes('node_modules/x/y'));
  assert.ok(new DockerIgnore('**').excludes('anything/at/all'));
  assert.ok(new DockerIgnore('\\*.txt').excludes('*.txt'));
  assert.ok(!new DockerIgnore('\\*.txt').excludes('a.txt'));
});

test('CopyIgnoredFile reads .dockerignore (and <Dockerfile>.dockerignore first) beside the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'h3b-ignore-'));
  try {
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, '.dockerignore'), 'node_modules\n*.env\n!public.env\n');
    const dockerfile = join(dir, 'Dockerfile');
    const text = 'FROM node:22\nCOPY package.json node_modules/ /app/\nCOPY prod.env public.env /app/\nCOPY --from=deps node_modules /x\nADD https://example.com/a.env /a\n';
    const findings = lintDockerfile(text, emptyConfig(), dockerfile).filter((f) => f.code === 'CopyIgnoredFile');
    assert.deepEqual(findings.map((f) => f.message), [
      'Attempting to Copy file "node_modules/" that is excluded by .dockerignore',
      'Attempting to Copy file "prod.env" that is excluded by .dockerignore',
    ]);
    assert.deepEqual(findings[0]!.range, { start: { line: 1, character: 18 }, end: { line: 1, character: 31 } });
    writeFileSync(join(dir, 'Dockerfile.dockerignore'), 'package.json\n');
    const specific = lintDockerfile(text, emptyConfig(), dockerfile).filter((f) => f.code === 'CopyIgnoredFile');
    assert.deepEqual(specific.map((f) => f.message), ['Attempting to Copy file "package.json" that is excluded by .dockerignore']);
    assert.equal(lintDockerfile(text, emptyConfig(), join(dir, 'sub', 'Dockerfile')).filter((f) => f.code === 'CopyIgnoredFile').length, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
