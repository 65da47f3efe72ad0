import { dockerfileRuleMeta, type DockerfileRule } from '../rule';
import { allCommands, programName, replaceFix } from '../ruleHelpers';
import { positionalArgs } from '../shell';

const SAFE_TO_REPLACE = new Set(['install', 'update', 'upgrade', 'remove', 'purge', 'autoremove', 'dist-upgrade', 'full-upgrade']);

/** DL3027: `apt` has no stable CLI for scripts; `apt-get`/`apt-cache` do. */
export const DL3027: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3027', 'warning', 'Do not use apt as it is meant to be an end-user tool, use apt-get or apt-cache instead'),
  check(context, report) {
    for (const { command } of allCommands(context)) {
      if (programName(command) !== 'apt') continue;
      const name = command.words[0]!;
      const sub = positionalArgs(command)[0]?.value;
      const fixes = sub && SAFE_TO_REPLACE.has(sub) ? [replaceFix('Use `apt-get`', context.wordRange(name), name.raw.replace(/apt$/, 'apt-get'))] : undefined;
      report({ range: context.wordRange(name), fixes });
    }
  },
  examples: {
    bad: ['FROM debian:12\nRUN apt install -y curl=7'],
    good: ['FROM debian:12\nRUN apt-get install -y curl=7', 'FROM debian:12\nRUN apt-get install -y apt'],
  },
};
