// Bundles the three entry points. `vscode` is external (provided by the editor); everything else
// is inlined so the .vsix needs no runtime node_modules.
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'info',
  // vscode-languageserver and friends pick their "node" entry points.
  mainFields: ['module', 'main'],
  define: { SHIPSHAPE_VERSION: JSON.stringify(pkg.version) },
};

const builds = [
  // The extension is three bundles so that activation only loads a small one: extension.js
  // requires languageClient.js right after activate() and features.js (registry explorer, scan,
  // push, signing) on first use. They are siblings in dist/ and found through __dirname.
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...common, entryPoints: ['client/src/languageClient.ts'], outfile: 'dist/languageClient.js', external: ['vscode'] },
  { ...common, entryPoints: ['client/src/features.ts'], outfile: 'dist/features.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // In-extension-host test suite for @vscode/test-electron (npm run test:desktop); not packaged.
  ...(production ? [] : [{ ...common, entryPoints: ['test/desktop/suite.ts'], outfile: 'dist/test/desktop/suite.js', external: ['vscode'] }]),
];

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
