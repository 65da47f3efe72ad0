// Runs test/desktop/suite.ts inside a desktop VS Code downloaded by @vscode/test-electron.
// Needs network access to update.code.visualstudio.com (not available in this project's CI,
// where test/e2e covers the same behaviour in code-server).
import { runTests } from '@vscode/test-electron';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
try {
  await runTests({
    version: process.env.VSCODE_VERSION ?? '1.100.3',
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'dist/test/desktop/suite.js'),
    launchArgs: [join(root, 'examples'), '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (error) {
  console.error(`desktop tests failed: ${error.message ?? error}`);
  process.exit(1);
}
