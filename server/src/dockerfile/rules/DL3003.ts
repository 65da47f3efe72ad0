import { dockerfileRuleMeta, type DockerfileRule } from '../rule';
import { allCommands, programName } from '../ruleHelpers';

/** DL3003: `cd` in RUN is forgotten by the next instruction; WORKDIR is not. Subshells are fine. */
export const DL3003: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3003', 'warning', 'Use WORKDIR to switch to a directory'),
  check(context, report) {
    for (const { command } of allCommands(context)) {
      if (programName(command) === 'cd' && command.depth === 0) report({ range: context.wordRange(command.words[0]!) });
    }
  },
  examples: {
    bad: ['FROM debian:12\nRUN cd /usr/src/app && make'],
    good: ['FROM debian:12\nWORKDIR /usr/src/app\nRUN make', 'FROM debian:12\nRUN (cd /tmp && make) && make install', 'FROM debian:12\nRUN echo cd /tmp', 'FROM debian:12\nRUN make -C /usr/src/app'],
  },
};
