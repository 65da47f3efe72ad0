import { copyArgs, isArchive, isUrl } from '../copyArgs';
import { dockerfileRuleMeta, type DockerfileRule } from '../rule';
import { replaceFix } from '../ruleHelpers';

const ADD_ONLY_FLAGS = new Set(['checksum', 'keep-git-dir', 'unpack']);

/** DL3020: ADD's URL and auto-extract magic is surprising; plain files and folders want COPY. */
export const DL3020: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3020', 'error', 'Use COPY instead of ADD for files and folders'),
  check(context, report) {
    for (const info of context.all('ADD', true)) {
      const { sources, heredoc } = copyArgs(info);
      if (heredoc || sources.length === 0) continue;
      if (sources.every((s) => isUrl(s.value) || isArchive(s.value) || s.value.includes('$'))) continue;
      const keyword = info.node.getInstructionRange();
      const written = info.node.getInstruction();
      const addOnly = context.flags(info).some((f) => ADD_ONLY_FLAGS.has(f.getName().toLowerCase()));
      const replacement = written === written.toLowerCase() ? 'copy' : 'COPY';
      report({ range: keyword, fixes: addOnly ? undefined : [replaceFix('Use COPY', keyword, replacement)] });
    }
  },
  examples: {
    bad: ['FROM debian:12\nADD app /app', 'FROM debian:12\nADD ["a.txt", "b.txt", "/dst/"]'],
    good: [
      'FROM debian:12\nCOPY app /app',
      'FROM debian:12\nADD https://example.com/app.tar.gz /tmp/',
      'FROM debian:12\nADD rootfs.tar.xz /',
      'FROM debian:12\nADD git@github.com:org/repo.git /src',
      'FROM debian:12\nADD $ARCHIVE /opt/',
    ],
  },
};
