import type { Stage } from '../context';
import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

/** DL3002: the final image's last explicit USER is root. */
export const DL3002: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3002', 'warning', 'Last USER should not be root'),
  check(context, report) {
    const final = context.stages[context.stages.length - 1];
    for (let s: Stage | undefined = final; s; s = s.base) {
      const users = s.instructions.filter((i) => i.keyword === 'USER');
      const last = users[users.length - 1];
      if (!last) continue;
      const arg = last.node.getArguments()[0];
      const user = arg?.getValue().split(':')[0];
      if (arg && (user === 'root' || user === '0')) report({ range: arg.getRange() });
      return;
    }
  },
  examples: {
    bad: ['FROM debian:12\nUSER root', 'FROM debian:12 AS base\nUSER 0:0\nFROM base\nCMD ["x"]'],
    good: ['FROM debian:12\nUSER root\nRUN x\nUSER app', 'FROM debian:12 AS build\nUSER root\nFROM debian:12\nUSER 1000', 'FROM debian:12'],
  },
};
