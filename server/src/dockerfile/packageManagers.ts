// Package-manager command shapes the rules look for (apt-get, apk, yum, dnf, zypper, pip, npm…).
import { commandFlags, type ShellCommand, type ShellWord } from './shell';
import { programName, subcommandArgs } from './ruleHelpers';

export const APT_VALUE_FLAGS = ['-o', '-c', '-t', '--option', '--config-file', '--target-release', '--default-release'];
export const APK_VALUE_FLAGS = ['-t', '--virtual', '-X', '--repository', '-p', '--root', '--arch', '--keys-dir', '--cache-dir', '--repositories-file'];
export const RPM_VALUE_FLAGS = ['-c', '--config', '--installroot', '--releasever', '--setopt', '--enablerepo', '--disablerepo', '-x', '--exclude', '--repo', '--repoid', '--nogpgcheck=', '--forcearch'];
export const ZYPPER_VALUE_FLAGS = ['-r', '--repo', '-t', '--type', '--from', '-c', '--config', '--root', '-R'];

export interface Install {
  command: ShellCommand;
  /** The subcommand word (`install`, `add`…), where flags get inserted. */
  sub: ShellWord;
  packages: ShellWord[];
}

/** `apt-get install …` (also `apt install`). */
export function aptGetInstall(command: ShellCommand, programs: readonly string[] = ['apt-get']): Install | undefined {
  const found = subcommandArgs(command, programs, ['install'], APT_VALUE_FLAGS);
  return found && { command, sub: found.sub, packages: found.args };
}

export function apkAdd(command: ShellCommand): Install | undefined {
  const found = subcommandArgs(command, ['apk'], ['add'], APK_VALUE_FLAGS);
  return found && { command, sub: found.sub, packages: found.args };
}

export function yumInstall(command: ShellCommand, programs: readonly string[]): Install | undefined {
  const found = subcommandArgs(command, programs, ['install', 'groupinstall', 'localinstall', 'module'], RPM_VALUE_FLAGS);
  if (!found) return undefined;
  if (found.sub.value === 'module') {
    const [action, ...rest] = found.args;
    if (action?.value !== 'install') return undefined;
    return { command, sub: found.sub, packages: rest };
  }
  return { command, sub: found.sub, packages: found.args };
}

export function zypperInstall(command: ShellCommand): Install | undefined {
  const found = subcommandArgs(command, ['zypper'], ['install', 'in'], ZYPPER_VALUE_FLAGS);
  return found && { command, sub: found.sub, packages: found.args };
}

/** Words that are only a variable (`$PKGS`, `${PACKAGES}`): their value is unknown. */
export function isVariableWord(word: ShellWord): boolean {
  return /^\$(?:\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*)$/.test(word.value) || word.value.startsWith('$(') || word.value.startsWith('`');
}

/** Counts repeated short flags (`-qq`, `-q -q`) and `-q=2`. */
export function flagCount(command: ShellCommand, name: string): number {
  let count = 0;
  for (const flag of commandFlags(command)) if (flag.name === name) count++;
  for (const word of command.words) { const m = /^-q=(\d+)$/.exec(word.value); if (m && name === 'q') count += Number(m[1]); }
  return count;
}

export function isProgram(command: ShellCommand, ...names: string[]): boolean {
  return names.includes(programName(command));
}

/**
 * DL3033/DL3041: every package of `<tool> install` needs `-<version>` (modules: `:<stream>`).
 * Local `.rpm` files, paths, groups (`@x`), variables and `-${VERSION}` pins are left alone.
 */
export function unpinnedRpmPackages(command: ShellCommand, tool: 'yum' | 'dnf', programs: readonly string[]): { word: ShellWord; message: string }[] {
  const install = yumInstall(command, programs);
  if (!install) return [];
  const isModule = install.sub.value === 'module';
  const unpinned: { word: ShellWord; message: string }[] = [];
  for (const pkg of install.packages) {
    const v = pkg.value;
    if (isVariableWord(pkg) || /\.rpm$/.test(v) || v.includes('/') || v.startsWith('@')) continue;
    // `name-${VERSION}` / `name-$VERSION`: pinned through a build variable.
    if (isModule ? v.includes(':') : /-(?:\d|\$)|[=<>]/.test(v)) continue;
    unpinned.push({ word: pkg, message: isModule ? `Specify version with \`${tool} module install -y ${v}:<stream>\`` : `Specify version with \`${tool} install -y ${v}-<version>\`` });
  }
  return unpinned;
}
