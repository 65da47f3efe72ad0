// `pip install` as hadolint reads it: which words are packages, which are option values.
import type { ShellCommand, ShellWord } from './shell';
import { isPip } from './ruleHelpers';

const VALUE_FLAGS = new Set(['--abi', '-b', '--build', '-e', '--editable', '--extra-index-url', '-f', '--find-links', '-i', '--index-url',
  '--implementation', '--no-binary', '--only-binary', '--platform', '--prefix', '--progress-bar', '--proxy', '--python-version',
  '--root', '--src', '-t', '--target', '--trusted-host', '--upgrade-strategy', '-c', '--constraint', '-r', '--requirement',
  '--cache-dir', '--log', '--timeout', '--retries', '--python', '--report', '--config-settings', '-C']);

export interface PipInstall {
  install: ShellWord;
  packages: ShellWord[];
  /** Long and short option names present (`no-cache-dir`, `r`…). */
  options: Set<string>;
}

export function pipInstall(command: ShellCommand): PipInstall | undefined {
  const pip = isPip(command);
  if (!pip) return undefined;
  const words = pip.words;
  let i = 0;
  const options = new Set<string>();
  const readOption = (v: string): boolean => {
    if (!v.startsWith('-') || v === '-') return false;
    if (v.startsWith('--')) options.add(v.slice(2).split('=')[0]!);
    else for (const ch of v.slice(1)) options.add(ch);
    return true;
  };
  // Global options before the subcommand.
  while (i < words.length && readOption(words[i]!.value)) { if (VALUE_FLAGS.has(words[i]!.value)) i++; i++; }
  const install = words[i];
  if (install?.value !== 'install') return undefined;
  const packages: ShellWord[] = [];
  for (i++; i < words.length; i++) {
    const v = words[i]!.value;
    if (readOption(v)) { if (VALUE_FLAGS.has(v)) i++; continue; }
    packages.push(words[i]!);
  }
  return { install, packages, options };
}
