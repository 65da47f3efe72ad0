import type { InstructionInfo, DockerfileContext } from '../context';
import { dockerfileRuleMeta, type DockerfileRule } from '../rule';
import { replaceFix } from '../ruleHelpers';

/**
 * DL3059: consecutive RUNs with the same flags, each a single command, make one layer each for
 * no reason. A RUN that chains commands (`a && b`, `a; b`) was most likely split on purpose, so it
 * is left alone. Comments between them do not break the sequence (hadolint semantics).
 */
export const DL3059: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3059', 'info', 'Multiple consecutive `RUN` instructions. Consider consolidation.'),
  check(context, report) {
    let previous: InstructionInfo | undefined;
    for (const info of context.instructions) {
      if (info.keyword !== 'RUN') { previous = undefined; continue; }
      if (previous && sameFlags(context, previous, info) && commandCount(context, previous) === 1 && commandCount(context, info) === 1) {
        const fix = mergeFix(context, previous, info);
        report({ range: info.node.getInstructionRange(), fixes: fix ? [fix] : undefined });
      }
      previous = info;
    }
  },
  examples: {
    bad: ['FROM debian:12\nRUN mkdir /app\nRUN chown app /app', 'FROM debian:12\nRUN mkdir /app\n# then\nRUN chown app /app'],
    good: [
      'FROM debian:12\nRUN mkdir /app && chown app /app',
      'FROM debian:12\nRUN mkdir /app\nUSER app\nRUN touch /app/x',
      'FROM debian:12\nRUN --mount=type=cache,target=/root/.cache make deps\nRUN make',
      'FROM debian:12\nRUN a && b && c\nRUN d',
    ],
  },
};

function sameFlags(context: DockerfileContext, a: InstructionInfo, b: InstructionInfo): boolean {
  const text = (i: InstructionInfo) => context.flags(i).map((f) => f.toString()).sort().join(' ');
  return text(a) === text(b);
}

function commandCount(context: DockerfileContext, info: InstructionInfo): number {
  return context.run(info).script.commands.length;
}

/** Joins the second RUN's script onto the first with `&& \`, when nothing but blanks sits between them. */
function mergeFix(context: DockerfileContext, first: InstructionInfo, second: InstructionInfo) {
  const a = context.run(first).script;
  const b = context.run(second).script;
  if (a.execForm || b.execForm || a.heredocs.length || b.heredocs.length) return undefined;
  const firstEnd = context.offsetAt(first.range.end);
  const secondArgs = second.node.getArgumentsRange();
  if (!secondArgs) return undefined;
  const between = context.text.slice(firstEnd, context.offsetAt(second.range.start));
  if (between.trim() !== '') return undefined;
  const argsText = context.text.slice(context.offsetAt(secondArgs.start), context.offsetAt(second.range.end));
  return replaceFix('Merge into the previous RUN', { start: first.range.end, end: second.range.end }, ` && \\\n    ${argsText}`);
}
