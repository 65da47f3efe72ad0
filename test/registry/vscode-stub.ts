// The few `vscode` API pieces the registry tree provider uses, so its paging/filter/sort/error
// logic can run in Node against real registries. Installed by `installVscodeStub()` before the
// tree module is loaded.
import Module from 'node:module';

type Listener<T> = (value: T) => void;

export class EventEmitter<T> {
  private listeners: Listener<T>[] = [];
  fired: T[] = [];
  event = (listener: Listener<T>) => { this.listeners.push(listener); return { dispose: () => undefined }; };
  fire(value: T): void { this.fired.push(value); for (const l of this.listeners) l(value); }
}

export class TreeItem {
  id?: string; description?: string; tooltip?: unknown; contextValue?: string; iconPath?: unknown; command?: unknown;
  constructor(public label: string, public collapsibleState: number) {}
}

export class ThemeIcon { constructor(public id: string) {} }
export class MarkdownString { constructor(public value: string, public supportThemeIcons?: boolean) {} }

export const stub = {
  EventEmitter, TreeItem, ThemeIcon, MarkdownString,
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  workspace: { isTrusted: true, getConfiguration: () => ({ get: () => undefined, inspect: () => undefined }) },
};

let installed = false;
export function installVscodeStub(): void {
  if (installed) return;
  installed = true;
  const mod = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
  const original = mod._load;
  mod._load = function load(request: string, parent: unknown, isMain: boolean) {
    if (request === 'vscode') return stub;
    return original.call(this, request, parent, isMain);
  };
}
