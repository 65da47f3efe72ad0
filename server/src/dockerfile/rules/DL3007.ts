import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

/** DL3007: `FROM image:latest` floats; pin a release tag (or a digest). ARGs are resolved first. */
export const DL3007: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3007', 'warning',
    'Using latest is prone to errors if the image will ever update. Pin the version explicitly to a release tag'),
  check(context, report) {
    for (const stage of context.stages) {
      const { image, from } = stage;
      const reference = image.reference;
      if (!reference || reference.tag !== 'latest' || reference.digest) continue;
      if (!image.usesVariables) {
        const tagRange = from.getImageTagRange();
        if (tagRange) report({ range: tagRange });
        continue;
      }
      if (image.range) {
        report({
          range: image.range,
          message: `Using latest is prone to errors if the image will ever update. Pin the version explicitly to a release tag (\`${image.written}\` resolves to \`${image.resolved}\`)`,
        });
      }
    }
  },
  examples: {
    bad: [
      'FROM debian:latest',
      'FROM localhost:5000/app:latest AS build\nRUN make',
      'ARG TAG\nFROM alpine:${TAG:-latest}',
      'ARG BASE=python:latest\nFROM $BASE',
    ],
    good: [
      'FROM debian:12.5',
      'FROM debian',
      'FROM debian:latest@sha256:' + 'a'.repeat(64),
      'FROM localhost:5000/app',
      'ARG TAG=3.19\nFROM alpine:${TAG:-latest}',
      'FROM alpine:${TARGETARCH:-latest}',
    ],
  },
};
