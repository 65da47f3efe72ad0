import { dockerfileRuleMeta, type DockerfileRule } from '../rule';
import { unquote } from '../ruleHelpers';

/** DL3000: a relative WORKDIR depends on the previous one (and on the base image's). */
export const DL3000: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3000', 'error', 'Use absolute WORKDIR'),
  check(context, report) {
    for (const info of context.all('WORKDIR', true)) {
      const range = info.node.getArgumentsRange();
      if (!range) continue;
      const path = unquote(context.document.getText(range).trim());
      if (path.startsWith('/') || path.startsWith('$') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\')) continue;
      report({ range });
    }
  },
  examples: {
    bad: ['FROM debian:12\nWORKDIR app', 'FROM debian:12\nWORKDIR ./src'],
    good: ['FROM debian:12\nWORKDIR /app', 'FROM debian:12\nWORKDIR $HOME/app', 'FROM debian:12\nWORKDIR "/my app"', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\\\app'],
  },
};
