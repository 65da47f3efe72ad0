import { dockerfileRuleMeta, type DockerfileRule } from '../rule';
import { isVariableWord } from '../packageManagers';
import { allCommands, subcommandArgs } from '../ruleHelpers';
import { hasFlag } from '../shell';

const VALUE_FLAGS = ['-v', '--version', '-i', '--install-dir', '-n', '--bindir', '-s', '--source', '--platform', '-P', '--trust-policy', '--build-root'];

/** DL3028: `gem install <gem>` needs `:<version>` (or `-v`). */
export const DL3028: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3028', 'warning', 'Pin versions in gem install. Instead of `gem install <gem>` use `gem install <gem>:<version>`'),
  check(context, report) {
    for (const { command } of allCommands(context)) {
      const found = subcommandArgs(command, ['gem'], ['install', 'i'], VALUE_FLAGS);
      if (!found || hasFlag(command, 'v', 'version')) continue;
      for (const gem of found.args) {
        if (gem.value.includes(':') || /\.gem$/.test(gem.value) || isVariableWord(gem)) continue;
        report({ range: context.wordRange(gem), message: `Pin versions in gem install. Instead of \`gem install ${gem.value}\` use \`gem install ${gem.value}:<version>\`` });
      }
    }
  },
  examples: {
    bad: ['FROM ruby:3.3\nRUN gem install bundler'],
    good: ['FROM ruby:3.3\nRUN gem install bundler:2.5.10', 'FROM ruby:3.3\nRUN gem install bundler -v 2.5.10', 'FROM ruby:3.3\nRUN gem install --no-document bundler:2.5.10'],
  },
};
