import { dockerfileRuleMeta, type DockerfileRule } from '../rule';
import { apkAdd, isVariableWord } from '../packageManagers';
import { allCommands } from '../ruleHelpers';

/** DL3018: every `apk add` package needs a version constraint; reported on the package. */
export const DL3018: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3018', 'warning', 'Pin versions in apk add. Instead of `apk add <package>` use `apk add <package>=<version>`'),
  check(context, report) {
    for (const { command } of allCommands(context)) {
      const add = apkAdd(command);
      if (!add) continue;
      for (const pkg of add.packages) {
        if (/[=<>~]/.test(pkg.value) || /\.apk$/.test(pkg.value) || isVariableWord(pkg)) continue;
        report({ range: context.wordRange(pkg), message: `Pin versions in apk add. Instead of \`apk add ${pkg.value}\` use \`apk add ${pkg.value}=<version>\`` });
      }
    }
  },
  examples: {
    bad: ['FROM alpine:3.19\nRUN apk add --no-cache curl'],
    good: ['FROM alpine:3.19\nRUN apk add --no-cache curl=8.5.0-r0', 'FROM alpine:3.19\nRUN apk add --no-cache --virtual .build-deps gcc=13.2.1-r0', 'FROM alpine:3.19\nRUN apk add --no-cache "curl~8.5"'],
  },
};
