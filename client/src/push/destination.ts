// Asks where an image goes: a quick pick over recent destinations and the explorer's registries
// (or another host), then repository:tag. Choices are remembered (globalState; no secrets).
import * as vscode from 'vscode';
import { formatReference, parseImageReference } from '../../../server/src/image/reference';
import { knownRegistryHosts } from './access';

export interface Destination { registry: string; repository: string; tag: string; text: string }

const RECENT_KEY = 'shipshape.push.recentDestinations';
const MAX_RECENT = 8;

export function recentDestinations(context: vscode.ExtensionContext): string[] {
  return context.globalState.get<string[]>(RECENT_KEY, []);
}

export async function rememberDestination(context: vscode.ExtensionContext, text: string): Promise<void> {
  const list = [text, ...recentDestinations(context).filter((t) => t !== text)].slice(0, MAX_RECENT);
  await context.globalState.update(RECENT_KEY, list);
}

function toDestination(text: string): Destination | string {
  const parsed = parseImageReference(text.trim());
  if (!parsed.ok) return parsed.error;
  if (parsed.reference.digest) return 'the destination needs a tag, not a digest';
  const tag = parsed.reference.tag ?? 'latest';
  const { registry, repository } = parsed.reference;
  return { registry, repository, tag, text: formatReference({ registry, repository, tag }) };
}

interface HostItem extends vscode.QuickPickItem { host?: string; recent?: string; other?: boolean }

export async function askDestination(context: vscode.ExtensionContext, options: { title: string; registry?: string; suggestedRepository?: string; suggestedTag?: string; output?: vscode.OutputChannel }): Promise<Destination | undefined> {
  const recent = recentDestinations(context);
  if (options.registry) return askRepository(context, options.registry, recent, options);
  const items: HostItem[] = [];
  if (recent.length) {
    items.push({ label: 'Recent', kind: vscode.QuickPickItemKind.Separator });
    for (const r of recent) items.push({ label: `$(history) ${r}`, recent: r });
  }
  const hosts = knownRegistryHosts(options.output);
  if (hosts.length) {
    items.push({ label: 'Registries', kind: vscode.QuickPickItemKind.Separator });
    for (const host of hosts) items.push({ label: `$(database) ${host}`, host });
  }
  items.push({ label: '$(add) Other registry…', other: true });
  const picked = await vscode.window.showQuickPick(items, { title: options.title, placeHolder: 'Target registry (or a recent destination)', ignoreFocusOut: true });
  if (!picked) return undefined;

  let host = picked.host;
  if (picked.recent) {
    const recentChoice = toDestination(picked.recent);
    if (typeof recentChoice !== 'string') {
      // A recent destination is a starting point: the tag usually changes.
      host = recentChoice.registry;
      options = { ...options, suggestedRepository: options.suggestedRepository ?? recentChoice.repository, suggestedTag: options.suggestedTag ?? recentChoice.tag };
    }
  }
  if (picked.other || !host) {
    host = (await vscode.window.showInputBox({
      title: options.title, prompt: 'Registry host[:port], e.g. ghcr.io, registry.example.com:5000', ignoreFocusOut: true,
      validateInput: (v) => (/^[a-zA-Z0-9.-]+(:\d+)?$|^\[[0-9a-fA-F:]+\](:\d+)?$/.test(v.trim()) ? undefined : 'host or host:port'),
    }))?.trim();
    if (!host) return undefined;
  }
  return askRepository(context, host, recent, options);
}

async function askRepository(context: vscode.ExtensionContext, host: string, recent: string[], options: { title: string; suggestedRepository?: string; suggestedTag?: string }): Promise<Destination | undefined> {
  const lastForHost = recent.map(toDestination).find((d): d is Destination => typeof d !== 'string' && d.registry === host);
  const repository = options.suggestedRepository ?? lastForHost?.repository ?? '';
  const tag = options.suggestedTag ?? 'latest';
  const value = await vscode.window.showInputBox({
    title: options.title,
    prompt: `Repository and tag on ${host}`,
    value: repository ? `${repository}:${tag}` : '',
    valueSelection: repository ? [repository.length + 1, repository.length + 1 + tag.length] : undefined,
    ignoreFocusOut: true,
    validateInput: (v) => {
      const d = toDestination(`${host}/${v.trim()}`);
      return typeof d === 'string' ? d : undefined;
    },
  });
  if (!value) return undefined;
  const destination = toDestination(`${host}/${value.trim()}`);
  if (typeof destination === 'string') return undefined;
  await rememberDestination(context, destination.text);
  return destination;
}
