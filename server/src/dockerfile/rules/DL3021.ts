import { copyArgs } from '../copyArgs';
import { dockerfileRuleMeta, type DockerfileRule } from '../rule';
import { replaceFix } from '../ruleHelpers';

/** DL3021: with several sources the destination must be a directory (`/` at the end). */
export const DL3021: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3021', 'error', 'COPY with more than 2 arguments requires the last argument to end with /'),
  check(context, report) {
    for (const info of context.all('COPY', true)) {
      const { sources, destination, heredoc } = copyArgs(info);
      if (heredoc || !destination || sources.length < 2) continue;
      if (destination.value.endsWith('/') || /\$\{?\w+\}?$/.test(destination.value)) continue;
      // JSON ranges exclude the quotes; plain ones may include them: rewrite the word either way.
      const written = context.document.getText(destination.range);
      const fixText = /^["'].*["']$/.test(written) ? written.slice(0, -1) + '/' + written.slice(-1) : written + '/';
      report({ range: destination.range, fixes: [replaceFix('Add a trailing `/` to the destination', destination.range, fixText)] });
    }
  },
  examples: {
    bad: ['FROM debian:12\nCOPY a.txt b.txt /dst', 'FROM debian:12\nCOPY ["a", "b", "/dst"]'],
    good: ['FROM debian:12\nCOPY a.txt b.txt /dst/', 'FROM debian:12\nCOPY a.txt /dst', 'FROM debian:12\nCOPY --chown=app:app a b /dst/'],
  },
};
