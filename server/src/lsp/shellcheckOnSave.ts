// ShellCheck in the editor: configured from `shipshape.shellcheck.*` and Workspace Trust, run
// on open and save only (results are cached by script text and shown by every later lint).
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { configureShellcheck, refreshShellcheck, takeShellcheckError } from '../dockerfile/shellcheck/service';
import { fileKind } from '../lint';
import { uriToPath } from './uri';

export interface ShellcheckUserSettings { enable?: unknown; path?: unknown }

/** Called once at initialize: the CLI is not the only user, the server reads the cache. */
export function initShellcheck(workspaceTrusted: unknown): void {
  configureShellcheck({ mode: 'cached', trusted: workspaceTrusted !== false });
}

/** The client's `shipshape/workspaceTrusted` notification: trust was granted after start. */
export function trustWorkspace(): void {
  configureShellcheck({ trusted: true });
}

/** From `workspace/didChangeConfiguration` (`settings.shipshape.shellcheck`). */
export function applyShellcheckSettings(settings: ShellcheckUserSettings | undefined): void {
  const path = typeof settings?.path === 'string' && settings.path.trim() ? settings.path.trim() : undefined;
  configureShellcheck({ enabled: settings?.enable !== false, path });
}

/**
 * Runs ShellCheck for a Dockerfile's scripts that are not cached yet, then re-lints it through
 * `relint` when new results arrived.
 */
export async function refreshDockerfile(document: TextDocument, relint: (document: TextDocument) => void,
  log: (message: string) => void): Promise<void> {
  if (document.languageId !== 'dockerfile' && fileKind(uriToPath(document.uri)) !== 'dockerfile') return;
  const path = uriToPath(document.uri);
  if (await refreshShellcheck(document.getText(), path)) relint(document);
  const error = takeShellcheckError();
  if (error) log(`shipshape: ShellCheck: ${error}`);
}

/**
 * ShellCheck of a just-opened document waits until the document has been left alone for a
 * moment: typing right after opening a file goes first. On 2 cores, ShellCheck of a 2,000-line
 * file's scripts running beside the first keystrokes raised their p95 from 31–33 to 36–40 ms,
 * even at nice 10. Every edit and every publish of its diagnostics restarts the wait; closing the
 * document cancels it.
 */
export class QuietStart {
  private readonly waiting = new Map<string, NodeJS.Timeout>();

  constructor(private readonly run: (uri: string) => void, private readonly quietMs = 300) {}

  opened(uri: string): void {
    this.restart(uri);
  }

  edited(uri: string): void {
    if (this.waiting.has(uri)) this.restart(uri);
  }

  /**
   * The document's diagnostics were published: the moment of quiet counts from when the user
   * could first see them. The first lint of a large file can take longer than the wait, and
   * the keystrokes that follow it must not find ShellCheck started in the meantime.
   */
  published(uri: string): void {
    if (this.waiting.has(uri)) this.restart(uri);
  }

  closed(uri: string): void {
    clearTimeout(this.waiting.get(uri));
    this.waiting.delete(uri);
  }

  private restart(uri: string): void {
    clearTimeout(this.waiting.get(uri));
    this.waiting.set(uri, setTimeout(() => {
      this.waiting.delete(uri);
      this.run(uri);
    }, this.quietMs));
  }
}
