// The shell scripts of a Dockerfile as ShellCheck should see them: shell-form RUN lines (and
// `["sh", "-c", "…"]`), and heredoc bodies run by a POSIX shell. Each becomes a small file:
//   #!/bin/<shell>
//   export NAME=1 …        (the ARG/ENV names in scope, so they count as set)
//   <script>
// and knows how to map ShellCheck's line/column back to the Dockerfile.
import { buildModel } from '../buildkit/model';
import type { DockerfileContext, InstructionInfo } from '../context';
import type { SourceText } from '../shell';

/** Lines before the script in the file handed to ShellCheck. */
export const PRELUDE_LINES = 2;

export interface ShellScriptJob {
  /** The whole file given to ShellCheck (also the cache key). */
  content: string;
  source: SourceText;
  instruction: InstructionInfo;
}

/** Build args every RUN has without declaring them (BuildKit's predefined proxy args). */
const PREDEFINED_RUN_ARGS = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy',
  'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy'];

const SHELLCHECK_DIALECT: Record<string, string> = { sh: 'sh', ash: 'sh', busybox: 'sh', dash: 'dash', bash: 'bash', ksh: 'ksh', mksh: 'ksh' };

export function shellScripts(context: DockerfileContext): ShellScriptJob[] {
  const jobs: ShellScriptJob[] = [];
  const model = buildModel(context);
  for (const run of context.runs()) {
    const info = run.info;
    const shell = context.shellOf(info)[0] ?? '/bin/sh';
    const dialect = SHELLCHECK_DIALECT[shell.slice(shell.lastIndexOf('/') + 1)];
    if (!dialect) continue; // zsh, PowerShell, cmd: not ShellCheck's business.
    const scope = model.scopeBefore.get(info.onbuild?.node ?? info.node);
    const names = [...new Set([...(scope ? [...scope.env.keys(), ...scope.args] : []), ...PREDEFINED_RUN_ARGS])]
      .filter((n) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(n)).sort();
    const prelude = `#!/bin/${dialect}\n${names.length ? `export ${names.map((n) => `${n}=1`).join(' ')}` : ':'}\n`;
    const { script } = run;
    const sources: SourceText[] = [];
    if (script.heredocs.length === 0) {
      if (script.line.source.text.trim()) sources.push(script.line.source);
    } else {
      for (const body of script.heredocs) if (body.shell && body.source.text.trim()) sources.push(body.source);
    }
    for (const source of sources) {
      // A heredoc body may start with its own shebang: keep line numbers by commenting it out.
      const text = source.text.replace(/^#!/, '# !');
      jobs.push({ content: prelude + text + (text.endsWith('\n') ? '' : '\n'), source, instruction: info });
    }
  }
  return jobs;
}

/** Maps a ShellCheck (1-based, in the job's file) line/column to a Dockerfile offset. */
export function offsetInDocument(job: ShellScriptJob, line: number, column: number): number | undefined {
  const scriptLine = line - 1 - PRELUDE_LINES;
  if (scriptLine < 0) return undefined;
  const text = job.source.text;
  let index = 0;
  for (let l = 0; l < scriptLine; l++) {
    const nl = text.indexOf('\n', index);
    if (nl < 0) return undefined;
    index = nl + 1;
  }
  const at = Math.min(index + Math.max(0, column - 1), text.length);
  return job.source.offsets[at];
}

