import { buildModel } from '../buildkit/model';
import { expandWord } from '../buildkit/variables';
import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

const ABSOLUTE = /^(?:\/|\\|[A-Za-z]:[\\/])/;

/**
 * BuildKit WorkdirRelativePath: the first WORKDIR of a stage chain is relative, so it depends on
 * the base image's working directory. Later relative WORKDIRs build on an absolute one.
 */
export const WorkdirRelativePath: DockerfileRule = {
  meta: dockerfileRuleMeta('WorkdirRelativePath', 'warning',
    'Relative workdir without an absolute workdir declared within the build can have unexpected results if the base image changes'),
  check(context, report) {
    const model = buildModel(context);
    for (const stage of model.stages) {
      for (const instruction of stage.instructions) {
        if (instruction.getKeyword() !== 'WORKDIR') continue;
        const scope = model.scopeBefore.get(instruction);
        if (!scope || scope.workdirSet) break;
        const args = instruction.getArguments();
        if (args.length === 0) break;
        const raw = model.textOf({ start: args[0]!.getRange().start, end: args[args.length - 1]!.getRange().end });
        const expansion = expandWord(raw, scope.env, model.escape);
        // A path from a variable we cannot see (base image ENV) may well be absolute.
        if (!expansion.unresolved && !ABSOLUTE.test(expansion.result)) {
          report({ range: { start: args[0]!.getRange().start, end: args[args.length - 1]!.getRange().end },
            message: `Relative workdir ${JSON.stringify(expansion.result)} can have unexpected results if the base image changes` });
        }
        break;
      }
    }
  },
  examples: {
    bad: ['FROM alpine:3.20\nWORKDIR app', 'FROM alpine:3.20\nENV DIR=src\nWORKDIR $DIR'],
    good: [
      'FROM alpine:3.20\nWORKDIR /app\nWORKDIR src',
      'FROM alpine:3.20 AS base\nWORKDIR /app\nFROM base\nWORKDIR src',
      'FROM alpine:3.20\nENV APP=/srv\nWORKDIR $APP',
    ],
  },
};
