import { familiarName } from '../../image/reference';
import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

/** SS1001: a base image referenced by tag only can change under the same Dockerfile. */
export const SS1001: DockerfileRule = {
  meta: dockerfileRuleMeta('SS1001', 'ignore', 'Base image is not pinned by digest'),
  check(context, report) {
    for (const stage of context.stages) {
      const image = stage.image;
      // Stages, scratch and images whose ARGs depend on the build are not judged.
      if (!image.reference || !image.range || image.stage || image.scratch || !image.known) continue;
      if (image.reference.digest) continue;
      report({
        range: image.range,
        message: `Base image "${familiarName(image.reference)}${image.reference.tag ? ':' + image.reference.tag : ''}" is not pinned by digest; add @sha256:… for reproducible builds`,
      });
    }
  },
  examples: {
    bad: ['FROM python:3.12-slim', 'ARG BASE=alpine:3.20\nFROM ${BASE}'],
    good: [
      'FROM python:3.12-slim@sha256:' + 'a'.repeat(64),
      'FROM scratch',
      'FROM alpine@sha256:' + 'b'.repeat(64) + ' AS base\nFROM base',
      'ARG BASE\nFROM ${BASE}',
    ],
  },
};
