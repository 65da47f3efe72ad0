import { dockerfileRuleMeta, type DockerfileRule } from '../rule';
import { aptGetInstall, isVariableWord } from '../packageManagers';
import { allCommands } from '../ruleHelpers';

/** DL3008: every `apt-get install` package needs `=<version>`; reported on the package. */
export const DL3008: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3008', 'warning',
    'Pin versions in apt-get install. Instead of `apt-get install <package>` use `apt-get install <package>=<version>`'),
  check(context, report) {
    for (const { command } of allCommands(context)) {
      const install = aptGetInstall(command);
      if (!install) continue;
      for (const pkg of install.packages) {
        if (pkg.value.includes('=') || /\.deb$/.test(pkg.value) || /^\.{0,2}\//.test(pkg.value) || isVariableWord(pkg)) continue;
        report({ range: context.wordRange(pkg), message: `Pin versions in apt-get install. Instead of \`apt-get install ${pkg.value}\` use \`apt-get install ${pkg.value}=<version>\`` });
      }
    }
  },
  examples: {
    bad: ['FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*'],
    good: [
      'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10 && rm -rf /var/lib/apt/lists/*',
      'FROM debian:12\nRUN apt-get install -y ./pkg.deb',
      'FROM debian:12\nRUN apt-get install -y $PACKAGES',
      'FROM debian:12\nRUN echo apt-get install curl',
    ],
  },
};
