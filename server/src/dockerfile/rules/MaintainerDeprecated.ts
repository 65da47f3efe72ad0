import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

/** BuildKit MaintainerDeprecated: MAINTAINER is deprecated; use a label. */
export const MaintainerDeprecated: DockerfileRule = {
  meta: dockerfileRuleMeta('MaintainerDeprecated', 'warning',
    'The MAINTAINER instruction is deprecated, use a label instead to define an image author'),
  check(context, report) {
    for (const { node: instruction } of context.instructions) {
      if (instruction.getKeyword() !== 'MAINTAINER') continue;
      const author = instruction.getArgumentsContent()?.trim() ?? '';
      const fixes = author && !author.includes('\n')
        ? [{ title: 'Replace with LABEL org.opencontainers.image.authors', preferred: true,
          edits: [{ range: instruction.getRange(), newText: `LABEL org.opencontainers.image.authors=${JSON.stringify(author)}` }] }]
        : undefined;
      report({ range: instruction.getInstructionRange(), message: 'Maintainer instruction is deprecated in favor of using label', fixes });
    }
  },
  examples: {
    bad: ['FROM debian:12\nMAINTAINER Jane <jane@example.com>'],
    good: ['FROM debian:12\nLABEL org.opencontainers.image.authors="jane@example.com"'],
  },
};
