// In-extension-host tests, run by @vscode/test-electron in a downloaded desktop VS Code
// (`npm run test:desktop`, where VS Code can be downloaded). Here the same behaviour is covered
// in code-server by test/e2e. Exports `run()` as VS Code's test runner contract expects.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

type Case = [name: string, body: () => Promise<void>];

async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 20000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const workspaceRoot = () => vscode.workspace.workspaceFolders![0]!.uri.fsPath;

const cases: Case[] = [
  ['the extension activates', async () => {
    const extension = vscode.extensions.getExtension('shipshape-dev.shipshape');
    assert.ok(extension, 'extension is installed');
    await extension.activate();
    assert.ok(extension.isActive);
  }],
  ['DL3007 is published for examples/Dockerfile on the tag', async () => {
    const document = await vscode.workspace.openTextDocument(path.join(workspaceRoot(), 'Dockerfile'));
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'dockerfile');
    const diagnostic = await waitFor(() => vscode.languages.getDiagnostics(document.uri).find((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'DL3007'), 'DL3007');
    assert.equal(diagnostic.source, 'shipshape');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(document.getText(diagnostic.range), 'latest');
  }],
  ['editing the tag clears the diagnostic', async () => {
    const document = await vscode.workspace.openTextDocument(path.join(workspaceRoot(), 'Dockerfile'));
    const editor = await vscode.window.showTextDocument(document);
    const diagnostic = vscode.languages.getDiagnostics(document.uri).find((d) => document.getText(d.range) === 'latest')!;
    await editor.edit((edit) => edit.replace(diagnostic.range, '1.27'));
    await waitFor(() => vscode.languages.getDiagnostics(document.uri).some((d) => document.getText(d.range) === 'latest') ? undefined : true, 'DL3007 to clear');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }],
];

export async function run(): Promise<void> {
  const failures: string[] = [];
  for (const [name, body] of cases) {
    try {
      await body();
      console.log(`PASS ${name}`);
    } catch (error) {
      failures.push(name);
      console.log(`FAIL ${name}: ${(error as Error).message}`);
    }
  }
  console.log(`${cases.length - failures.length} passed, ${failures.length} failed`);
  if (failures.length) throw new Error(`${failures.length} desktop test(s) failed`);
}
