import { dockerfileRuleMeta, type DockerfileRule } from '../rule';
import { allCommands, appendToRun, programName } from '../ruleHelpers';
import { positionalArgs } from '../shell';

/**
 * DL3060: `yarn install` fills yarn's cache in the layer unless the same RUN cleans it. Only
 * for stages whose files ship; a cache/tmpfs mount on yarn's cache counts as cleanup.
 */
export const DL3060: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3060', 'info', '`yarn cache clean` missing after `yarn install` was run.'),
  check(context, report) {
    for (const { run, command } of allCommands(context)) {
      const stage = run.info.stage;
      if (stage && !stage.reachesFinalImage) continue;
      if (programName(command) !== 'yarn') continue;
      const args = positionalArgs(command, ['--cwd', '--cache-folder', '--modules-folder']);
      if (args[0]?.value !== 'install') continue;
      const commands = run.script.commands;
      const cleans = commands.some((c) => programName(c) === 'yarn' && positionalArgs(c)[0]?.value === 'cache' && positionalArgs(c)[1]?.value === 'clean');
      const mounted = run.mounts.some((m) => (m.type === 'cache' || m.type === 'tmpfs') && /yarn/.test(m.target ?? ''));
      if (cleans || mounted || command.words.some((w) => w.value.startsWith('--cache-folder'))) continue;
      const fix = appendToRun(context, 'Append `&& yarn cache clean`', run, 'yarn cache clean');
      report({ range: context.rangeOf(command.start, args[0].end), fixes: fix ? [fix] : undefined });
    }
  },
  examples: {
    bad: ['FROM node:20\nRUN yarn install --frozen-lockfile'],
    good: [
      'FROM node:20\nRUN yarn install --frozen-lockfile && yarn cache clean',
      'FROM node:20 AS build\nRUN yarn install --frozen-lockfile\nFROM node:20\nCOPY --from=build /app /app',
      'FROM node:20\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install --frozen-lockfile',
    ],
  },
};
