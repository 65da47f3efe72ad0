// End-of-life and deprecated base images, shipped with the extension (no network needed).
// Only releases whose end of life had passed when the table was last reviewed
// (EOL_TABLE_REVIEWED) are listed, so the result of a lint does not change with the clock;
// review the table (dates, sources) with each release of the extension.
// Images are Docker Hub official images (`library/<name>`).

export const EOL_TABLE_REVIEWED = '2024-12-01';

export interface EolEntry {
  /** Docker Hub official image name (`python` = docker.io/library/python). */
  image: string;
  /** Which tags: a version predicate on the tag's leading `major[.minor]`, or all tags. */
  matches: (version: ParsedVersion | undefined, tag: string) => boolean;
  /** Shown in the finding: what reached end of life, and when. */
  reason: string;
  /** Where the dates come from. */
  source: string;
}

export interface ParsedVersion { major: number; minor?: number }

/** `3.12-slim` → 3.12, `18-alpine` → 18, `2` → 2; codenames and `latest` → undefined. */
export function parseVersion(tag: string): ParsedVersion | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:[.\-_+]|$)/.exec(tag);
  if (!m) return undefined;
  return { major: Number(m[1]), minor: m[2] === undefined ? undefined : Number(m[2]) };
}

const below = (major: number, minor = 0) => (v: ParsedVersion | undefined) =>
  v !== undefined && (v.major < major || (v.major === major && v.minor !== undefined && v.minor < minor));
const tagIn = (...prefixes: string[]) => (_v: ParsedVersion | undefined, tag: string) =>
  prefixes.some((p) => tag === p || tag.startsWith(p + '-') || tag.startsWith(p + '.'));

export const EOL_IMAGES: readonly EolEntry[] = [
  { image: 'centos', matches: () => true,
    reason: 'CentOS Linux reached end of life (8: 2021-12-31, 7: 2024-06-30) and the centos image is deprecated; use quay.io/centos/centos:stream9, rockylinux or almalinux',
    source: 'https://www.centos.org/centos-linux-eol/ ; https://hub.docker.com/_/centos' },
  { image: 'python', matches: below(3, 9),
    reason: 'this Python release is past end of life (2.7: 2020-01-01, 3.7: 2023-06-27, 3.8: 2024-10-07)',
    source: 'https://devguide.python.org/versions/' },
  { image: 'node', matches: below(18),
    reason: 'this Node.js release is past end of life (16: 2023-09-11, 14: 2023-04-30)',
    source: 'https://github.com/nodejs/Release#end-of-life-releases' },
  { image: 'ubuntu', matches: (v, tag) => below(20, 4)(v) || tagIn('20.10', '21.04', '21.10', '22.10', '23.04', '23.10')(v, tag)
      || tagIn('precise', 'trusty', 'xenial', 'bionic', 'cosmic', 'disco', 'eoan', 'groovy', 'hirsute', 'impish', 'kinetic', 'lunar', 'mantic')(v, tag),
    reason: 'this Ubuntu release is past end of standard support (18.04: 2023-05-31; interim releases after 9 months)',
    source: 'https://wiki.ubuntu.com/Releases' },
  { image: 'debian', matches: (v, tag) => below(11)(v) || tagIn('squeeze', 'wheezy', 'jessie', 'stretch', 'buster')(v, tag),
    reason: 'this Debian release is past end of life (10 buster: 2024-06-30 incl. LTS, 9 stretch: 2022-06-30)',
    source: 'https://wiki.debian.org/DebianReleases ; https://wiki.debian.org/LTS' },
  { image: 'alpine', matches: below(3, 18),
    reason: 'this Alpine release is past end of support (3.17: 2024-11-22)',
    source: 'https://alpinelinux.org/releases/' },
  { image: 'ruby', matches: below(3, 1),
    reason: 'this Ruby release is past end of life (2.7: 2023-03-31, 3.0: 2024-04-23)',
    source: 'https://www.ruby-lang.org/en/downloads/branches/' },
  { image: 'php', matches: below(8, 1),
    reason: 'this PHP release is past end of life (7.4: 2022-11-28, 8.0: 2023-11-26)',
    source: 'https://www.php.net/eol.php' },
  { image: 'openjdk', matches: () => true,
    reason: 'the openjdk image is deprecated (no updates since 2022); use eclipse-temurin, amazoncorretto or another maintained JDK image',
    source: 'https://hub.docker.com/_/openjdk' },
  { image: 'java', matches: () => true,
    reason: 'the java image is deprecated since 2017; use eclipse-temurin or another maintained JDK image',
    source: 'https://hub.docker.com/_/java' },
];

/** Variant suffixes of official images that name the distribution underneath (`3.9-slim-buster`). */
export const EOL_VARIANTS: readonly { pattern: RegExp; reason: string; source: string }[] = [
  { pattern: /(?:^|-)(squeeze|wheezy|jessie|stretch|buster)(?:-|$)/,
    reason: 'built on an end-of-life Debian release', source: 'https://wiki.debian.org/DebianReleases' },
  { pattern: /(?:^|-)alpine3\.(?:[0-9]|1[0-7])(?:-|$)/,
    reason: 'built on an end-of-support Alpine release', source: 'https://alpinelinux.org/releases/' },
];

export interface EolMatch { reason: string; source: string }

/** Why a Docker Hub official image tag is end of life or deprecated, if it is. */
export function findEol(repository: string, tag: string | undefined): EolMatch | undefined {
  if (!repository.startsWith('library/')) return undefined;
  const image = repository.slice('library/'.length);
  const effectiveTag = tag ?? 'latest';
  const version = parseVersion(effectiveTag);
  const entry = EOL_IMAGES.find((e) => e.image === image && e.matches(version, effectiveTag));
  if (entry) return { reason: entry.reason, source: entry.source };
  for (const variant of EOL_VARIANTS) {
    const m = variant.pattern.exec(effectiveTag);
    if (m && image !== 'debian' && image !== 'alpine') return { reason: `${variant.reason} (${m[0].replace(/^-|-$/g, '')})`, source: variant.source };
  }
  return undefined;
}
