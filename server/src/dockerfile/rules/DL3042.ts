import type { Env } from 'dockerfile-ast';
import type { Stage } from '../context';
import { dockerfileRuleMeta, type DockerfileRule } from '../rule';
import { pipInstall } from '../pip';
import { allCommands, hasCacheMount, insertAfterWord } from '../ruleHelpers';
import type { ShellCommand } from '../shell';

/** DL3042: pip keeps its download cache in the layer unless told not to. */
export const DL3042: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3042', 'warning', 'Avoid use of cache directory with pip. Use `pip install --no-cache-dir <package>`'),
  check(context, report) {
    for (const { run, command } of allCommands(context)) {
      const pip = pipInstall(command);
      if (!pip || pip.options.has('no-cache-dir')) continue;
      if (command.assignments.some((a) => /^PIP_NO_CACHE_DIR=(?!0$|false$|off$|no$)/i.test(a.value))) continue;
      if (exportsNoCacheDir(run.script.commands, command)) continue;
      if (hasCacheMount(run, '/root/.cache/pip') || run.mounts.some((m) => m.type === 'cache' && /pip/.test(m.target ?? ''))) continue;
      if (run.info.stage && envDisablesCache(run.info.stage, run.info.range.start.line)) continue;
      report({ range: context.rangeOf(command.start, pip.install.end), fixes: [insertAfterWord(context, 'Add `--no-cache-dir`', pip.install, '--no-cache-dir')] });
    }
  },
  examples: {
    bad: ['FROM python:3.12\nRUN pip install requests==2.32.3'],
    good: [
      'FROM python:3.12\nRUN pip install --no-cache-dir requests==2.32.3',
      'FROM python:3.12\nENV PIP_NO_CACHE_DIR=1\nRUN pip install requests==2.32.3',
      'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install requests==2.32.3',
    ],
  },
};

/** `export PIP_NO_CACHE_DIR=1 && pip install …`: an earlier `export` in the same script. */
function exportsNoCacheDir(commands: readonly ShellCommand[], pip: ShellCommand): boolean {
  for (const c of commands) {
    if (c === pip) return false;
    if (c.name === 'export' && c.words.slice(1).some((w) => /^PIP_NO_CACHE_DIR=(?!0$|false$|off$|no$)/i.test(w.value))) return true;
  }
  return false;
}

function envDisablesCache(stage: Stage, beforeLine: number): boolean {
  for (let s: Stage | undefined = stage; s; s = s.base) {
    for (const info of s.instructions) {
      if (s === stage && info.range.start.line >= beforeLine) break;
      if (info.keyword !== 'ENV' && info.keyword !== 'ARG') continue;
      const props = info.keyword === 'ENV' ? (info.node as Env).getProperties() : [];
      for (const p of props) if (p.getName() === 'PIP_NO_CACHE_DIR' && !/^(?:0|false|off|no)$/i.test(p.getValue() ?? '')) return true;
    }
  }
  return false;
}
