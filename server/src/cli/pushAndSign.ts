// Entry for the push/copy/sign/verify/generate-key-pair commands: builds their IO (Ctrl-C
// cancels the running transfer) and dispatches. Kept out of cli.ts, which only wires.
import { COPY_USAGE, PUSH_USAGE, runCopy, runPush } from './pushCommand';
import { KEYGEN_USAGE, runGenerateKeyPair, runSign, runVerify, SIGN_USAGE, VERIFY_USAGE, type SignCommandIO } from './signCommand';

export const PUSH_AND_SIGN_COMMANDS = ['push', 'copy', 'sign', 'verify', 'generate-key-pair'] as const;

export const PUSH_AND_SIGN_SUMMARY = `  push <layout|archive> <ref>   push an OCI layout / archive without a Docker engine
  copy <src-ref> <dst-ref>      copy an image between repositories or registries
  sign <ref> --key cosign.key   sign an image (cosign-compatible)
  verify <ref> --key cosign.pub verify an image's signatures (exit 0 only when valid)
  generate-key-pair             write cosign.key / cosign.pub
`;

export const PUSH_AND_SIGN_USAGE = [PUSH_USAGE, COPY_USAGE, SIGN_USAGE, VERIFY_USAGE, KEYGEN_USAGE].join('\n');

export function isPushAndSignCommand(command: string | undefined): boolean {
  return (PUSH_AND_SIGN_COMMANDS as readonly string[]).includes(command ?? '');
}

export async function runPushAndSign(command: string, argv: string[]): Promise<number> {
  const controller = new AbortController();
  const onInterrupt = (): void => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\nshipshape: cancelling (Ctrl-C again to quit at once)…\n');
    controller.abort();
  };
  process.on('SIGINT', onInterrupt);
  const io: SignCommandIO = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    isTty: Boolean(process.stderr.isTTY),
    signal: controller.signal,
    passwords: { stdinIsTty: Boolean(process.stdin.isTTY) },
  };
  try {
    switch (command) {
      case 'push': return await runPush(argv, io);
      case 'copy': return await runCopy(argv, io);
      case 'sign': return await runSign(argv, io);
      case 'verify': return await runVerify(argv, io);
      default: return await runGenerateKeyPair(argv, io);
    }
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
}
