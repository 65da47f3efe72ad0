import type { Range } from '../../core/finding';
import { basename, copyArgs, isArchive, type PathArg } from '../copyArgs';
import { dockerfileRuleMeta, type DockerfileRule } from '../rule';
import { programName, unquote } from '../ruleHelpers';
import { positionalArgs, type ShellCommand } from '../shell';

const UNPACKERS = new Set(['unzip', 'gunzip', 'bunzip2', 'unlzma', 'unxz', 'zgz', 'uncompress', 'zcat', 'gzcat']);

/** DL3010: an archive COPY'd in and then extracted by a RUN of the same stage: ADD does both in one layer. */
export const DL3010: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3010', 'info', 'Use ADD for extracting archives into an image'),
  check(context, report) {
    for (const stage of context.stages) {
      const copied: { name: string; range: Range }[] = [];
      for (const info of stage.instructions) {
        if (info.keyword === 'COPY' && !context.flag(info, 'from')) {
          const { sources, destination } = copyArgs(info);
          // Names as written: Windows paths (`build\\app.tar`) keep their backslashes.
          const name = (arg: PathArg) => basename(unquote(context.text.slice(context.offsetAt(arg.range.start), context.offsetAt(arg.range.end))));
          if (destination && isArchive(destination.value)) copied.push({ name: name(destination), range: destination.range });
          else for (const s of sources) if (isArchive(s.value)) copied.push({ name: name(s), range: s.range });
        } else if (info.keyword === 'RUN' && copied.length > 0) {
          for (const command of context.run(info).script.commands) {
            if (!extracts(command)) continue;
            const names = new Set(positionalArgs(command).map((w) => basename(w.value)));
            for (const archive of copied.splice(0)) {
              if (names.has(archive.name)) report({ range: archive.range });
              else copied.push(archive);
            }
          }
        }
      }
    }
  },
  examples: {
    bad: ['FROM debian:12\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt'],
    good: ['FROM debian:12\nADD app.tar.gz /opt/', 'FROM debian:12\nCOPY app.tar.gz /srv/downloads/'],
  },
};

function extracts(command: ShellCommand): boolean {
  const name = programName(command);
  if (UNPACKERS.has(name)) return true;
  if (name !== 'tar') return false;
  return command.words.slice(1).some((w, i) => w.value === '--extract' || w.value === '--get'
    || (w.value.startsWith('-') && !w.value.startsWith('--') && w.value.includes('x'))
    || (i === 0 && /^[a-zA-Z]*x[a-zA-Z]*$/.test(w.value)));
}
