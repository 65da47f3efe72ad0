// Small shared pieces of the Kubernetes rules.
import type { ImageReference } from '../../image/reference';
import type { KubernetesContext } from '../context';
import type { ContainerView, PodSpecView } from '../podSpecs';
import { isTemplated } from '../yaml/helm';

export interface ContainerSite { pod: PodSpecView; container: ContainerView }

export function* containerSites(context: KubernetesContext): Generator<ContainerSite> {
  for (const pod of context.pods) for (const container of pod.containers) yield { pod, container };
}

/** Placeholders of other templating tools (`${IMAGE}`, `$(TAG)`, `<IMAGE>`): never judged. */
export function looksTemplated(text: string | undefined): boolean {
  return text !== undefined && (isTemplated(text) || /\$\{|\$\(|\$[A-Za-z_]|<[A-Za-z_-]+>/.test(text));
}

/** The effective, parsed reference of a container, when it parses and is not templated. */
export function containerReference(context: KubernetesContext, container: ContainerView): ImageReference | undefined {
  if (looksTemplated(container.image)) return undefined;
  const image = context.imageOf(container);
  return image?.parsed.ok ? image.effective : undefined;
}
