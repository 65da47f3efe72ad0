import { dockerfileRuleMeta, type DockerfileRule } from '../rule';
import { replaceFix } from '../ruleHelpers';

/** DL4000: MAINTAINER is deprecated; the maintainer is a label. */
export const DL4000: DockerfileRule = {
  meta: dockerfileRuleMeta('DL4000', 'error', 'MAINTAINER is deprecated'),
  check(context, report) {
    for (const info of context.all('MAINTAINER')) {
      const args = info.node.getArgumentsRange();
      const value = args ? context.document.getText(args).replace(/\s*\\\r?\n\s*/g, ' ').trim() : '';
      const label = `LABEL maintainer="${value.replace(/^"(.*)"$/s, '$1').replace(/(["\\])/g, '\\$1')}"`;
      report({ range: info.range, fixes: value ? [replaceFix('Replace with LABEL maintainer=…', info.range, label)] : undefined });
    }
  },
  examples: {
    bad: ['FROM debian:12\nMAINTAINER Jane Doe <jane@example.com>'],
    good: ['FROM debian:12\nLABEL maintainer="Jane Doe <jane@example.com>"'],
  },
};
