import { isScalar } from 'yaml';
import type { Fix } from '../../core/finding';
import { normalisedName, type ImageReference } from '../../image/reference';
import type { KubernetesContext } from '../context';
import type { ContainerView, PodSpecView } from '../podSpecs';
import { resolveNode } from '../yaml/nodes';

/**
 * "Pin to <tag>" with the release tags other manifests of the workspace already use for the
 * same image (no registry lookup needed); replaces `latest` or appends the tag.
 */
export function pinTagFixes(context: KubernetesContext, pod: PodSpecView, container: ContainerView, ref: ImageReference): Fix[] | undefined {
  const image = container.image;
  const value = resolveNode(container.imagePair?.value, pod.doc);
  if (!image || !isScalar(value) || !value.range) return undefined;
  const tags = context.workspace.knownTags(normalisedName(ref)).slice(0, 3);
  if (tags.length === 0) return undefined;
  const source = pod.object.source;
  const raw = source.text.slice(value.range[0], value.range[1]);
  const at = raw.indexOf(image);
  if (at < 0) return undefined;
  const imageStart = source.start + value.range[0] + at;
  // Replace the written tag (`latest`), or insert `:tag` after the name.
  const from = ref.tagOffset !== undefined ? imageStart + ref.tagOffset - 1 : imageStart + (ref.digestOffset !== undefined ? ref.digestOffset - 1 : image.length);
  const to = ref.tagOffset !== undefined ? imageStart + ref.tagOffset + (ref.tag?.length ?? 0) : from;
  const range = { start: context.file.lines.position(from), end: context.file.lines.position(to) };
  return tags.map((tag, i) => ({ title: `Pin to ${tag} (used elsewhere in the workspace)`, preferred: i === 0, edits: [{ range, newText: `:${tag}` }] }));
}
