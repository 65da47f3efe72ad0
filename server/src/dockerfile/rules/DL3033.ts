import { dockerfileRuleMeta, type DockerfileRule } from '../rule';
import { unpinnedRpmPackages } from '../packageManagers';
import { allCommands } from '../ruleHelpers';

/** DL3033: every `yum install` package needs `-<version>` (modules: `:<stream>`); reported on the package. */
export const DL3033: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3033', 'warning', 'Specify version with `yum install -y <package>-<version>`'),
  check(context, report) {
    for (const { command } of allCommands(context)) {
      for (const { word, message } of unpinnedRpmPackages(command, 'yum', ['yum'])) report({ range: context.wordRange(word), message });
    }
  },
  examples: {
    bad: ['FROM fedora:40\nRUN yum install -y httpd && yum clean all', 'FROM fedora:40\nRUN yum module install -y nodejs && yum clean all'],
    good: ['FROM fedora:40\nRUN yum install -y httpd-2.4.58 && yum clean all', 'FROM fedora:40\nRUN yum module install -y nodejs:20 && yum clean all', 'FROM fedora:40\nRUN yum install -y ./local.rpm && yum clean all'],
  },
};
