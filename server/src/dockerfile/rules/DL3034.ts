import { dockerfileRuleMeta, type DockerfileRule } from '../rule';
import { ZYPPER_VALUE_FLAGS } from '../packageManagers';
import { allCommands, insertAfterWord, subcommandArgs } from '../ruleHelpers';
import { hasFlag } from '../shell';

const CHANGING = ['install', 'in', 'remove', 'rm', 'source-install', 'si', 'patch', 'update', 'up', 'dist-upgrade', 'dup'];

/** DL3034: zypper asks before changing packages unless told not to. */
export const DL3034: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3034', 'warning', 'Non-interactive switch missing from `zypper` command: `zypper install -y`'),
  check(context, report) {
    for (const { command } of allCommands(context)) {
      const found = subcommandArgs(command, ['zypper'], CHANGING, ZYPPER_VALUE_FLAGS);
      if (!found || hasFlag(command, 'n', 'non-interactive', 'y', 'no-confirm')) continue;
      report({ range: context.rangeOf(command.start, found.sub.end), fixes: [insertAfterWord(context, 'Add `-y`', found.sub, '-y')] });
    }
  },
  examples: {
    bad: ['FROM opensuse/leap:15.6\nRUN zypper install httpd=2.4 && zypper clean'],
    good: ['FROM opensuse/leap:15.6\nRUN zypper install -y httpd=2.4 && zypper clean', 'FROM opensuse/leap:15.6\nRUN zypper -n in httpd=2.4 && zypper clean'],
  },
};
