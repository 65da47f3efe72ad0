import { dockerfileRuleMeta, type DockerfileRule } from '../rule';
import { allCommands, programName } from '../ruleHelpers';

/** DL3004: builds run as root already; sudo needs a TTY/config and changes environment handling. */
export const DL3004: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3004', 'error', 'Do not use sudo as it leads to unpredictable behavior. Use a tool like gosu to enforce root'),
  check(context, report) {
    for (const { command } of allCommands(context)) {
      if (programName(command) === 'sudo') report({ range: context.wordRange(command.words[0]!) });
    }
  },
  examples: {
    bad: ['FROM debian:12\nRUN sudo apt-get install -y curl=7'],
    good: ['FROM debian:12\nRUN apt-get install -y sudo=1.9', 'FROM debian:12\nRUN echo sudo'],
  },
};
