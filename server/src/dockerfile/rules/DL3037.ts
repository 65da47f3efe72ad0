import { dockerfileRuleMeta, type DockerfileRule } from '../rule';
import { isVariableWord, zypperInstall } from '../packageManagers';
import { allCommands } from '../ruleHelpers';

/** DL3037: every `zypper install` package needs a version; reported on the package. */
export const DL3037: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3037', 'warning', 'Specify version with `zypper install -y <package>[=]<version>`.'),
  check(context, report) {
    for (const { command } of allCommands(context)) {
      const install = zypperInstall(command);
      if (!install) continue;
      for (const pkg of install.packages) {
        if (/[=<>]/.test(pkg.value) || /\.rpm$/.test(pkg.value) || isVariableWord(pkg)) continue;
        report({ range: context.wordRange(pkg), message: `Specify version with \`zypper install -y ${pkg.value}=<version>\`.` });
      }
    }
  },
  examples: {
    bad: ['FROM opensuse/leap:15.6\nRUN zypper install -y httpd && zypper clean'],
    good: ['FROM opensuse/leap:15.6\nRUN zypper install -y httpd=2.4 && zypper clean', 'FROM opensuse/leap:15.6\nRUN zypper install -y "httpd>=2.4" && zypper clean'],
  },
};
