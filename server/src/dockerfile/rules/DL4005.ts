import { dockerfileRuleMeta, type DockerfileRule } from '../rule';
import { allCommands, programName } from '../ruleHelpers';

/** DL4005: relinking /bin/sh changes the shell for every later instruction behind Docker's back. */
export const DL4005: DockerfileRule = {
  meta: dockerfileRuleMeta('DL4005', 'warning', 'Use SHELL to change the default shell'),
  check(context, report) {
    for (const { command } of allCommands(context)) {
      if (programName(command) !== 'ln') continue;
      const target = command.words.slice(1).find((w) => w.value === '/bin/sh');
      if (target) report({ range: context.rangeOf(command.start, command.end) });
    }
  },
  examples: {
    bad: ['FROM debian:12\nRUN ln -sf /bin/bash /bin/sh'],
    good: ['FROM debian:12\nSHELL ["/bin/bash", "-c"]', 'FROM debian:12\nRUN ln -s /usr/bin/python3 /usr/bin/python'],
  },
};
