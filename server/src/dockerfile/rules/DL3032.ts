import { dockerfileRuleMeta, type DockerfileRule } from '../rule';
import { yumInstall } from '../packageManagers';
import { allCommands, appendToRun, hasCacheMount, programName, removesPath } from '../ruleHelpers';
import { positionalArgs } from '../shell';

/** DL3032: the package cache of `yum install` stays in the layer unless the same RUN cleans it. */
export const DL3032: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3032', 'warning', '`yum clean all` missing after yum command.'),
  check(context, report) {
    for (const { run, command } of allCommands(context)) {
      const install = yumInstall(command, ['yum']);
      if (!install) continue;
      const commands = run.script.commands;
      const cleans = commands.some((c) => (['yum'] as readonly string[]).includes(programName(c)) && positionalArgs(c)[0]?.value === 'clean' && positionalArgs(c)[1]?.value === 'all');
      if (cleans || removesPath(commands, '/var/cache/yum') || hasCacheMount(run, '/var/cache/yum')) continue;
      const prog = programName(command);
      const fix = appendToRun(context, `Append \`&& ${prog} clean all\``, run, `${prog} clean all`);
      report({ range: context.rangeOf(command.start, install.sub.end), fixes: fix ? [fix] : undefined });
    }
  },
  examples: {
    bad: ['FROM fedora:40\nRUN yum install -y httpd-2.4.58'],
    good: ['FROM fedora:40\nRUN yum install -y httpd-2.4.58 && yum clean all', 'FROM fedora:40\nRUN --mount=type=cache,target=/var/cache/yum yum install -y httpd-2.4.58', 'FROM fedora:40\nRUN yum install -y httpd-2.4.58 && rm -rf /var/cache/yum'],
  },
};
