import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

/** DL3061: only ARG (and comments/directives) may come before the first FROM. */
export const DL3061: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3061', 'error', 'Invalid instruction order. Dockerfile must begin with `FROM`, `ARG` or comment.'),
  check(context, report) {
    for (const info of context.instructions) {
      if (info.keyword === 'FROM') return;
      if (info.keyword === 'ARG') continue;
      report({ range: info.node.getInstructionRange() });
      return;
    }
  },
  examples: {
    bad: ['LABEL a=b\nFROM debian:12', 'ARG X=1\nRUN echo\nFROM debian:12'],
    good: ['# syntax=docker/dockerfile:1\nARG BASE=debian:12\nFROM ${BASE}'],
  },
};
