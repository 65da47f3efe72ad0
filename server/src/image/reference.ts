// The one image-reference parser of the product: the distribution/reference grammar
//   [domain[:port]/]path[:tag][@digest]
// with Docker Hub normalisation. It knows nothing of HTTP or of the files references come from.

export const DEFAULT_DOMAIN = 'docker.io';
const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';
const OFFICIAL_REPO_PREFIX = 'library/';
const NAME_TOTAL_LENGTH_MAX = 255;

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN_NAME = `${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*`;
const IPV6 = '\\[(?:[a-fA-F0-9:]+)\\]';
const DOMAIN_RE = new RegExp(`^(?:${DOMAIN_NAME}|${IPV6})(?::[0-9]+)?$`);
const PATH_COMPONENT_RE = /^[a-z0-9]+(?:(?:[_.]|__|-+)[a-z0-9]+)*$/;
const TAG_RE = /^[\w][\w.-]{0,127}$/;
const DIGEST_RE = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
const IDENTIFIER_RE = /^[a-f0-9]{64}$/;
const DIGEST_LENGTHS: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

export interface ImageReference {
  /** The text that was parsed. */
  original: string;
  /** Registry host[:port] as written, or undefined when implied (Docker Hub). */
  domain?: string;
  /** Repository path as written, without domain. */
  path: string;
  tag?: string;
  digest?: string;
  /** Normalised registry: `docker.io` for Docker Hub (also for `index.docker.io`). */
  registry: string;
  /** Normalised repository: `library/x` for official Docker Hub images. */
  repository: string;
  /** Offsets into `original` (for exact ranges). */
  tagOffset?: number;
  digestOffset?: number;
}

export type ReferenceResult =
  | { ok: true; reference: ImageReference }
  | { ok: false; error: string };

/** Parses and normalises an image reference the way Docker and the kubelet do. */
export function parseImageReference(text: string): ReferenceResult {
  const fail = (error: string): ReferenceResult => ({ ok: false, error });
  if (text.length === 0) return fail('image reference is empty');
  if (/\s/.test(text)) return fail('image reference contains whitespace');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return fail('image reference must not contain a URL scheme');
  // Like ParseNormalizedNamed: only the whole text being 64 hex characters is an image ID
  // (`<64 hex>:tag` is a Docker Hub repository with a tag).
  if (IDENTIFIER_RE.test(text)) return fail('a 64-character hexadecimal string is an image ID, not a repository name');

  let rest = text;
  let digest: string | undefined;
  let digestOffset: number | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    digestOffset = at + 1;
    rest = rest.slice(0, at);
    const digestError = validateDigest(digest);
    if (digestError) return fail(digestError);
  }

  let tag: string | undefined;
  let tagOffset: number | undefined;
  const lastColon = rest.lastIndexOf(':');
  if (lastColon > rest.lastIndexOf('/')) {
    tag = rest.slice(lastColon + 1);
    tagOffset = lastColon + 1;
    rest = rest.slice(0, lastColon);
    if (tag.length === 0) return fail('tag is empty');
    if (!TAG_RE.test(tag)) return fail(`invalid tag "${tag}": use letters, digits, "_", "." and "-" (max 128, not starting with "." or "-")`);
  }

  const name = rest;
  if (name.length === 0) return fail('repository name is empty');

  const { domain, path } = splitDomain(name);
  if (domain !== undefined && !DOMAIN_RE.test(domain)) return fail(`invalid registry host "${domain}"`);
  if (path.length === 0) return fail('repository path is empty');
  for (const component of path.split('/')) {
    if (component !== component.toLowerCase() && PATH_COMPONENT_RE.test(component.toLowerCase())) {
      return fail(`repository name must be lowercase ("${component}")`);
    }
    if (!PATH_COMPONENT_RE.test(component)) return fail(`invalid repository path component "${component}"`);
  }

  let registry = domain ?? DEFAULT_DOMAIN;
  if (registry === LEGACY_DEFAULT_DOMAIN) registry = DEFAULT_DOMAIN;
  const repository = registry === DEFAULT_DOMAIN && !path.includes('/') ? OFFICIAL_REPO_PREFIX + path : path;
  // distribution/reference limits the path after normalisation (`library/` counts), not the registry.
  if (repository.length > NAME_TOTAL_LENGTH_MAX) {
    return fail(`repository name is longer than ${NAME_TOTAL_LENGTH_MAX} characters (${repository.length}, registry not counted)`);
  }
  return { ok: true, reference: { original: text, domain, path, tag, digest, registry, repository, tagOffset, digestOffset } };
}

/** The first component is a domain iff it has `.` or `:`, is `localhost`, or has uppercase. */
function splitDomain(name: string): { domain?: string; path: string } {
  const slash = name.indexOf('/');
  if (slash < 0) return { path: name };
  const first = name.slice(0, slash);
  const isDomain = first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase();
  return isDomain ? { domain: first, path: name.slice(slash + 1) } : { path: name };
}

function validateDigest(digest: string): string | undefined {
  if (!DIGEST_RE.test(digest)) return `invalid digest "${digest}": expected algorithm:hex, e.g. sha256:<64 hex characters>`;
  const [algorithm, encoded] = digest.split(':', 2) as [string, string];
  const expected = DIGEST_LENGTHS[algorithm];
  if (expected === undefined) return `unsupported digest algorithm "${algorithm}"`;
  if (encoded.length !== expected || !/^[a-f0-9]+$/.test(encoded)) {
    return `invalid ${algorithm} digest: expected ${expected} lowercase hexadecimal characters, got "${encoded}"`;
  }
  return undefined;
}

/** Tag-less, digest-less references float: Docker pulls `latest`. */
export function isMutable(ref: ImageReference): boolean {
  return ref.digest === undefined && (ref.tag === undefined || ref.tag === 'latest');
}

/** `registry/repository`, the normalised name used for trust and credential matching. */
export function normalisedName(ref: ImageReference): string {
  return `${ref.registry}/${ref.repository}`;
}

/** Docker's familiar form: `nginx` for `docker.io/library/nginx`, but `library/a/b` stays whole. */
export function familiarName(ref: ImageReference): string {
  if (ref.registry !== DEFAULT_DOMAIN) return `${ref.registry}/${ref.repository}`;
  if (!ref.repository.startsWith(OFFICIAL_REPO_PREFIX)) return ref.repository;
  const remainder = ref.repository.slice(OFFICIAL_REPO_PREFIX.length);
  return remainder.includes('/') ? ref.repository : remainder;
}

export function formatReference(ref: Pick<ImageReference, 'registry' | 'repository' | 'tag' | 'digest'>): string {
  return `${ref.registry}/${ref.repository}${ref.tag ? ':' + ref.tag : ''}${ref.digest ? '@' + ref.digest : ''}`;
}
