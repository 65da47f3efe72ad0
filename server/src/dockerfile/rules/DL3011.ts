import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

/** DL3011: EXPOSE with a port outside 0–65535 (each port and range end is checked). */
export const DL3011: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3011', 'error', 'Valid UNIX ports range from 0 to 65535'),
  check(context, report) {
    for (const info of context.all('EXPOSE', true)) {
      for (const arg of info.node.getArguments()) {
        const value = arg.getValue();
        if (value.includes('$')) continue;
        const ports = value.split('/')[0]!.split('-');
        if (ports.some((p) => /^\d+$/.test(p) && Number(p) > 65535)) report({ range: arg.getRange(), message: `Valid UNIX ports range from 0 to 65535 (\`${value}\`)` });
      }
    }
  },
  examples: {
    bad: ['FROM debian:12\nEXPOSE 80 80000', 'FROM debian:12\nEXPOSE 8000-70000/udp'],
    good: ['FROM debian:12\nEXPOSE 80 443/tcp 8000-8010/udp ${PORT}'],
  },
};
