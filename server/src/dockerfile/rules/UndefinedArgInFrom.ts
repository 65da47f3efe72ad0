import type { Range } from '../../core/finding';
import { buildModel, PREDEFINED_ARGS } from '../buildkit/model';
import { scanVariables, suggest } from '../buildkit/variables';
import { sourceWord, type SourceWord } from '../buildkit/words';
import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

/** BuildKit UndefinedArgInFrom: FROM uses `$X` but no global ARG X is declared before it. */
export const UndefinedArgInFrom: DockerfileRule = {
  meta: dockerfileRuleMeta('UndefinedArgInFrom', 'warning', 'FROM command must use declared ARGs'),
  check(context, report) {
    const model = buildModel(context);
    const known = new Set([...model.declaredGlobals, ...PREDEFINED_ARGS.keys()]);
    for (const stage of model.stages) {
      const words: SourceWord[] = [];
      const image = stage.from.getArguments()[0];
      if (image) words.push(sourceWord(model, image.getRange()));
      const platform = stage.from.getPlatformFlag()?.getValueRange();
      if (platform) words.push(sourceWord(model, platform as Range));
      for (const word of words) {
        for (const use of scanVariables(word.text, model.escape)) {
          // Also with a fallback (`${X:-default}`): an undeclared ARG can never be set, not even
          // by --build-arg, so the fallback is all FROM will ever see (BuildKit warns too).
          if (known.has(use.name)) continue;
          const hint = suggest(use.name, known);
          report({
            range: word.rangeOf(use.start, use.end),
            message: `FROM argument '${use.name}' is not declared${hint ? ` (did you mean ${hint}?)` : ''}`,
          });
        }
      }
    }
  },
  examples: {
    bad: ['FROM node:${NODE_VERSION}-alpine', 'ARG VERSION=3.20\nFROM alpine:${VERSON}', 'FROM --platform=$PLATFORM alpine:3.20', 'FROM alpine:${TAG:-3.20}'],
    good: [
      'ARG NODE_VERSION=22\nFROM node:${NODE_VERSION}-alpine',
      'ARG BASE\nFROM ${BASE}',
      'FROM --platform=$BUILDPLATFORM golang:1.23',
      'ARG TAG\nFROM alpine:${TAG:-3.20}',
    ],
  },
};
