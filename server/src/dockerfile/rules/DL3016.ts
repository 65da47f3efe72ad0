import { dockerfileRuleMeta, type DockerfileRule } from '../rule';
import { isVariableWord } from '../packageManagers';
import { allCommands, programName } from '../ruleHelpers';
import { positionalArgs } from '../shell';

const VALUE_FLAGS = ['--prefix', '--registry', '--cache', '--userconfig', '-w', '--workspace', '--tag', '--loglevel', '--omit', '--include', '--install-strategy'];

/** DL3016: `npm install <pkg>` needs `@<version>`; bare `npm install` (package.json) is fine. */
export const DL3016: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3016', 'warning', 'Pin versions in npm. Instead of `npm install <package>` use `npm install <package>@<version>`'),
  check(context, report) {
    for (const { command } of allCommands(context)) {
      if (programName(command) !== 'npm') continue;
      const args = positionalArgs(command, VALUE_FLAGS);
      if (!['install', 'i', 'add'].includes(args[0]?.value ?? '')) continue;
      for (const pkg of args.slice(1)) {
        if (isPinned(pkg.value) || isVariableWord(pkg)) continue;
        report({ range: context.wordRange(pkg), message: `Pin versions in npm. Instead of \`npm install ${pkg.value}\` use \`npm install ${pkg.value}@<version>\`` });
      }
    }
  },
  examples: {
    bad: ['FROM node:20\nRUN npm install -g typescript', 'FROM node:20\nRUN npm install @angular/cli'],
    good: [
      'FROM node:20\nRUN npm install',
      'FROM node:20\nRUN npm ci --omit=dev',
      'FROM node:20\nRUN npm install -g typescript@5.4.5 @angular/cli@17.3.0',
      'FROM node:20\nRUN npm install ./local-pkg ../x /abs/y file.tgz',
      'FROM node:20\nRUN npm install git+https://github.com/org/repo.git#v1.0.0',
    ],
  },
};

function isPinned(pkg: string): boolean {
  if (/^git(?:\+(?:ssh|https?))?:\/\//.test(pkg)) return pkg.includes('#');
  if (/\.(?:tar|tar\.gz|tgz)$/.test(pkg)) return true;
  if (/^(?:\/|\.\/|\.\.\/|~\/)/.test(pkg)) return true;
  const withoutScope = pkg.startsWith('@') ? pkg.slice(pkg.indexOf('/') + 1) : pkg;
  // Like hadolint, any tag counts (`name@next`, `name@latest`): a deliberate choice of channel.
  return withoutScope.includes('@');
}
