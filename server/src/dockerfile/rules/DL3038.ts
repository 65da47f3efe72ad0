import { dockerfileRuleMeta, type DockerfileRule } from '../rule';
import { yumInstall } from '../packageManagers';
import { allCommands, insertAfterWord } from '../ruleHelpers';
import { hasFlag } from '../shell';

/** DL3038: `dnf install` without `-y` stops at a prompt the build cannot answer. */
export const DL3038: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3038', 'warning', 'Use the `-y` switch to avoid manual input `dnf install -y <package>`'),
  check(context, report) {
    for (const { command } of allCommands(context)) {
      const install = yumInstall(command, ['dnf', 'microdnf']);
      if (!install || hasFlag(command, 'y', 'assumeyes')) continue;
      report({ range: context.rangeOf(command.start, install.sub.end), fixes: [insertAfterWord(context, 'Add `-y`', install.sub, '-y')] });
    }
  },
  examples: {
    bad: ['FROM fedora:40\nRUN dnf install httpd-2.4.58 && dnf clean all'],
    good: ['FROM fedora:40\nRUN dnf install -y httpd-2.4.58 && dnf clean all', 'FROM fedora:40\nRUN dnf --assumeyes install httpd-2.4.58 && dnf clean all'],
  },
};
