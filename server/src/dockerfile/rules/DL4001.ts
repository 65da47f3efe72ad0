import { dockerfileRuleMeta, type DockerfileRule } from '../rule';
import { programName } from '../ruleHelpers';
import type { ShellWord } from '../shell';

/** DL4001: one download tool per image; both means two sets of flags, certificates and bugs. */
export const DL4001: DockerfileRule = {
  meta: dockerfileRuleMeta('DL4001', 'warning', 'Either use Wget or Curl but not both'),
  check(context, report) {
    for (const stage of context.stages) {
      const uses: { tool: string; word: ShellWord }[] = [];
      for (const info of stage.instructions) {
        if (info.keyword !== 'RUN') continue;
        for (const command of context.run(info).script.commands) {
          const tool = programName(command);
          if (tool === 'curl' || tool === 'wget') uses.push({ tool, word: command.words[0]! });
        }
      }
      const first = uses[0]?.tool;
      if (!first || uses.every((u) => u.tool === first)) continue;
      for (const use of uses) if (use.tool !== first) report({ range: context.wordRange(use.word), message: `Either use Wget or Curl but not both (this stage already uses ${first})` });
    }
  },
  examples: {
    bad: ['FROM debian:12\nRUN curl -fsSLO https://example.com/a\nRUN wget -q https://example.com/b'],
    good: ['FROM debian:12\nRUN curl -fsSLO https://example.com/a && curl -fsSLO https://example.com/b', 'FROM debian:12 AS a\nRUN curl -fsSLO https://x/a\nFROM debian:12\nRUN wget -q https://x/b', 'FROM debian:12\nRUN apt-get install -y curl=7 wget=1'],
  },
};
