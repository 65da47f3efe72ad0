// The `shipshape` command line: wiring only.
import { readFileSync } from 'node:fs';
import { ConfigError } from './config/config';
import { UsageError } from './cli/args';
import { LINT_USAGE, runLint, type CommandIO } from './cli/lintCommand';
import { isPushAndSignCommand, PUSH_AND_SIGN_SUMMARY, runPushAndSign } from './cli/pushAndSign';
import { runRegistry } from './cli/registryCommand';

declare const SHIPSHAPE_VERSION: string | undefined;
const VERSION = typeof SHIPSHAPE_VERSION === 'string' ? SHIPSHAPE_VERSION : '0.0.0-dev';

const USAGE = `Usage: shipshape <command> [options]

Commands:
  lint [paths…]     lint Dockerfiles and Kubernetes manifests
  registry ls <registry>[/<repo>]  list repositories or tags of a registry
${PUSH_AND_SIGN_SUMMARY}
Run "shipshape <command> --help" for a command's options.
`;

const io: CommandIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  isTty: Boolean(process.stdout.isTTY),
  version: VERSION,
  readStdin: () => readFileSync(0, 'utf8'),
};

function main(argv: string[]): number | Promise<number> {
  const [command, ...rest] = argv;
  if (isPushAndSignCommand(command)) return runPushAndSign(command!, rest);
  switch (command) {
    case 'lint': return runLint(rest, io);
    case 'registry': return runRegistry(rest, io);
    case '--version': case '-v': io.stdout(VERSION + '\n'); return 0;
    case '--help': case '-h': case 'help': io.stdout(USAGE + '\n' + LINT_USAGE); return 0;
    case undefined: io.stderr(USAGE); return 2;
    default: throw new UsageError(`unknown command "${command}"`);
  }
}

function fail(error: unknown): void {
  if (error instanceof UsageError || error instanceof ConfigError) {
    process.stderr.write(`shipshape: ${error.message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`shipshape: internal error: ${(error as Error).stack ?? error}\n`);
    process.exitCode = 3;
  }
}

// Commands may be async (registry work); sync ones still finish before any await.
try {
  const code = main(process.argv.slice(2));
  if (typeof code === 'number') process.exitCode = code;
  else code.then((c) => { process.exitCode = c; }, fail);
} catch (error) {
  fail(error);
}
