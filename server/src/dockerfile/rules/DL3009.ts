import { dockerfileRuleMeta, type DockerfileRule } from '../rule';
import { allCommands, appendToRun, hasCacheMount, removesPath, subcommandArgs } from '../ruleHelpers';

/**
 * DL3009: `apt-get update` leaves ~40 MB of lists in the layer unless the same RUN removes
 * them. Only for stages whose files ship (the final stage and the stages it is built FROM);
 * a cache or tmpfs mount on the lists counts as cleanup.
 */
export const DL3009: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3009', 'info', 'Delete the apt-get lists after installing something'),
  check(context, report) {
    for (const { run, command } of allCommands(context)) {
      const stage = run.info.stage;
      if (stage && !stage.reachesFinalImage) continue;
      const update = subcommandArgs(command, ['apt-get', 'apt'], ['update']);
      if (!update) continue;
      const commands = run.script.commands;
      if (removesPath(commands, '/var/lib/apt/lists') || hasCacheMount(run, '/var/lib/apt/lists')) continue;
      const fix = appendToRun(context, 'Append `&& rm -rf /var/lib/apt/lists/*`', run, 'rm -rf /var/lib/apt/lists/*');
      report({ range: context.rangeOf(command.start, update.sub.end), fixes: fix ? [fix] : undefined });
    }
  },
  examples: {
    bad: [
      'FROM debian:12\nRUN apt-get update && apt-get install -y curl=7.88.1',
      'FROM debian:12 AS base\nRUN apt-get update\nFROM base',
    ],
    good: [
      'FROM debian:12\nRUN apt-get update && apt-get install -y curl=7.88.1 && rm -rf /var/lib/apt/lists/*',
      'FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc=12\nFROM debian:12\nCOPY --from=build /x /x',
      'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt/lists --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y curl=7',
      'FROM debian:12\nRUN --mount=type=tmpfs,target=/var/lib/apt apt-get update && apt-get install -y curl=7',
    ],
  },
};
