// The registry explorer's TreeDataProvider: lazy children, first page at once and "Load more…",
// filter over repositories and tags, tag sort by name or date, details fetched on demand (hover,
// expand, sort by date) in small cached batches, errors as nodes with a retry action.
import * as vscode from 'vscode';
import type { RegistryClient } from '../../../server/src/registry/client';
import { DetailsCache, type ImageDetails } from '../../../server/src/registry/details';
import { RegistryError } from '../../../server/src/registry/errors';
import { formatAge, formatSize, matchesFilter, shortDigest } from '../../../server/src/registry/format';
import { createProvider, registryDisplayName, type RegistrySettings } from '../../../server/src/registry/providers';
import type { CredentialProvider } from '../../../server/src/credentials/types';
import { hostOf } from './settings';
import type { AttachmentsNode, ExplorerNode, LoadMoreNode, MessageNode, PagedNode, RegistryNode, TagNode } from './nodes';

export type TagSort = 'name' | 'date';

interface Listing {
  items: ExplorerNode[];
  next?: string;
  /** Items a registry sent beyond the page size (it ignored `n`): shown page by page too. */
  buffered?: ExplorerNode[];
  loading?: Promise<void>;
  error?: MessageNode;
}

const PAGE_SIZE = 100;
/** With a filter, keep fetching pages until something matches (bounded). */
const FILTER_EXTRA_PAGES = 20;

export interface ExplorerSources {
  credentials: CredentialProvider;
  settings: () => RegistrySettings[];
  dockerHosts: () => string[];
  output: vscode.OutputChannel;
  /** Signed / unsigned / invalid badge (from the signing feature), asked only once a tag's details are loaded. */
  signatureBadge?: (client: RegistryClient, repository: string, digest: string) => Promise<{ label: string; detail: string }>;
  /** Vulnerability badge of the newest local scan of `registry/repository:tag` (from the scan feature). */
  scanBadge?: (reference: string) => { text: string; tooltip: string } | undefined;
}

export class RegistryTreeProvider implements vscode.TreeDataProvider<ExplorerNode> {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly listings = new Map<ExplorerNode, Listing>();
  private readonly childCache = new Map<ExplorerNode, ExplorerNode[]>();
  private roots: RegistryNode[] | undefined;
  readonly details = new DetailsCache(5000, 4);
  filter: string | undefined;
  tagSort: TagSort = 'name';

  constructor(private readonly sources: ExplorerSources) {}

  // ------------------------------------------------------------------ refresh

  refresh(node?: ExplorerNode): void {
    if (!node) {
      this.roots = undefined;
      this.listings.clear();
      this.childCache.clear();
      this.details.invalidate('');
    } else {
      this.forget(node);
      if (node.kind === 'repository') this.details.invalidate(node.registry.provider.client.host, node.name);
    }
    this.changed.fire(node && node.kind !== 'message' && node.kind !== 'loadMore' ? node : undefined);
  }

  private forget(node: ExplorerNode): void {
    for (const child of this.listings.get(node)?.items ?? this.childCache.get(node) ?? []) this.forget(child);
    this.listings.delete(node);
    this.childCache.delete(node);
  }

  /** Re-render (filter or sort changed) without fetching again. */
  rerender(): void {
    this.changed.fire(undefined);
  }

  // ------------------------------------------------------------------ roots

  registries(): RegistryNode[] {
    if (!this.roots) {
      const configured = this.sources.settings();
      const seen = new Set(configured.map((s) => hostOf(s.url)));
      const discovered = this.sources.dockerHosts().filter((host) => !seen.has(host)).map((host): RegistrySettings => ({ url: host }));
      this.roots = [...configured.map((s) => this.registryNode(s, 'settings')), ...discovered.map((s) => this.registryNode(s, 'docker'))];
    }
    return this.roots;
  }

  private registryNode(settings: RegistrySettings, source: 'settings' | 'docker'): RegistryNode {
    const provider = createProvider(settings, {
      credentials: this.sources.credentials,
      onWarning: (message) => this.sources.output.appendLine(`[registry] ${message}`),
      timeoutMs: 30_000,
    });
    return { kind: 'registry', id: `registry:${source}:${settings.url}`, settings, provider, source };
  }

  // ------------------------------------------------------------------ children

  getParent(): undefined {
    return undefined;
  }

  async getChildren(element?: ExplorerNode): Promise<ExplorerNode[]> {
    if (!element) {
      // Untrusted workspaces contact no registry; the welcome view says why.
      if (!vscode.workspace.isTrusted) return [];
      return this.registries();
    }
    switch (element.kind) {
      case 'registry':
      case 'project':
      case 'repository':
        return this.pagedChildren(element);
      case 'tag':
        return this.cached(element, () => this.tagChildren(element));
      case 'attachments':
        return this.cached(element, () => this.attachmentChildren(element));
      default:
        return [];
    }
  }

  private async cached(node: ExplorerNode, load: () => Promise<ExplorerNode[]>): Promise<ExplorerNode[]> {
    let children = this.childCache.get(node);
    if (!children) {
      try {
        children = await load();
      } catch (error) {
        children = [this.errorNode(node, error)];
      }
      this.childCache.set(node, children);
    }
    return children;
  }

  private async pagedChildren(node: PagedNode): Promise<ExplorerNode[]> {
    let listing = this.listings.get(node);
    if (!listing) {
      listing = { items: [] };
      this.listings.set(node, listing);
      listing.loading = this.loadPage(node, listing);
    }
    await listing.loading;
    if (this.filter && (listing.next || listing.buffered?.length) && !listing.error && this.visible(node, listing.items).length === 0) {
      listing.loading = this.loadPage(node, listing);
      await listing.loading;
    }
    if (listing.error) return [...this.visible(node, listing.items), listing.error];
    const shown = this.visible(node, listing.items);
    const more: LoadMoreNode[] = listing.next || listing.buffered?.length ? [{ kind: 'loadMore', id: `${node.id}/more:${listing.items.length}`, parent: node }] : [];
    if (shown.length === 0 && !listing.next && !listing.buffered?.length) {
      return [{ kind: 'message', id: `${node.id}/empty`, message: this.filter ? `nothing matches "${this.filter}"` : emptyText(node), error: false }];
    }
    return [...shown, ...more];
  }

  /** Loaded tags of a repository (for cleanup and delete previews). */
  loadedListing(node: ExplorerNode): ExplorerNode[] {
    return this.listings.get(node)?.items ?? [];
  }

  /** Repositories whose tags are loaded. */
  loadedRepositories(): ExplorerNode[] {
    return [...this.listings.keys()].filter((n) => n.kind === 'repository');
  }

  /** Fetches the next page of `node` (the first when nothing is loaded yet). */
  async loadMore(node: PagedNode): Promise<void> {
    const listing = this.listings.get(node);
    if (!listing || listing.loading === undefined) return;
    await listing.loading;
    if (!listing.next && !listing.buffered?.length) return;
    listing.loading = this.loadPage(node, listing);
    await listing.loading;
    this.changed.fire(node);
  }

  private async loadPage(node: PagedNode, listing: Listing): Promise<void> {
    listing.error = undefined;
    let pages = 0;
    for (;;) {
      try {
        if (listing.buffered?.length) {
          listing.items.push(...listing.buffered.splice(0, PAGE_SIZE));
        } else {
          const page = await this.fetchPage(node, listing.next);
          // A registry that ignored `n` sent everything: show it in name order, a page at a time.
          if (page.items.length > PAGE_SIZE) page.items.sort((a, b) => nodeName(a).localeCompare(nodeName(b), undefined, { numeric: true }));
          listing.items.push(...page.items.slice(0, PAGE_SIZE));
          listing.buffered = page.items.slice(PAGE_SIZE);
          if (page.next) listing.next = page.next; else delete listing.next;
        }
      } catch (error) {
        listing.error = this.errorNode(node, error);
        return;
      }
      pages++;
      // With a filter, a page without matches is no answer: keep going a little.
      if (!this.filter || (!listing.next && !listing.buffered?.length) || this.visible(node, listing.items).length > 0 || pages > FILTER_EXTRA_PAGES) return;
    }
  }

  private async fetchPage(node: PagedNode, cursor: string | undefined): Promise<{ items: ExplorerNode[]; next?: string }> {
    const options = { pageSize: PAGE_SIZE, ...(cursor ? { cursor } : {}) };
    if (node.kind === 'registry' && node.provider.hasProjects && node.provider.listProjects && !node.provider.client.address.repository) {
      const page = await node.provider.listProjects(options);
      return { items: page.items.map((p) => ({ kind: 'project' as const, id: `${node.id}/p:${p.name}`, registry: node, name: p.name, ...(p.repositoryCount !== undefined ? { repositoryCount: p.repositoryCount } : {}) })), ...(page.next ? { next: page.next } : {}) };
    }
    if (node.kind === 'registry' || node.kind === 'project') {
      const registry = node.kind === 'registry' ? node : node.registry;
      const page = await registry.provider.listRepositories({ ...options, ...(node.kind === 'project' ? { project: node.name } : {}) });
      return { items: page.items.map((r) => ({ kind: 'repository' as const, id: `${registry.id}/r:${r.name}`, registry, name: r.name, info: r })), ...(page.next ? { next: page.next } : {}) };
    }
    const page = await node.registry.provider.listTags(node.name, options);
    return { items: page.items.map((t) => ({ kind: 'tag' as const, id: `${node.id}:${t.name}`, registry: node.registry, repository: node, tag: t })), ...(page.next ? { next: page.next } : {}) };
  }

  /** Filter and sort what is loaded. */
  private visible(node: PagedNode, items: ExplorerNode[]): ExplorerNode[] {
    const filtered = items.filter((item) => item.kind === 'tag' ? matchesFilter(item.tag.name, this.filter) : item.kind === 'repository' ? matchesFilter(item.name, this.filter) : true);
    if (node.kind !== 'repository') return filtered;
    const tags = filtered as TagNode[];
    if (this.tagSort === 'date') return [...tags].sort((a, b) => (tagDate(b) ?? '').localeCompare(tagDate(a) ?? '') || a.tag.name.localeCompare(b.tag.name, undefined, { numeric: true }));
    return [...tags].sort((a, b) => a.tag.name.localeCompare(b.tag.name, undefined, { numeric: true }));
  }

  /** Loads the dates of the loaded tags of a repository (small batches, cached) for sorting. */
  async loadTagDates(node: ExplorerNode): Promise<void> {
    const listing = this.listings.get(node);
    if (!listing) return;
    const missing = listing.items.filter((n): n is TagNode => n.kind === 'tag' && !tagDate(n));
    await Promise.all(missing.map((tag) => this.tagDetails(tag, false).catch(() => undefined)));
    this.changed.fire(node);
  }

  /** Details of one tag (cached); `withBadge`: also its signature badge (not for bulk loads). */
  async tagDetails(node: TagNode, withBadge = true): Promise<ImageDetails> {
    if (!node.details) node.details = await this.details.get(node.registry.provider.client, node.repository.name, node.tag.digest ?? node.tag.name);
    if (withBadge) this.loadBadge(node);
    return node.details;
  }

  /** Asks for the signature badge of a tag whose digest is known; re-renders the tag when it arrives. */
  private loadBadge(node: TagNode): void {
    const digest = node.details?.digest ?? node.tag.digest;
    if (!this.sources.signatureBadge || !digest || node.badge) return;
    this.sources.signatureBadge(node.registry.provider.client, node.repository.name, digest).then((badge) => {
      node.badge = badge;
      setTimeout(() => this.changed.fire(node), 0);
    }, () => undefined);
  }

  /** Signatures changed (signed/verified elsewhere): badges shown so far are asked again. */
  clearBadges(): void {
    for (const listing of this.listings.values()) {
      for (const item of listing.items) {
        if (item.kind !== 'tag' || !item.badge) continue;
        delete item.badge;
        this.loadBadge(item);
      }
    }
  }

  private async tagChildren(node: TagNode): Promise<ExplorerNode[]> {
    const hadDetails = Boolean(node.details);
    const details = await this.tagDetails(node);
    // The description gains digest/size/age: re-render the tag once its children are on screen
    // (a change event while VS Code awaits these children would drop them).
    if (!hadDetails) setTimeout(() => this.changed.fire(node), 0);
    const children: ExplorerNode[] = [];
    if (details.isIndex) {
      for (const platform of details.platforms) children.push({ kind: 'platform', id: `${node.id}@${platform.digest}`, tag: node, platform });
    }
    children.push({ kind: 'attachments', id: `${node.id}/attachments`, tag: node });
    return children;
  }

  private async attachmentChildren(node: AttachmentsNode): Promise<ExplorerNode[]> {
    const details = await this.tagDetails(node.tag);
    const referrers = await node.tag.registry.provider.client.referrers(node.tag.repository.name, details.digest);
    const children: ExplorerNode[] = referrers.map((d) => ({ kind: 'referrer' as const, id: `${node.id}/${d.digest}`, tag: node.tag, descriptor: d, label: attachmentLabel(d.artifactType ?? d.mediaType) }));
    for (const accessory of node.tag.tag.accessories ?? []) {
      if (referrers.some((r) => r.digest === accessory.digest)) continue;
      children.push({ kind: 'referrer', id: `${node.id}/${accessory.digest}`, tag: node.tag, descriptor: { mediaType: '', digest: accessory.digest, size: 0, artifactType: accessory.type }, label: attachmentLabel(accessory.type) });
    }
    if (children.length === 0) return [{ kind: 'message', id: `${node.id}/none`, message: 'no signatures or attachments', error: false }];
    return children;
  }

  private errorNode(parent: ExplorerNode, error: unknown): MessageNode {
    const message = error instanceof RegistryError ? error.message : `unexpected error: ${(error as Error).message}`;
    this.sources.output.appendLine(`[registry] ${message}`);
    return { kind: 'message', id: `${parent.id}/error:${Date.now()}`, message, error: true, retry: parent };
  }

  // ------------------------------------------------------------------ items

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    const C = vscode.TreeItemCollapsibleState;
    switch (node.kind) {
      case 'registry': {
        const item = new vscode.TreeItem(registryDisplayName(node.settings), C.Collapsed);
        item.id = node.id;
        item.iconPath = new vscode.ThemeIcon(node.settings.insecure ? 'warning' : 'database');
        item.description = [node.provider.kind !== 'generic' ? node.provider.kind : '', node.source === 'docker' ? 'docker login' : '', node.settings.insecure ? 'insecure' : ''].filter(Boolean).join(' · ');
        item.tooltip = new vscode.MarkdownString([`**${esc(registryDisplayName(node.settings))}**`, `URL: \`${esc(node.provider.client.baseUrl.href)}\``, `Kind: ${node.provider.kind}`,
          node.source === 'docker' ? 'From the Docker/Podman configuration' : 'From the `shipshape.registries` setting',
          ...(node.settings.caFile ? [`CA file: \`${esc(node.settings.caFile)}\``] : []),
          ...(node.settings.insecure ? ['$(warning) insecure: plain http or no TLS verification'] : [])].join('\n\n'), true);
        item.contextValue = `registry.${node.source}`;
        return item;
      }
      case 'project': {
        const item = new vscode.TreeItem(node.name, C.Collapsed);
        item.id = node.id;
        item.iconPath = new vscode.ThemeIcon('folder-library');
        item.description = node.repositoryCount !== undefined ? `${node.repositoryCount} repositories` : '';
        item.contextValue = 'project';
        return item;
      }
      case 'repository': {
        const item = new vscode.TreeItem(node.name, C.Collapsed);
        item.id = node.id;
        item.iconPath = new vscode.ThemeIcon('repo');
        const info = node.info;
        item.description = [info.artifactCount !== undefined ? `${info.artifactCount} artifacts` : '', info.pullCount !== undefined ? `${info.pullCount} pulls` : '', formatAge(info.updated)].filter(Boolean).join(' · ');
        item.tooltip = new vscode.MarkdownString([`**${esc(node.registry.provider.client.host)}/${esc(node.name)}**`, ...(info.description ? [esc(info.description)] : []), ...(info.updated ? [`Updated: ${esc(info.updated)}`] : [])].join('\n\n'));
        item.contextValue = 'repository';
        return item;
      }
      case 'tag': {
        const item = new vscode.TreeItem(node.tag.name, C.Collapsed);
        item.id = node.id;
        item.iconPath = new vscode.ThemeIcon('tag');
        const scan = this.sources.scanBadge?.(`${node.registry.provider.client.host}/${node.repository.name}:${node.tag.name}`);
        item.description = [tagDescription(node), scan?.text].filter(Boolean).join(' · ');
        if (node.details) item.tooltip = tagTooltip(node);
        else if (scan) item.tooltip = scan.tooltip;
        item.contextValue = node.registry.provider.canUntag ? 'tag.untag' : 'tag';
        return item;
      }
      case 'platform': {
        const item = new vscode.TreeItem(node.platform.platform, C.None);
        item.id = node.id;
        item.iconPath = new vscode.ThemeIcon('vm');
        item.description = `${shortDigest(node.platform.digest)} · ${formatSize(node.platform.size)} manifest`;
        item.tooltip = new vscode.MarkdownString(`**${esc(node.platform.platform)}**\n\nDigest: \`${esc(node.platform.digest)}\`\n\nMedia type: \`${esc(node.platform.mediaType)}\``);
        item.contextValue = 'platform';
        item.command = { command: 'shipshape.registry.inspectManifest', title: 'Inspect Manifest', arguments: [node] };
        return item;
      }
      case 'attachments': {
        const item = new vscode.TreeItem('signatures & attachments', C.Collapsed);
        item.id = node.id;
        item.iconPath = new vscode.ThemeIcon('verified');
        item.contextValue = 'attachments';
        return item;
      }
      case 'referrer': {
        const item = new vscode.TreeItem(node.label, C.None);
        item.id = node.id;
        item.iconPath = new vscode.ThemeIcon(/sig/i.test(node.label) ? 'key' : 'file-code');
        item.description = shortDigest(node.descriptor.digest);
        item.tooltip = new vscode.MarkdownString(`Artifact type: \`${esc(node.descriptor.artifactType ?? node.descriptor.mediaType)}\`\n\nDigest: \`${esc(node.descriptor.digest)}\``);
        item.contextValue = 'referrer';
        item.command = { command: 'shipshape.registry.inspectManifest', title: 'Inspect Manifest', arguments: [node] };
        return item;
      }
      case 'loadMore': {
        const item = new vscode.TreeItem('Load more…', C.None);
        item.id = node.id;
        item.iconPath = new vscode.ThemeIcon('ellipsis');
        item.command = { command: 'shipshape.registry.loadMore', title: 'Load more', arguments: [node] };
        item.contextValue = 'loadMore';
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(node.message, C.None);
        item.id = node.id;
        item.iconPath = new vscode.ThemeIcon(node.error ? 'error' : 'info');
        item.tooltip = node.message;
        item.contextValue = node.error ? 'error' : 'message';
        if (node.command) item.command = { ...node.command };
        else if (node.retry) item.command = { command: 'shipshape.registry.retry', title: 'Retry', arguments: [node] };
        return item;
      }
    }
  }

  /** Hover on a tag: fetch its details once (cached) for the tooltip. */
  async resolveTreeItem(item: vscode.TreeItem, node: ExplorerNode): Promise<vscode.TreeItem> {
    if (node.kind !== 'tag') return item;
    try {
      const hadDetails = Boolean(node.details);
      await this.tagDetails(node);
      item.tooltip = tagTooltip(node);
      if (!hadDetails) setTimeout(() => this.changed.fire(node), 0);
    } catch (error) {
      item.tooltip = error instanceof Error ? error.message : String(error);
    }
    return item;
  }
}

function nodeName(node: ExplorerNode): string {
  return node.kind === 'tag' ? node.tag.name : node.kind === 'repository' || node.kind === 'project' ? node.name : '';
}

function emptyText(node: PagedNode): string {
  if (node.kind === 'repository') return 'no tags';
  if (node.kind === 'registry' && node.provider.hasProjects) return 'no projects visible to this account';
  return 'no repositories';
}

function tagDate(node: TagNode): string | undefined {
  return node.tag.date ?? node.details?.created;
}

function tagDescription(node: TagNode): string {
  const digest = node.tag.digest ?? node.details?.digest;
  const size = node.tag.size ?? node.details?.size;
  const parts = [shortDigest(digest), size ? formatSize(size) : '', formatAge(tagDate(node))];
  if (node.tag.scan?.severity) parts.push(`${node.tag.scan.severity} (${node.tag.scan.total ?? 0})`);
  if (node.badge) parts.push(node.badge.label);
  else if (node.tag.accessories?.some((a) => /sig/.test(a.type))) parts.push('signed');
  return parts.filter(Boolean).join(' · ');
}

function tagTooltip(node: TagNode): vscode.MarkdownString {
  const d = node.details;
  const lines = [`**${esc(node.registry.provider.client.host)}/${esc(node.repository.name)}:${esc(node.tag.name)}**`];
  const digest = d?.digest ?? node.tag.digest;
  if (digest) lines.push(`Digest: \`${esc(digest)}\``);
  if (d?.mediaType ?? node.tag.mediaType) lines.push(`Media type: \`${esc(d?.mediaType ?? node.tag.mediaType ?? '')}\``);
  const platforms = d?.platforms.map((p) => p.platform) ?? node.tag.platforms;
  if (platforms?.length) lines.push(`Platforms: ${platforms.map(esc).join(', ')}`);
  if (d?.layers !== undefined) lines.push(`Layers: ${d.layers}`);
  const size = d?.size ?? node.tag.size;
  if (size) lines.push(`Size: ${formatSize(size)}${d?.isIndex ? ' (first platform)' : ''}`);
  const date = tagDate(node);
  if (date) lines.push(`Created: ${esc(date)} (${formatAge(date)})`);
  const labels = Object.entries(d?.labels ?? {});
  if (labels.length) lines.push('Labels:\n' + labels.slice(0, 20).map(([k, v]) => `- \`${esc(k)}\`: ${esc(v)}`).join('\n'));
  if (node.tag.labels?.length) lines.push(`Harbor labels: ${node.tag.labels.map(esc).join(', ')}`);
  if (node.badge) lines.push(`Signature: ${esc(node.badge.label)} — ${esc(node.badge.detail)}`);
  if (node.tag.scan) lines.push(`Scan: ${esc(node.tag.scan.status ?? '')} ${esc(node.tag.scan.severity ?? '')} — ${Object.entries(node.tag.scan.counts ?? {}).map(([k, v]) => `${esc(k)} ${v}`).join(', ')}`);
  return new vscode.MarkdownString(lines.join('\n\n'));
}

function attachmentLabel(type: string): string {
  if (/sigstore\.bundle|signature|cosign|\.sig/i.test(type)) return `signature (${type})`;
  if (/spdx|cyclonedx|sbom/i.test(type)) return `SBOM (${type})`;
  if (/in-toto|attestation|provenance/i.test(type)) return `attestation (${type})`;
  return type || 'artifact';
}

/** Escapes registry-provided text for Markdown tooltips (no HTML, no links, no command URIs). */
export function esc(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>&~$]/g, (c) => `\\${c}`);
}

