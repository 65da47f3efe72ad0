import { dockerfileRuleMeta, type DockerfileRule } from '../rule';
import { yumInstall } from '../packageManagers';
import { allCommands, insertAfterWord } from '../ruleHelpers';
import { hasFlag } from '../shell';

/** DL3030: `yum install` without `-y` stops at a prompt the build cannot answer. */
export const DL3030: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3030', 'warning', 'Use the `-y` switch to avoid manual input `yum install -y <package>`'),
  check(context, report) {
    for (const { command } of allCommands(context)) {
      const install = yumInstall(command, ['yum']);
      if (!install || hasFlag(command, 'y', 'assumeyes')) continue;
      report({ range: context.rangeOf(command.start, install.sub.end), fixes: [insertAfterWord(context, 'Add `-y`', install.sub, '-y')] });
    }
  },
  examples: {
    bad: ['FROM fedora:40\nRUN yum install httpd-2.4.58 && yum clean all'],
    good: ['FROM fedora:40\nRUN yum install -y httpd-2.4.58 && yum clean all', 'FROM fedora:40\nRUN yum --assumeyes install httpd-2.4.58 && yum clean all'],
  },
};
