import { dockerfileRuleMeta, type DockerfileRule } from '../rule';
import { isVariableWord } from '../packageManagers';
import { allCommands, programName } from '../ruleHelpers';
import { hasFlag, type ShellCommand, type ShellWord } from '../shell';

const VALUE_FLAGS = ['-v', '--version', '-i', '--install-dir', '-n', '--bindir', '-s', '--source', '--platform', '-P', '--trust-policy', '--build-root'];
/** `gem install` long options that take no value; any other `--long-option` takes the next word. */
const BOOLEAN_LONG = new Set(['--document', '--user-install', '--conservative', '--minimal-deps', '--force', '--local', '--remote', '--both',
  '--prerelease', '--development', '--development-all', '--ignore-dependencies', '--env-shebang', '--wrappers', '--default', '--explain',
  '--lock', '--suggestions', '--clear-sources', '--quiet', '--verbose', '--backtrace', '--norc', '--post-install-message', '--silent',
  '--system', '--update-sources', '--vendor', '--format-executable', '--bulk-threshold', '--http-proxy']);

/** The gems of `gem install|i …`: positional words up to `--` (build options follow it). */
function gemInstallArgs(command: ShellCommand): ShellWord[] | undefined {
  if (programName(command) !== 'gem') return undefined;
  const words = command.words.slice(1);
  const result: ShellWord[] = [];
  let sub: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const v = words[i]!.value;
    if (v === '--') break;
    if (v.startsWith('-') && v.length > 1) {
      const takesValue = !v.includes('=') && (VALUE_FLAGS.includes(v) || (sub !== undefined && v.startsWith('--') && !v.startsWith('--no-') && !BOOLEAN_LONG.has(v)));
      if (takesValue) i++;
      continue;
    }
    if (sub === undefined) { sub = v; if (sub !== 'install' && sub !== 'i') return undefined; continue; }
    result.push(words[i]!);
  }
  return sub === undefined ? undefined : result;
}

/** DL3028: `gem install <gem>` needs `:<version>` (or `-v`). */
export const DL3028: DockerfileRule = {
  meta: dockerfileRuleMeta('DL3028', 'warning', 'Pin versions in gem install. Instead of `gem install <gem>` use `gem install <gem>:<version>`'),
  check(context, report) {
    for (const { command } of allCommands(context)) {
      const gems = gemInstallArgs(command);
      if (!gems || hasFlag(command, 'v', 'version')) continue;
      for (const gem of gems) {
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
