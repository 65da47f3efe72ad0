import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

const FORBIDDEN = new Set(['ONBUILD', 'FROM', 'MAINTAINER']);

/** DL3043: ONBUILD cannot trigger ONBUILD, FROM or MAINTAINER. */
export const DL3043: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3043', 'error', '`ONBUILD`, `FROM` or `MAINTAINER` triggered from within `ONBUILD` instruction.'),
  check(context, report) {
    for (const info of context.all('ONBUILD')) {
      const trigger = context.onbuildTrigger(info);
      if (trigger && FORBIDDEN.has(trigger.keyword)) report({ range: trigger.node.getInstructionRange() });
    }
  },
  examples: {
    bad: ['FROM debian:12\nONBUILD FROM alpine:3.19', 'FROM debian:12\nONBUILD ONBUILD RUN x'],
    good: ['FROM debian:12\nONBUILD RUN make'],
  },
};
