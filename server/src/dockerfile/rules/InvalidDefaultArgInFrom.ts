import { parseImageReference } from '../../image/reference';
import { buildModel } from '../buildkit/model';
import { expandWord } from '../buildkit/variables';
import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

/** BuildKit InvalidDefaultArgInFrom: without --build-arg, the ARG defaults make FROM invalid. */
export const InvalidDefaultArgInFrom: DockerfileRule = {
  meta: dockerfileRuleMeta('InvalidDefaultArgInFrom', 'warning',
    'Default value for global ARG results in an empty or invalid base image name'),
  check(context, report) {
    const model = buildModel(context);
    const stageNames = new Set<string>();
    for (const stage of model.stages) {
      const image = stage.from.getArguments()[0];
      const raw = image ? model.textOf(image.getRange()) : '';
      if (image && raw.includes('$')) {
        const name = expandWord(raw, model.globalEnv, model.escape).result;
        const valid = name !== '' && (stageNames.has(name.toLowerCase()) || parseImageReference(name).ok);
        if (!valid) report({ range: image.getRange(), message: `Default value for ARG ${raw} results in empty or invalid base image name` });
      }
      if (stage.name) stageNames.add(stage.name.toLowerCase());
    }
  },
  examples: {
    bad: ['ARG TAG\nFROM busybox:${TAG}', 'ARG BASE\nFROM ${BASE}', 'ARG IMAGE=Alpine\nFROM $IMAGE'],
    good: [
      'ARG TAG=latest\nFROM busybox:${TAG}',
      'ARG TAG\nFROM busybox:${TAG:-1.36}',
      'ARG BASE=build\nFROM alpine:3.20 AS build\nFROM ${BASE}',
      'FROM alpine:3.20',
    ],
  },
};
