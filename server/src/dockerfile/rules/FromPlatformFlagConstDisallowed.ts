import { buildModel } from '../buildkit/model';
import { expandWord, scanVariables } from '../buildkit/variables';
import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

const OPERATING_SYSTEMS = new Set(['linux', 'windows', 'darwin', 'freebsd', 'netbsd', 'openbsd', 'solaris', 'illumos', 'aix', 'android', 'ios', 'plan9', 'js', 'wasip1']);
const ARCH_ALIASES: Record<string, string> = {
  x86_64: 'amd64', 'x86-64': 'amd64', aarch64: 'arm64', armhf: 'arm', armel: 'arm', i386: '386', i686: '386', x86: '386',
};
const ARCHITECTURES = new Set(['amd64', 'arm64', 'arm', '386', 'ppc64le', 'ppc64', 's390x', 'riscv64', 'mips64le', 'mips64', 'mipsle', 'mips', 'loong64', 'wasm']);

/** Parses an OCI platform string far enough to know its OS and architecture. */
export function parsePlatform(value: string): { os: string; architecture: string } | undefined {
  const parts = value.toLowerCase().split('/');
  if (parts.length > 3 || parts.some((p) => !p)) return undefined;
  const arch = (a: string) => ARCH_ALIASES[a] ?? a;
  if (parts.length === 1) {
    if (OPERATING_SYSTEMS.has(parts[0]!)) return { os: parts[0]!, architecture: 'amd64' };
    const architecture = arch(parts[0]!);
    return ARCHITECTURES.has(architecture) ? { os: 'linux', architecture } : undefined;
  }
  if (!OPERATING_SYSTEMS.has(parts[0]!)) return undefined;
  return { os: parts[0]!, architecture: arch(parts[1]!) };
}

/** BuildKit FromPlatformFlagConstDisallowed: a fixed `--platform` defeats multi-platform builds. */
export const FromPlatformFlagConstDisallowed: DockerfileRule = {
  meta: dockerfileRuleMeta('FromPlatformFlagConstDisallowed', 'warning', 'FROM --platform flag should not use a constant value'),
  check(context, report) {
    const model = buildModel(context);
    for (const stage of model.stages) {
      const range = stage.from.getPlatformFlag()?.getValueRange();
      if (!range) continue;
      const raw = model.textOf(range);
      if (scanVariables(raw, model.escape).length > 0) continue;
      const value = expandWord(raw, new Map(), model.escape).result;
      const platform = parsePlatform(value);
      if (!platform) continue;
      // A stage named for its platform (`AS build-arm64`) is deliberately pinned.
      const name = (stage.name ?? '').toLowerCase();
      if (name.includes(platform.os) || name.includes(platform.architecture)) continue;
      report({ range, message: `FROM --platform flag should not use constant value "${value}"` });
    }
  },
  examples: {
    bad: ['FROM --platform=linux/amd64 alpine:3.20', 'FROM --platform=linux/arm64 alpine:3.20 AS build'],
    good: ['FROM --platform=$BUILDPLATFORM golang:1.23', 'FROM --platform=linux/amd64 alpine:3.20 AS build-amd64', 'FROM alpine:3.20'],
  },
};
