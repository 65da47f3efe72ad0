import { dockerfileRuleMeta, type DockerfileRule } from '../rule';
import { ZYPPER_VALUE_FLAGS } from '../packageManagers';
import { allCommands, subcommandArgs } from '../ruleHelpers';

/** DL3035: a distribution upgrade inside an image build belongs in a new base image. */
export const DL3035: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3035', 'warning', 'Do not use `zypper dist-upgrade`.'),
  check(context, report) {
    for (const { command } of allCommands(context)) {
      const found = subcommandArgs(command, ['zypper'], ['dist-upgrade', 'dup'], ZYPPER_VALUE_FLAGS);
      if (found) report({ range: context.wordRange(found.sub) });
    }
  },
  examples: {
    bad: ['FROM opensuse/leap:15.6\nRUN zypper -n dist-upgrade', 'FROM opensuse/leap:15.6\nRUN zypper -n dup'],
    good: ['FROM opensuse/leap:15.6\nRUN zypper -n install httpd=2.4 && zypper clean'],
  },
};
