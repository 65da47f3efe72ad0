import { dockerfileRuleMeta, type DockerfileRule } from '../rule';
import { aptGetInstall } from '../packageManagers';
import { allCommands, insertAfterWord } from '../ruleHelpers';
import { hasFlag } from '../shell';

/** DL3015: recommended packages add size and attack surface nobody asked for. */
export const DL3015: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3015', 'info', 'Avoid additional packages by specifying `--no-install-recommends`'),
  check(context, report) {
    for (const { command } of allCommands(context)) {
      const install = aptGetInstall(command);
      if (!install) continue;
      if (hasFlag(command, 'no-install-recommends')) continue;
      if (command.words.some((w) => /APT::Install-Recommends\s*=\s*(?:false|0|no)/i.test(w.value))) continue;
      report({ range: context.rangeOf(command.start, install.sub.end), fixes: [insertAfterWord(context, 'Add `--no-install-recommends`', install.sub, '--no-install-recommends')] });
    }
  },
  examples: {
    bad: ['FROM debian:12\nRUN apt-get install -y curl=7'],
    good: ['FROM debian:12\nRUN apt-get install -y --no-install-recommends curl=7', 'FROM debian:12\nRUN apt-get -o APT::Install-Recommends=false install -y curl=7'],
  },
};
