import { dockerfileRuleMeta, type DockerfileRule } from '../rule';
import { allCommands, insertAfterWord, programName } from '../ruleHelpers';
import { hasFlag } from '../shell';

/** DL3047: wget's default progress bar prints one line per few KB in build logs. */
export const DL3047: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3047', 'info', '`wget` without flag `--progress` will result in excessively bloated build logs when downloading larger files.'),
  check(context, report) {
    for (const { command } of allCommands(context)) {
      if (programName(command) !== 'wget') continue;
      if (hasFlag(command, 'progress', 'q', 'quiet', 'o', 'output-file', 'a', 'append-output', 'no-verbose')) continue;
      if (command.words.some((w) => w.value === '-nv')) continue;
      report({ range: context.wordRange(command.words[0]!), fixes: [insertAfterWord(context, 'Add `--progress=dot:giga`', command.words[0]!, '--progress=dot:giga')] });
    }
  },
  examples: {
    bad: ['FROM debian:12\nRUN wget https://example.com/big.tar.gz'],
    good: ['FROM debian:12\nRUN wget --progress=dot:giga https://example.com/big.tar.gz', 'FROM debian:12\nRUN wget -qO- https://example.com/x', 'FROM debian:12\nRUN wget -nv https://example.com/x'],
  },
};
