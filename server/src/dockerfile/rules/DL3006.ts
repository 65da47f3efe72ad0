import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

/** DL3006: `FROM image` without tag or digest pulls whatever `latest` is today. */
export const DL3006: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3006', 'warning', 'Always tag the version of an image explicitly'),
  check(context, report) {
    for (const stage of context.stages) {
      const { image } = stage;
      const reference = image.reference;
      if (!reference || !image.range || reference.tag !== undefined || reference.digest !== undefined) continue;
      const via = image.usesVariables ? ` (\`${image.written}\` resolves to \`${image.resolved}\`)` : '';
      report({ range: image.range, message: `Always tag the version of an image explicitly${via}` });
    }
  },
  examples: {
    bad: ['FROM debian', 'ARG BASE=python\nFROM ${BASE}', 'FROM localhost:5000/app AS build\nRUN make'],
    good: [
      'FROM debian:12.5',
      'FROM debian@sha256:' + 'a'.repeat(64),
      'FROM scratch',
      'FROM golang:1.22 AS Build\nFROM build',
      'ARG BASE\nFROM ${BASE}',
      'FROM ${TARGETARCH}/alpine',
    ],
  },
};
