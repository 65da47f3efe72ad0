import { dockerfileRuleMeta, type DockerfileRule } from '../rule';
import { allCommands, insertAfterWord, programName } from '../ruleHelpers';
import { hasFlag } from '../shell';

/** DL3046: without `-l`, useradd fills /var/log/lastlog sparsely up to the UID — gigabytes for high UIDs. */
export const DL3046: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3046', 'warning', '`useradd` without flag `-l` and high UID will result in excessively large Image.'),
  check(context, report) {
    for (const { command } of allCommands(context)) {
      if (programName(command) !== 'useradd' || hasFlag(command, 'l', 'no-log-init')) continue;
      const words = command.words;
      for (let i = 1; i < words.length; i++) {
        const w = words[i]!.value;
        let uid: string | undefined;
        let word = words[i]!;
        if (w === '-u' || w === '--uid') { word = words[i + 1] ?? word; uid = words[i + 1]?.value; }
        else if (w.startsWith('--uid=')) uid = w.slice(6);
        else if (/^-u\d+$/.test(w)) uid = w.slice(2);
        if (uid && /^\d{6,}$/.test(uid)) {
          report({ range: context.wordRange(word), fixes: [insertAfterWord(context, 'Add `-l` (--no-log-init)', words[0]!, '-l')] });
        }
      }
    }
  },
  examples: {
    bad: ['FROM debian:12\nRUN useradd -u 123456 app'],
    good: ['FROM debian:12\nRUN useradd -l -u 123456 app', 'FROM debian:12\nRUN useradd -u 1000 app', 'FROM debian:12\nRUN useradd --no-log-init --uid=100000 app'],
  },
};
