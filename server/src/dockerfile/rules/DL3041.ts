import { dockerfileRuleMeta, type DockerfileRule } from '../rule';
import { unpinnedRpmPackages } from '../packageManagers';
import { allCommands } from '../ruleHelpers';

/** DL3041: every `dnf install` package needs `-<version>` (modules: `:<stream>`); reported on the package. */
export const DL3041: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3041', 'warning', 'Specify version with `dnf install -y <package>-<version>`'),
  check(context, report) {
    for (const { command } of allCommands(context)) {
      for (const { word, message } of unpinnedRpmPackages(command, 'dnf', ['dnf', 'microdnf'])) report({ range: context.wordRange(word), message });
    }
  },
  examples: {
    bad: ['FROM fedora:40\nRUN dnf install -y httpd && dnf clean all', 'FROM fedora:40\nRUN dnf module install -y nodejs && dnf clean all'],
    good: ['FROM fedora:40\nRUN dnf install -y httpd-2.4.58 && dnf clean all', 'FROM fedora:40\nRUN dnf module install -y nodejs:20 && dnf clean all', 'FROM fedora:40\nRUN dnf install -y ./local.rpm && dnf clean all'],
  },
};
