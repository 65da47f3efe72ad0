import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

/** DL1001 (off by default): teams that forbid inline ignore pragmas can raise it. */
export const DL1001: DockerfileRule = {
  meta: dockerfileRuleMeta('DL1001', 'ignore', 'Please refrain from using inline ignore pragmas `# hadolint ignore=DLxxxx`'),
  check(context, report) {
    for (const pragma of context.pragmas.ignores) report({ range: pragma.range });
  },
  examples: {
    bad: ['# hadolint ignore=DL3007\nFROM debian:latest', 'FROM debian:12\n# hadolint global ignore=DL3008\nRUN apt-get install -y curl'],
    good: ['# a plain comment\nFROM debian:12'],
  },
};
