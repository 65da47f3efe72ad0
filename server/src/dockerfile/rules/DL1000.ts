import type { Instruction, Run } from 'dockerfile-ast';
import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

const KEYWORDS = ['ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL',
  'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR'];

/**
 * DL1000: the file does not parse as a whole. Reported at each offending place; every
 * instruction that can still be read is linted by the other rules anyway.
 */
export const DL1000: DockerfileRule = {
  meta: dockerfileRuleMeta('DL1000', 'error', 'Invalid Dockerfile syntax'),
  check(context, report) {
    for (const info of context.instructions) {
      const node = info.node;
      const keywordRange = node.getInstructionRange();
      if (!KEYWORDS.includes(info.keyword)) {
        report({ range: keywordRange, message: `unexpected '${node.getInstruction()}': expecting a Dockerfile instruction (${KEYWORDS.join(', ')}) or a comment` });
        continue;
      }
      const args = node.getArguments();
      if (args.length === 0 && info.keyword !== 'HEALTHCHECK') {
        report({ range: keywordRange, message: `${info.keyword} requires at least one argument` });
        continue;
      }
      if (info.keyword === 'FROM') {
        const plain = args.map((a) => a.getValue());
        if (plain.length === 2 || plain.length > 3 || (plain.length === 3 && plain[1]!.toUpperCase() !== 'AS')) {
          report({ range: node.getArgumentsRange() ?? keywordRange, message: 'FROM requires either one or three arguments (FROM <image> [AS <name>])' });
        }
      }
      if ((info.keyword === 'COPY' || info.keyword === 'ADD') && args.length < 2 && !hasHeredocs(node)) {
        report({ range: node.getArgumentsRange() ?? keywordRange, message: `${info.keyword} requires at least two arguments: a source and a destination` });
      }
      if (info.keyword === 'ONBUILD' && !context.onbuildTrigger(info)) {
        report({ range: keywordRange, message: 'ONBUILD requires an instruction to trigger' });
      }
      for (const heredoc of heredocsOf(node)) {
        if (heredoc.getDelimiterRange() === null) {
          report({ range: heredoc.getStartRange(), message: `heredoc \`${heredoc.getName()}\` is never terminated: add a line with just \`${heredoc.getName()}\`` });
        }
      }
    }
  },
  examples: {
    bad: ['FROM debian:12\nRUN apt-get update\n  apt-get install -y curl', 'FROM', 'FROM debian:12 build', 'FROM debian:12\nRUN <<EOF\necho never closed'],
    good: ['FROM debian:12\nRUN <<EOF\necho hi\nEOF\nRUN echo next', '# comment only\nFROM debian:12\nHEALTHCHECK NONE'],
  },
};

function heredocsOf(node: Instruction) {
  const run = node as Run;
  return typeof run.getHeredocs === 'function' ? run.getHeredocs() : [];
}

function hasHeredocs(node: Instruction): boolean {
  return heredocsOf(node).length > 0;
}
