// `shipshape sign`, `shipshape verify` and `shipshape generate-key-pair`: cosign-compatible
// key-based signing without the cosign binary, for CI pipelines and other editors.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { decryptCosignKey, generateCosignKeyPair, loadPublicKey, SigningKeyError } from '../signing/cosignKey';
import { childManifestDigests, signImage, type SignResult } from '../signing/signImage';
import { signatureStatus, verifyImage, type VerifyResult } from '../signing/verifyImage';
import { oneOf, parseArgs, UsageError } from './args';
import { readPassword, type PasswordSource } from './password';
import { failure, takeRepeated, type AsyncCommandIO } from './pushCommand';
import { referenceSelector, resolveTarget } from './registryAccess';

export const SIGN_USAGE = `Usage: shipshape sign <reference> --key cosign.key [options]

Signs an image in its registry the way "cosign sign --key" does: a simple-signing payload in
the sha256-<digest>.sig tag (appended to existing signatures), plus a Sigstore-bundle referrer
when the registry supports the OCI referrers API. The key password is read from
$COSIGN_PASSWORD, else prompted for (or read from standard input when not a terminal).

Options:
  --key FILE              cosign private key (ENCRYPTED SIGSTORE/COSIGN PRIVATE KEY)
  -a, --annotation K=V    extra claim in the payload's "optional" section (repeatable)
  --referrer auto|always|never   also write an OCI 1.1 referrer (default auto: when supported)
  --recursive             for a multi-platform index, also sign every platform manifest
  --format tty|json       output format (default tty)
  --ca-file FILE          extra CA certificates for the registry
  --config FILE           registry settings file (default ./.shipshape.yaml when present)
  --insecure              plain http / skip TLS verification
`;

export const VERIFY_USAGE = `Usage: shipshape verify <reference> --key cosign.pub [options]

Checks the image's signatures (sha256-<digest>.sig tag and Sigstore-bundle referrers) against a
public key. Exit code 0 only when at least one valid signature exists; 1 otherwise.

Options:
  --key FILE              public key (PEM, cosign.pub)
  --format tty|json       output format (default tty)
  --ca-file FILE          extra CA certificates for the registry
  --config FILE           registry settings file (default ./.shipshape.yaml when present)
  --insecure              plain http / skip TLS verification
`;

export const KEYGEN_USAGE = `Usage: shipshape generate-key-pair [--output-key-prefix PREFIX] [--force]

Writes PREFIX.key (encrypted with the password from $COSIGN_PASSWORD or a prompt) and
PREFIX.pub in cosign's formats. PREFIX defaults to "cosign".
`;

export interface SignCommandIO extends AsyncCommandIO {
  passwords: Omit<PasswordSource, 'env'> & { env?: NodeJS.ProcessEnv };
}

function keyFile(options: Record<string, string | boolean>, io: AsyncCommandIO): string {
  const key = options['key'];
  if (typeof key !== 'string') throw new UsageError('--key is required');
  const path = resolve(io.cwd, key);
  if (!existsSync(path)) throw new UsageError(`key file ${key} does not exist`);
  return path;
}

function tlsOptions(options: Record<string, string | boolean>, io: AsyncCommandIO) {
  return {
    ...(typeof options['ca-file'] === 'string' ? { caFile: resolve(io.cwd, options['ca-file']) } : {}),
    ...(options['insecure'] ? { insecure: true } : {}),
    ...(typeof options['config'] === 'string' ? { configFile: options['config'] } : {}),
    cwd: io.cwd,
    warn: (message: string) => io.stderr(`shipshape: warning: ${message}\n`),
  };
}

function parseAnnotations(values: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const value of values) {
    const eq = value.indexOf('=');
    if (eq <= 0) throw new UsageError(`annotation "${value}" must be key=value`);
    out[value.slice(0, eq)] = value.slice(eq + 1);
  }
  return out;
}

export async function runSign(argv: string[], io: SignCommandIO): Promise<number> {
  const long = takeRepeated(argv, 'annotation');
  const short = takeRepeated(long.rest.map((a) => (a === '-a' ? '--a' : a)), 'a');
  const { positionals, options } = parseArgs(short.rest, ['key', 'referrer', 'format', 'ca-file', 'config'], ['insecure', 'recursive', 'help', 'h']);
  if (options['help'] || options['h']) { io.stdout(SIGN_USAGE); return 0; }
  if (positionals.length !== 1) throw new UsageError('sign needs exactly one image reference (see --help)');
  const format = oneOf(options['format'], ['tty', 'json'] as const, 'format') ?? 'tty';
  const referrer = oneOf(options['referrer'], ['auto', 'always', 'never'] as const, 'referrer') ?? 'auto';
  const annotations = parseAnnotations([...long.values, ...short.values]);
  const path = keyFile(options, io);
  const target = resolveTarget(positionals[0]!, 'image reference', tlsOptions(options, io));
  let key;
  try {
    const password = await readPassword('Enter password for private key: ', { env: io.passwords.env ?? process.env, ...io.passwords });
    key = await decryptCosignKey(readFileSync(path, 'utf8'), password);
  } catch (error) {
    if (error instanceof SigningKeyError) { io.stderr(`shipshape sign: ${path}: ${error.message}\n`); return 1; }
    throw error;
  }
  try {
    const signOptions = { annotations, referrer, ...(io.signal ? { signal: io.signal } : {}) };
    const repository = target.reference.repository;
    const result = await signImage(target.client, repository, referenceSelector(target.reference), key.privateKey, key.publicKey, signOptions);
    const results: SignResult[] = [result];
    if (options['recursive']) {
      for (const child of await childManifestDigests(target.client, repository, result.digest)) {
        results.push(await signImage(target.client, repository, child, key.privateKey, key.publicKey, signOptions));
      }
    }
    if (format === 'json') io.stdout(JSON.stringify(options['recursive'] ? results : result, null, 2) + '\n');
    else {
      for (const r of results) {
        if (r.referrerError) io.stderr(`shipshape sign: warning: the OCI referrer was not stored (${r.referrerError}); the .sig signature was\n`);
        io.stderr(`signed ${r.identity}@${r.digest} (${r.signatures} signature(s) in ${r.signatureTag}${r.referrer ? `, referrer ${r.referrer.digest.slice(0, 19)}` : ''})\n`);
        io.stdout(`${r.identity}@${r.digest}\n`);
      }
    }
    return 0;
  } catch (error) {
    return failure(io, 'sign', error);
  }
}

function formatVerify(result: VerifyResult): string {
  const lines = [`${result.reference} (${result.digest}): ${signatureStatus(result)}`];
  for (const s of result.signatures) {
    lines.push(`  ${s.verified ? '✓' : '✗'} ${s.kind} in ${s.source} ${s.digest.slice(0, 19)}${s.identity ? ` for ${s.identity}` : ''}${s.verified ? '' : ` — ${s.reason}`}`);
  }
  if (result.signatures.length === 0) lines.push('  no signatures found (looked for the .sig tag and for referrers)');
  for (const o of result.other) lines.push(`  · other referrer ${o.digest.slice(0, 19)} ${o.predicateType ?? o.artifactType ?? ''}`);
  for (const p of result.problems) lines.push(`  ! ${p}`);
  return lines.join('\n') + '\n';
}

export async function runVerify(argv: string[], io: AsyncCommandIO): Promise<number> {
  const { positionals, options } = parseArgs(argv, ['key', 'format', 'ca-file', 'config'], ['insecure', 'help', 'h']);
  if (options['help'] || options['h']) { io.stdout(VERIFY_USAGE); return 0; }
  if (positionals.length !== 1) throw new UsageError('verify needs exactly one image reference (see --help)');
  const format = oneOf(options['format'], ['tty', 'json'] as const, 'format') ?? 'tty';
  const path = keyFile(options, io);
  let publicKey;
  try {
    publicKey = loadPublicKey(readFileSync(path, 'utf8'));
  } catch (error) {
    if (error instanceof SigningKeyError) { io.stderr(`shipshape verify: ${path}: ${error.message}\n`); return 1; }
    throw error;
  }
  const target = resolveTarget(positionals[0]!, 'image reference', tlsOptions(options, io));
  try {
    const result = await verifyImage(target.client, target.reference.repository, referenceSelector(target.reference), publicKey);
    if (format === 'json') io.stdout(JSON.stringify({ ...result, status: signatureStatus(result) }, null, 2) + '\n');
    else io.stdout(formatVerify(result));
    return result.verified ? 0 : 1;
  } catch (error) {
    return failure(io, 'verify', error);
  }
}

export async function runGenerateKeyPair(argv: string[], io: SignCommandIO): Promise<number> {
  const { positionals, options } = parseArgs(argv, ['output-key-prefix'], ['force', 'help', 'h']);
  if (options['help'] || options['h']) { io.stdout(KEYGEN_USAGE); return 0; }
  if (positionals.length) throw new UsageError('generate-key-pair takes no arguments');
  const prefix = resolve(io.cwd, typeof options['output-key-prefix'] === 'string' ? options['output-key-prefix'] : 'cosign');
  for (const file of [`${prefix}.key`, `${prefix}.pub`]) {
    if (existsSync(file) && !options['force']) { io.stderr(`shipshape generate-key-pair: ${file} exists (use --force to overwrite)\n`); return 1; }
  }
  const password = await readPassword('Enter password for private key: ', { env: io.passwords.env ?? process.env, ...io.passwords });
  const pair = await generateCosignKeyPair(password);
  writeFileSync(`${prefix}.key`, pair.privateKeyPem, { mode: 0o600 });
  writeFileSync(`${prefix}.pub`, pair.publicKeyPem);
  io.stderr(`Private key written to ${prefix}.key\nPublic key written to ${prefix}.pub\n`);
  return 0;
}
