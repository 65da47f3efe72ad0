import type { RunInfo, Stage } from '../context';
import { dockerfileRuleMeta, type DockerfileRule } from '../rule';
import { insertFix } from '../ruleHelpers';
import type { ShellCommand } from '../shell';

const SHELL_FIX = 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]';
const ASH_FIX = 'SHELL ["/bin/ash", "-o", "pipefail", "-c"]';
/** Shells whose `-o pipefail` is known to work (plain `sh` may be dash, which rejects it). */
const PIPEFAIL_SHELLS = new Set(['bash', 'zsh', 'ash', 'ksh', 'mksh']);
const basename = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/**
 * DL4006: in `a | b` only b's exit status counts unless pipefail is set — a failing download
 * piped into `tar` or `sh` passes silently. Satisfied by a SHELL with `-o pipefail` in effect
 * for the stage (inherited from the stage it is built FROM), or `set -o pipefail` in the script.
 */
export const DL4006: DockerfileRule = {
  meta: dockerfileRuleMeta('DL4006', 'warning',
    'Set the SHELL option -o pipefail before RUN with a pipe in it. If you are using /bin/sh in an alpine image or if your shell is symlinked to busybox then consider explicitly setting your SHELL to /bin/ash, or disable this check'),
  check(context, report) {
    for (const run of context.runs()) {
      if (run.script.execForm || !context.isPosixShell(run.info)) continue;
      const shell = context.shellOf(run.info);
      if (PIPEFAIL_SHELLS.has(basename(shell[0] ?? '')) && hasPipefail(shell)) continue;
      const pipe = firstUnguardedPipe(run);
      if (!pipe || pipe.afterOffset === undefined) continue;
      const at = run.info.onbuild ?? run.info;
      const lineStart = context.offsetAt({ line: at.range.start.line, character: 0 });
      const indent = /^[ \t]*/.exec(context.lineText(at.range.start.line))![0];
      // Alpine and busybox images have no bash; their ash supports pipefail too.
      const shells = usesBusybox(run.info.stage) ? [ASH_FIX, SHELL_FIX] : [SHELL_FIX];
      report({
        range: context.rangeOf(pipe.afterOffset, pipe.afterOffset + pipe.after.length),
        fixes: shells.map((shell, i) => insertFix(context, `Add ${shell}`, lineStart, `${indent}${shell}\n`, i === 0)),
      });
    }
  },
  examples: {
    bad: ['FROM debian:12\nRUN curl -fsSL https://example.com/install.sh | bash', 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN a | b'],
    good: [
      'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/install.sh | bash',
      'FROM debian:12\nSHELL ["/bin/bash", "-euxo", "pipefail", "-c"]\nRUN a | b',
      'FROM debian:12 AS base\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM base\nRUN a | b',
      'FROM debian:12\nRUN set -o pipefail && a | b',
      'FROM debian:12\nRUN echo "a | b" && a || b',
      'FROM mcr.microsoft.com/powershell:7.4\nSHELL ["pwsh", "-Command"]\nRUN Get-Item x | Out-Null',
    ],
  },
};

function usesBusybox(stage: Stage | undefined): boolean {
  for (let s = stage; s; s = s.base) {
    const ref = s.image.reference;
    if (ref && /(?:^|\/)(?:alpine|busybox)$|alpine/.test(`${ref.repository}:${ref.tag ?? ''}`)) return true;
  }
  return false;
}

function hasPipefail(shell: string[]): boolean {
  for (let i = 0; i < shell.length - 1; i++) {
    if (/^-[a-z]*o$/.test(shell[i]!) && shell[i + 1] === 'pipefail') return true;
  }
  return false;
}

/** The first pipe not preceded by `set -o pipefail` in the same script. */
function firstUnguardedPipe(run: RunInfo): ShellCommand | undefined {
  const scripts = [run.script.line, ...run.script.heredocs.flatMap((h) => (h.shell ? [h.shell] : []))];
  for (const script of scripts) {
    for (const command of script.commands) {
      if (command.name === 'set' && hasPipefail(command.words.slice(1).map((w) => w.value))) break;
      if ((command.after === '|' || command.after === '|&') && command.words.length > 0) return command;
    }
  }
  return undefined;
}
