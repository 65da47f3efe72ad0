import type { InstructionInfo } from '../context';
import type { DockerfileContext } from '../context';
import { dockerfileRuleMeta, type DockerfileRule } from '../rule';
import { replaceFix } from '../ruleHelpers';
import { joinContinuation } from '../script';
import { parseShell } from '../shell';

/** DL3025: shell-form CMD/ENTRYPOINT run under `/bin/sh -c`, which does not forward signals. */
export const DL3025: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3025', 'warning', 'Use arguments JSON notation for CMD and ENTRYPOINT arguments'),
  check(context, report) {
    for (const info of [...context.all('CMD', true), ...context.all('ENTRYPOINT', true)]) {
      const node = info.node as unknown as { getOpeningBracket(): unknown; getClosingBracket(): unknown };
      if (node.getOpeningBracket() && node.getClosingBracket()) continue;
      const range = info.node.getArgumentsRange();
      if (!range) continue;
      const exec = execForm(context, info);
      report({ range, fixes: exec ? [replaceFix('Convert to exec form (JSON array)', range, exec)] : undefined });
    }
  },
  examples: {
    bad: ['FROM debian:12\nCMD nginx -g "daemon off;"', 'FROM debian:12\nENTRYPOINT /entrypoint.sh'],
    good: ['FROM debian:12\nCMD ["nginx", "-g", "daemon off;"]', 'FROM debian:12\nENTRYPOINT ["/entrypoint.sh"]'],
  },
};

/** The JSON array for a simple command line; undefined when the line needs a shell. */
function execForm(context: DockerfileContext, info: InstructionInfo): string | undefined {
  const range = info.node.getArgumentsRange()!;
  const joined = joinContinuation(context.text, context.offsetAt(range.start), context.offsetAt(info.range.end), context.escape);
  const script = parseShell(joined.source);
  if (script.commands.length !== 1) return undefined;
  const [command] = script.commands;
  if (!command || command.assignments.length || command.redirects.length || command.after || command.depth) return undefined;
  if (command.words.some((w) => /[$`*?[~]/.test(w.raw))) return undefined;
  return JSON.stringify(command.words.map((w) => w.value)).replace(/","/g, '", "');
}
