import { dockerfileRuleMeta, type DockerfileRule } from '../rule';
import { yumInstall } from '../packageManagers';
import { allCommands, appendToRun, hasCacheMount, programName, removesPath } from '../ruleHelpers';
import { positionalArgs } from '../shell';

/** DL3040: the package cache of `dnf install` stays in the layer unless the same RUN cleans it. */
export const DL3040: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3040', 'warning', '`dnf clean all` missing after dnf command.'),
  check(context, report) {
    for (const { run, command } of allCommands(context)) {
      const install = yumInstall(command, ['dnf', 'microdnf']);
      if (!install) continue;
      const commands = run.script.commands;
      // `dnf clean all` does not clean microdnf's cache and vice versa; both keep data under /var/cache/yum too.
      const prog = programName(command);
      const cleans = commands.some((c) => programName(c) === prog && positionalArgs(c)[0]?.value === 'clean' && positionalArgs(c)[1]?.value === 'all');
      const cacheDirs = ['/var/cache/dnf', '/var/cache/yum'];
      if (cleans || cacheDirs.some((dir) => removesPath(commands, dir) || hasCacheMount(run, dir))) continue;
      const fix = appendToRun(context, `Append \`&& ${prog} clean all\``, run, `${prog} clean all`);
      report({ range: context.rangeOf(command.start, install.sub.end), fixes: fix ? [fix] : undefined });
    }
  },
  examples: {
    bad: ['FROM fedora:40\nRUN dnf install -y httpd-2.4.58'],
    good: ['FROM fedora:40\nRUN dnf install -y httpd-2.4.58 && dnf clean all', 'FROM fedora:40\nRUN --mount=type=cache,target=/var/cache/dnf dnf install -y httpd-2.4.58', 'FROM fedora:40\nRUN dnf install -y httpd-2.4.58 && rm -rf /var/cache/dnf'],
  },
};
