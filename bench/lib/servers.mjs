// How each language server under measurement is started and configured. Everything runs from
// this checkout: Shipshape's bundled server and the peers installed as dev dependencies.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { tsImport } from 'tsx/esm/api';

/** Started like the VS Code client starts it: with the flags of server/src/serverNodeFlags.ts. */
const { SERVER_NODE_FLAGS } = await tsImport('../../server/src/serverNodeFlags.ts', import.meta.url);

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/**
 * The bundles under test. `npm run bench` copies dist/ aside first (SHIPSHAPE_BENCH_DIST), so a
 * rebuild in the checkout during a long run cannot swap the code between runs.
 */
export const distDir = () => process.env.SHIPSHAPE_BENCH_DIST ?? join(ROOT, 'dist');

export const shipshape = () => ({
  name: 'shipshape',
  command: process.execPath,
  args: [...SERVER_NODE_FLAGS, join(distDir(), 'server.js'), '--stdio'],
  initializationOptions: { workspaceTrusted: true },
  settings: {},
});

export const dockerfileLanguageServer = () => ({
  name: 'dockerfile-language-server-nodejs',
  command: process.execPath,
  args: [join(ROOT, 'node_modules/dockerfile-language-server-nodejs/bin/docker-langserver'), '--stdio'],
  initializationOptions: {},
  settings: {},
});

/** yaml-language-server with the Kubernetes schema for every YAML file, from a local file. */
export const yamlLanguageServer = (schemaUri) => ({
  name: 'yaml-language-server',
  command: process.execPath,
  args: [join(ROOT, 'node_modules/yaml-language-server/bin/yaml-language-server'), '--stdio'],
  initializationOptions: {},
  settings: {
    yaml: {
      validate: true,
      hover: true,
      completion: true,
      format: { enable: false },
      schemas: { [schemaUri]: ['*.yaml', '*.yml'] },
      schemaStore: { enable: false },
      kubernetesCRDStore: { enable: false },
      customTags: [],
    },
    http: { proxy: '', proxyStrictSSL: false },
    '[yaml]': {},
    editor: { tabSize: 2 },
  },
});
