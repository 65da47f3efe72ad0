import type { Instruction } from 'dockerfile-ast';
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { DockerIgnore, findDockerIgnore } from '../buildkit/dockerignore';
import { buildModel } from '../buildkit/model';
import { expandWord } from '../buildkit/variables';
import type { DockerfileContext } from '../context';
import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

const GOOD_EXAMPLES = [
  'FROM node:22\nCOPY package.json keep.log /app/',
  'FROM node:22 AS deps\nFROM node:22\nCOPY --from=deps node_modules /app/node_modules',
];
const REMOTE = /^(?:https?:\/\/|git@|git:\/\/|ssh:\/\/)|\.git(?:#|$)/;

/**
 * The documentation examples have no folder around them: they come with the `.dockerignore`
 * shown on the rule's page (matched by exact text, so real files never see it).
 */
const EXAMPLE_IGNORE = new DockerIgnore('node_modules\n**/*.log\n!keep.log\n.git\n');
const BAD_EXAMPLES = [
  'FROM node:22\nCOPY node_modules /app/node_modules',
  'FROM node:22\nADD logs/build.log /tmp/',
];

function ignoreFor(context: DockerfileContext): DockerIgnore | undefined {
  // Only a file on disk has a folder (the CLI passes paths relative to the current folder);
  // an untitled editor document has none.
  if (context.path) {
    const file = resolve(context.path);
    return isAbsolute(context.path) || existsSync(file) ? findDockerIgnore(file)?.ignore : undefined;
  }
  return BAD_EXAMPLES.includes(context.text) || GOOD_EXAMPLES.includes(context.text) ? EXAMPLE_IGNORE : undefined;
}

/** BuildKit CopyIgnoredFile: COPY/ADD of a path that `.dockerignore` keeps out of the context. */
export const CopyIgnoredFile: DockerfileRule = {
  meta: dockerfileRuleMeta('CopyIgnoredFile', 'warning', 'Attempting to Copy file that is excluded by .dockerignore'),
  check(context, report) {
    const ignore = ignoreFor(context);
    if (!ignore || ignore.size === 0) return;
    const model = buildModel(context);
    for (const stage of model.stages) {
      for (const instruction of stage.instructions) {
        const keyword = instruction.getKeyword();
        if (keyword !== 'COPY' && keyword !== 'ADD') continue;
        // COPY --from reads another stage or image, not the build context.
        if (hasFlag(instruction, 'from')) continue;
        const args = instruction.getArguments();
        if (args.length < 2 || args[0]!.getValue().startsWith('[') || args.some((a) => a.getValue().startsWith('<<'))) continue;
        const env = model.scopeBefore.get(instruction)?.env ?? new Map<string, string>();
        for (const source of args.slice(0, -1)) {
          const expansion = expandWord(source.getValue(), env, model.escape);
          if (expansion.unresolved || REMOTE.test(expansion.result)) continue;
          if (!ignore.excludes(expansion.result)) continue;
          const verb = keyword === 'ADD' ? 'Add' : 'Copy';
          report({ range: source.getRange(), message: `Attempting to ${verb} file ${JSON.stringify(expansion.result)} that is excluded by .dockerignore` });
        }
      }
    }
  },
  examples: {
    bad: BAD_EXAMPLES,
    good: GOOD_EXAMPLES,
  },
};

function hasFlag(instruction: Instruction, name: string): boolean {
  const flags = (instruction as unknown as { getFlags?(): { getName(): string }[] }).getFlags?.() ?? [];
  return flags.some((f) => f.getName().toLowerCase() === name);
}
