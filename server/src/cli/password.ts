// Reads a key password the way cosign does: $COSIGN_PASSWORD when set; else a prompt without echo
// on a terminal; else the first line of standard input (CI pipes).
import { readFileSync } from 'node:fs';

export interface PasswordSource {
  env: NodeJS.ProcessEnv;
  stdinIsTty: boolean;
  /** Prompt on the terminal without echo. */
  prompt?: (question: string) => Promise<string>;
  readStdin?: () => string;
}

export async function readPassword(question: string, source: PasswordSource): Promise<string> {
  const fromEnv = source.env['COSIGN_PASSWORD'];
  if (fromEnv !== undefined) return fromEnv;
  if (source.stdinIsTty) return (source.prompt ?? promptHidden)(question);
  const text = (source.readStdin ?? (() => readFileSync(0, 'utf8')))();
  return text.split(/\r?\n/)[0] ?? '';
}

/** A no-echo terminal prompt (raw mode on stdin, prompt on stderr). */
export function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    let value = '';
    stdin.setRawMode?.(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const done = (error?: Error): void => {
      stdin.setRawMode?.(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      process.stderr.write('\n');
      if (error) reject(error); else resolve(value);
    };
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done();
        if (ch === '\u0003') return done(new Error('cancelled'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}
