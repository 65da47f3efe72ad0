import { dockerfileRuleMeta, type DockerfileRule } from '../rule';
import { programName } from '../ruleHelpers';
import type { ShellWord } from '../shell';

/** DL4001: one download tool per image; both means two sets of flags, certificates and bugs. */
export const DL4001: DockerfileRule = {
  meta: dockerfileRuleMeta('DL4001', 'warning', 'Either use Wget or Curl but not both'),
  check(context, report) {
    // Like hadolint: once the stage has used both, every RUN that uses either is reported (once).
    for (const stage of context.stages) {
      const seen = new Set<string>();
      for (const info of stage.instructions) {
        if (info.keyword !== 'RUN') continue;
        let reported = false;
        for (const command of context.run(info).script.commands) {
          const tool = programName(command);
          if (tool !== 'curl' && tool !== 'wget') continue;
          seen.add(tool);
          if (seen.size < 2 || reported) continue;
          reported = true;
          report({ range: context.wordRange(command.words[0] as ShellWord), message: `Either use Wget or Curl but not both (this stage also uses ${tool === 'curl' ? 'wget' : 'curl'})` });
        }
      }
    }
  },
  examples: {
    bad: ['FROM debian:12\nRUN curl -fsSLO https://example.com/a\nRUN wget -q https://example.com/b'],
    good: ['FROM debian:12\nRUN curl -fsSLO https://example.com/a && curl -fsSLO https://example.com/b', 'FROM debian:12 AS a\nRUN curl -fsSLO https://x/a\nFROM debian:12\nRUN wget -q https://x/b', 'FROM debian:12\nRUN apt-get install -y curl=7 wget=1'],
  },
};
