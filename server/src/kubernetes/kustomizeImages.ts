// The `images:` entries of a kustomization file, with their pairs for exact ranges.
import type { Pair } from 'yaml';
import { isKustomizationPath } from '../workspace/extract';
import type { KubernetesContext } from './context';
import type { SourceDocument } from './yaml/documents';
import { getPair, resolveNode, scalarString, seqItems } from './yaml/nodes';

export interface KustomizeImageEntry {
  source: SourceDocument;
  name?: string;
  newName?: { pair: Pair; value: string };
  newTag?: { pair: Pair; value: string };
  digest?: { pair: Pair; value: string };
}

export function kustomizeImageEntries(context: KubernetesContext): KustomizeImageEntry[] {
  if (!isKustomizationPath(context.file.path)) return [];
  const entries: KustomizeImageEntry[] = [];
  for (const source of context.file.documents) {
    const doc = source.document;
    for (const item of seqItems(getPair(doc.contents, 'images', doc)?.value, doc)) {
      const field = (key: string) => {
        const pair = getPair(item, key, doc);
        const value = pair ? scalarString(resolveNode(pair.value, doc)) : undefined;
        return pair && value !== undefined ? { pair, value } : undefined;
      };
      entries.push({ source, name: field('name')?.value, newName: field('newName'), newTag: field('newTag'), digest: field('digest') });
    }
  }
  return entries;
}
