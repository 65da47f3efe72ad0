// The real-world corpus: every YAML file linted with one workspace index (as the CLI does), no
// crash, and a committed summary of findings per rule id so changes in behaviour show in review.
// Regenerate: UPDATE_CORPUS_SUMMARY=1 TEST_FILTER=kubernetes/corpus node test/run-tests.mjs server/src/kubernetes
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { emptyConfig } from '../config/config';
import { lintKubernetes } from './lint';
import { WorkspaceIndex } from '../workspace/workspaceIndex';
import { sharedPath } from '../../../test/helpers/sharedDir.cjs';

const CORPUS = process.env['SHIPSHAPE_K8S_CORPUS'] ?? sharedPath('corpus/k8s');
const SUMMARY = join(__dirname, 'corpus-summary.json');

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yamlFiles(path, out);
    else if (/\.ya?ml$/i.test(entry)) out.push(path);
  }
  return out;
}

test('the Kubernetes corpus lints without crashing; findings per id match the committed summary', (t) => {
  if (!existsSync(CORPUS)) { t.skip(`corpus not found at ${CORPUS}`); return; }
  const files = yamlFiles(CORPUS).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
  assert.ok(files.length > 100, `expected a real corpus, found ${files.length} files`);
  const index = new WorkspaceIndex();
  for (const file of files) index.update(file.path, file.text);
  const byId: Record<string, number> = {};
  const filesWithFindings = new Set<string>();
  for (const file of files) {
    for (const finding of lintKubernetes(file.path, file.text, emptyConfig(), index)) {
      assert.ok(finding.range.start.line >= 0 && finding.range.end.line >= finding.range.start.line, `${file.path}: bad range`);
      byId[finding.code] = (byId[finding.code] ?? 0) + 1;
      filesWithFindings.add(file.path);
    }
  }
  const summary = {
    files: files.length,
    filesWithFindings: filesWithFindings.size,
    secretLikeObjects: index.secrets().length,
    findingsById: Object.fromEntries(Object.entries(byId).sort(([a], [b]) => a.localeCompare(b))),
  };
  if (process.env['UPDATE_CORPUS_SUMMARY'] === '1' || !existsSync(SUMMARY)) {
    writeFileSync(SUMMARY, JSON.stringify(summary, null, 2) + '\n');
  }
  assert.deepEqual(summary, JSON.parse(readFileSync(SUMMARY, 'utf8')));
});
