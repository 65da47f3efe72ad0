// A throwaway Docker credential helper (`docker-credential-<name>`, protocol of
// docker/docker-credential-helpers: get/store/erase/list, JSON on stdin/stdout, exit 1 + message
// on stdout when not found) backed by a JSON file, plus a Docker config dir that uses it.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface HelperSetup {
  /** Put this first on PATH. */
  binDir: string;
  /** Point DOCKER_CONFIG here. */
  configDir: string;
  /** Every invocation: "<action> <stdin>" lines. */
  logFile: string;
  storeFile: string;
}

/** `store` maps server URLs (as written in config.json) to {Username, Secret}. */
export function writeCredentialHelper(dir: string, name: string, store: Record<string, { Username: string; Secret: string }>, config: Record<string, unknown>): HelperSetup {
  const binDir = join(dir, 'bin');
  const configDir = join(dir, 'docker-config');
  mkdirSync(binDir, { recursive: true });
  mkdirSync(configDir, { recursive: true });
  const storeFile = join(dir, `${name}-store.json`);
  const logFile = join(dir, `${name}-calls.log`);
  writeFileSync(storeFile, JSON.stringify(store));
  writeFileSync(logFile, '');
  const script = `#!${process.execPath}
const fs = require('node:fs');
const action = process.argv[2] || '';
const input = action === 'list' ? '' : fs.readFileSync(0, 'utf8');
fs.appendFileSync(${JSON.stringify(logFile)}, action + ' ' + input.trim() + '\\n');
const store = JSON.parse(fs.readFileSync(${JSON.stringify(storeFile)}, 'utf8'));
const save = () => fs.writeFileSync(${JSON.stringify(storeFile)}, JSON.stringify(store));
if (action === 'get') {
  const key = input.trim();
  const rec = store[key];
  if (!rec) { process.stdout.write('credentials not found in native keychain\\n'); process.exit(1); }
  process.stdout.write(JSON.stringify({ ServerURL: key, Username: rec.Username, Secret: rec.Secret }));
} else if (action === 'store') {
  const rec = JSON.parse(input); store[rec.ServerURL] = { Username: rec.Username, Secret: rec.Secret }; save();
} else if (action === 'erase') {
  delete store[input.trim()]; save();
} else if (action === 'list') {
  process.stdout.write(JSON.stringify(Object.fromEntries(Object.entries(store).map(([k, v]) => [k, v.Username]))));
} else { process.stdout.write('unknown action: ' + action + '\\n'); process.exit(1); }
`;
  const helper = join(binDir, `docker-credential-${name}`);
  writeFileSync(helper, script);
  chmodSync(helper, 0o755);
  writeFileSync(join(configDir, 'config.json'), JSON.stringify(config, null, 2));
  return { binDir, configDir, logFile, storeFile };
}
