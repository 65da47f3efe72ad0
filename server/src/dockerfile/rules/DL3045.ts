import type { Stage } from '../context';
import { copyArgs } from '../copyArgs';
import { unquote } from '../ruleHelpers';
import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

/** DL3045: a relative COPY destination depends on the base image's WORKDIR unless one is set. */
export const DL3045: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3045', 'warning', 'COPY to a relative destination without WORKDIR set'),
  check(context, report) {
    for (const stage of context.stages) {
      for (const info of stage.instructions) {
        if (info.keyword !== 'COPY') continue;
        const { destination } = copyArgs(info);
        if (!destination || isAbsoluteLike(destination.value)) continue;
        // As written too: `c:\\dir\\file` loses its backslashes to the escape character.
        const raw = context.text.slice(context.offsetAt(destination.range.start), context.offsetAt(destination.range.end));
        if (isAbsoluteLike(unquote(raw))) continue;
        if (workdirSet(stage, info.range.start.line)) continue;
        report({ range: destination.range });
      }
    }
  },
  examples: {
    bad: ['FROM debian:12\nCOPY app.py app/'],
    good: [
      'FROM debian:12\nWORKDIR /srv\nCOPY app.py app/',
      'FROM debian:12\nCOPY app.py /srv/app/',
      'FROM debian:12 AS base\nWORKDIR /srv\nFROM base\nCOPY app.py .',
      'FROM debian:12\nCOPY app.py $APP_HOME/',
      'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY app.exe C:\\\\app\\\\',
    ],
  },
};

function isAbsoluteLike(path: string): boolean {
  return path.startsWith('/') || path.startsWith('$') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\');
}

function workdirSet(stage: Stage, beforeLine: number): boolean {
  for (let s: Stage | undefined = stage; s; s = s.base) {
    if (s.instructions.some((i) => i.keyword === 'WORKDIR' && (s !== stage || i.range.start.line < beforeLine))) return true;
  }
  return false;
}
