import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

const TITLE = 'Multiple `ENTRYPOINT` instructions found. If you list more than one `ENTRYPOINT` then only the last `ENTRYPOINT` will take effect';

/** DL4004: only the last ENTRYPOINT of a stage takes effect; the earlier ones are dead code. */
export const DL4004: DockerfileRule = {
  meta: dockerfileRuleMeta('DL4004', 'error', TITLE),
  check(context, report) {
    for (const stage of context.stages) {
      const all = stage.instructions.filter((i) => i.keyword === 'ENTRYPOINT');
      const first = all[0];
      for (const info of all.slice(1)) report({ range: info.node.getInstructionRange(), message: `${TITLE} (first on line ${first!.range.start.line + 1})` });
    }
  },
  examples: {
    bad: ['FROM debian:12\nENTRYPOINT ["/entrypoint.sh"]\nENTRYPOINT ["/entrypoint.sh"]'],
    good: ['FROM debian:12\nENTRYPOINT ["/entrypoint.sh"]', 'FROM debian:12 AS a\nENTRYPOINT ["/entrypoint.sh"]\nFROM debian:12\nENTRYPOINT ["/entrypoint.sh"]'],
  },
};
