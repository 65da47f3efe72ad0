import { labelsOf } from '../labels';
import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

/** DL3048: label keys follow Docker's recommendation (lower-case, reverse-DNS, no reserved namespaces). */
export const DL3048: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3048', 'style', 'Invalid Label Key'),
  check(context, report) {
    for (const label of labelsOf(context)) {
      const problem = keyProblem(label.key);
      if (problem) report({ range: label.keyRange, message: `Invalid Label Key \`${label.key}\`: ${problem}` });
    }
  },
  examples: {
    bad: ['FROM debian:12\nLABEL Maintainer=jane', 'FROM debian:12\nLABEL com.docker.foo=1', 'FROM debian:12\nLABEL org..example=1'],
    good: ['FROM debian:12\nLABEL org.opencontainers.image.source="https://github.com/o/r" maintainer=jane version=1.0'],
  },
};

function keyProblem(key: string): string | undefined {
  if (key.includes('$')) return undefined;
  if (!/^[a-z]/.test(key)) return 'must start with a lower-case letter';
  if (!/[a-z0-9]$/.test(key)) return 'must end with a lower-case letter or digit';
  if (/[^a-z0-9.-]/.test(key)) return 'only lower-case letters, digits, "." and "-" are allowed';
  if (/\.\.|--/.test(key)) return 'no consecutive "." or "-"';
  if (/^(?:com\.docker\.|io\.docker\.|org\.dockerproject\.)/.test(key)) return 'the com.docker.*, io.docker.* and org.dockerproject.* namespaces are reserved';
  return undefined;
}
