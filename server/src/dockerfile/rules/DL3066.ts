import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

/** DL3066: a user name only resolves where /etc/passwd knows it; a numeric UID works everywhere. */
export const DL3066: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3066', 'info', 'Non-numeric user-id may not be resolvable by host system'),
  check(context, report) {
    for (const info of context.all('USER', true)) {
      const arg = info.node.getArguments()[0];
      const user = arg?.getValue().split(':')[0] ?? '';
      if (!arg || user.includes('$') || /^\d+$/.test(user)) continue;
      report({ range: arg.getRange() });
    }
  },
  examples: {
    bad: ['FROM debian:12\nUSER app', 'FROM debian:12\nUSER app:1000'],
    good: ['FROM debian:12\nUSER 1000', 'FROM debian:12\nUSER 1000:1000', 'FROM debian:12\nUSER ${UID}'],
  },
};
