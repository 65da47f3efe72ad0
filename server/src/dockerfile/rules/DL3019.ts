import { dockerfileRuleMeta, type DockerfileRule } from '../rule';
import { apkAdd } from '../packageManagers';
import { allCommands, hasCacheMount, insertAfterWord, removesPath } from '../ruleHelpers';
import { hasFlag } from '../shell';

/** DL3019: `apk add` without `--no-cache` keeps the index in the layer. */
export const DL3019: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3019', 'info',
    'Use the `--no-cache` switch to avoid the need to use `--update` and remove `/var/cache/apk/*` when done installing packages'),
  check(context, report) {
    for (const { run, command } of allCommands(context)) {
      const add = apkAdd(command);
      if (!add || hasFlag(command, 'no-cache')) continue;
      if (hasCacheMount(run, '/var/cache/apk') || hasCacheMount(run, '/etc/apk/cache') || removesPath(run.script.commands, '/var/cache/apk')) continue;
      report({ range: context.rangeOf(command.start, add.sub.end), fixes: [insertAfterWord(context, 'Add `--no-cache`', add.sub, '--no-cache')] });
    }
  },
  examples: {
    bad: ['FROM alpine:3.19\nRUN apk add curl=8.5.0-r0', 'FROM alpine:3.19\nRUN apk update && apk add curl=8.5.0-r0'],
    good: [
      'FROM alpine:3.19\nRUN apk add --no-cache curl=8.5.0-r0',
      'FROM alpine:3.19\nRUN --mount=type=cache,target=/var/cache/apk apk add curl=8.5.0-r0',
      'FROM alpine:3.19\nRUN apk add curl=8.5.0-r0 && rm -rf /var/cache/apk/*',
    ],
  },
};
