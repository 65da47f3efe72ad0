import { dockerfileRuleMeta, type DockerfileRule } from '../rule';
import { zypperInstall } from '../packageManagers';
import { allCommands, appendToRun, hasCacheMount, programName, removesPath } from '../ruleHelpers';
import { positionalArgs } from '../shell';

/** DL3036: zypper's caches stay in the layer unless the same RUN cleans them. */
export const DL3036: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3036', 'warning', '`zypper clean` missing after zypper use.'),
  check(context, report) {
    for (const { run, command } of allCommands(context)) {
      const install = zypperInstall(command);
      if (!install) continue;
      const commands = run.script.commands;
      const cleans = commands.some((c) => programName(c) === 'zypper' && ['clean', 'cc'].includes(positionalArgs(c, ['-r', '--repo'])[0]?.value ?? ''));
      if (cleans || removesPath(commands, '/var/cache/zypp') || hasCacheMount(run, '/var/cache/zypp')) continue;
      const fix = appendToRun(context, 'Append `&& zypper clean`', run, 'zypper clean');
      report({ range: context.rangeOf(command.start, install.sub.end), fixes: fix ? [fix] : undefined });
    }
  },
  examples: {
    bad: ['FROM opensuse/leap:15.6\nRUN zypper install -y httpd=2.4'],
    good: ['FROM opensuse/leap:15.6\nRUN zypper install -y httpd=2.4 && zypper clean', 'FROM opensuse/leap:15.6\nRUN zypper -n in httpd=2.4 && zypper cc -a'],
  },
};
