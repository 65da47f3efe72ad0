// Image references handed to commands from the command palette (nothing), the registry explorer
// (its tag/platform/referrer nodes, see ../registry/nodes), an editor hover/code action (a
// string) or another command ({reference} or {registry, repository, tag|digest}).
import { formatReference, parseImageReference, type ImageReference } from '../../../server/src/image/reference';

interface ExplorerLike {
  kind?: string;
  name?: string;
  registry?: { provider?: { client?: { host?: string } } };
  provider?: { client?: { host?: string } };
  repository?: { name?: string };
  tag?: ExplorerLike & { name?: string; digest?: string };
  platform?: { digest?: string };
  descriptor?: { digest?: string };
  details?: { digest?: string };
}

const hostOfNode = (node: ExplorerLike | undefined): string | undefined => node?.registry?.provider?.client?.host ?? node?.provider?.client?.host;

/** `registry/repo:tag@digest` of an explorer tag, platform or referrer node. */
function explorerReference(node: ExplorerLike): string | undefined {
  if (node.kind === 'tag' && node.tag?.name) {
    const host = hostOfNode(node);
    const digest = node.tag.digest ?? node.details?.digest;
    return host && node.repository?.name ? formatReference({ registry: host, repository: node.repository.name, tag: node.tag.name, ...(digest ? { digest } : {}) }) : undefined;
  }
  if ((node.kind === 'platform' || node.kind === 'referrer') && node.tag) {
    const host = hostOfNode(node.tag);
    const digest = node.platform?.digest ?? node.descriptor?.digest;
    return host && node.tag.repository?.name && digest ? formatReference({ registry: host, repository: node.tag.repository.name, digest }) : undefined;
  }
  return undefined;
}

/** Where a push started from the explorer goes: its registry (and repository). */
export function destinationHint(arg: unknown): { registry: string; repository?: string } | undefined {
  if (!arg || typeof arg !== 'object') return undefined;
  const node = arg as ExplorerLike;
  const host = hostOfNode(node);
  if (!host) return undefined;
  if (node.kind === 'repository' && node.name) return { registry: host, repository: node.name };
  return node.kind === 'registry' || node.kind === 'project' ? { registry: host } : undefined;
}

export function referenceText(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg.trim() || undefined;
  if (!arg || typeof arg !== 'object') return undefined;
  const fromExplorer = explorerReference(arg as ExplorerLike);
  if (fromExplorer) return fromExplorer;
  const o = arg as Record<string, unknown>;
  for (const key of ['reference', 'ref', 'imageReference']) {
    if (typeof o[key] === 'string' && o[key]) return o[key] as string;
  }
  const registry = typeof o['registry'] === 'string' ? o['registry'] : typeof o['host'] === 'string' ? o['host'] : undefined;
  if (typeof o['kind'] === 'string') return undefined; // an explorer node that is not an image
  const repository = typeof o['repository'] === 'string' ? o['repository'] : undefined;
  if (registry && repository) {
    const tag = typeof o['tag'] === 'string' ? o['tag'] : undefined;
    const digest = typeof o['digest'] === 'string' ? o['digest'] : undefined;
    return formatReference({ registry, repository, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) });
  }
  return undefined;
}

export function parseReference(text: string): ImageReference | string {
  const parsed = parseImageReference(text.trim());
  return parsed.ok ? parsed.reference : parsed.error;
}
