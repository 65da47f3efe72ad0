import { dockerfileRuleMeta, type DockerfileRule } from '../rule';
import { aptGetInstall } from '../packageManagers';
import { allCommands, insertAfterWord } from '../ruleHelpers';
import { hasFlag } from '../shell';

/** DL3014: `apt-get install` without `-y` waits for an answer no build can give. */
export const DL3014: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3014', 'warning', 'Use the `-y` switch to avoid manual input `apt-get -y install <package>`'),
  check(context, report) {
    for (const { run, command } of allCommands(context)) {
      const install = aptGetInstall(command);
      if (!install) continue;
      // `-qq` implies `-y` (hadolint accepts any `-q`); `yes | apt-get install` answers the prompt too.
      if (hasFlag(command, 'y', 'yes', 'assume-yes', 'q', 'quiet')) continue;
      if (command.words.some((w) => /APT::Get::Assume-Yes\s*=\s*(?:true|1|yes)/i.test(w.value))) continue;
      const index = run.script.commands.indexOf(command);
      const previous = run.script.commands[index - 1];
      if (command.before === '|' && previous && previous.name === 'yes') continue;
      report({ range: context.rangeOf(command.start, install.sub.end), fixes: [insertAfterWord(context, 'Add `-y`', install.sub, '-y')] });
    }
  },
  examples: {
    bad: ['FROM debian:12\nRUN apt-get install curl=7'],
    good: ['FROM debian:12\nRUN apt-get install -y curl=7', 'FROM debian:12\nRUN apt-get -qq install curl=7', 'FROM debian:12\nRUN apt-get install --assume-yes curl=7', 'FROM debian:12\nRUN yes | apt-get install curl=7'],
  },
};
