import { dockerfileRuleMeta, type DockerfileRule } from '../rule';
import { allCommands, programName } from '../ruleHelpers';

const IRRELEVANT = new Set(['free', 'kill', 'mount', 'ps', 'service', 'shutdown', 'ssh', 'top', 'vim', 'ifconfig']);

/** DL3001: interactive or system-management commands do nothing useful during a build. */
export const DL3001: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3001', 'info',
    'For some bash commands it makes no sense running them in a Docker container like ssh, vim, shutdown, service, ps, free, top, kill, mount, ifconfig'),
  check(context, report) {
    for (const { command } of allCommands(context)) {
      const name = programName(command);
      if (IRRELEVANT.has(name)) report({ range: context.wordRange(command.words[0]!), message: `\`${name}\` makes no sense running in a Docker build (like ssh, vim, shutdown, service, ps, free, top, kill, mount, ifconfig)` });
    }
  },
  examples: {
    bad: ['FROM debian:12\nRUN service nginx start', 'FROM debian:12\nRUN vim /etc/hosts'],
    good: ['FROM debian:12\nRUN apt-get install -y vim=2:9.0 openssh-client=1:9.2', 'FROM debian:12\nRUN echo ps'],
  },
};
