import type { KubeObject } from './types';

const STATUS_LISTS = [
  'initContainerStatuses',
  'containerStatuses',
  'ephemeralContainerStatuses',
] as const;

interface ContainerStatus {
  image?: string;
  imageID?: string;
  [k: string]: unknown;
}

/** `host/repo:tag` → `host/repo`; a digest reference keeps its name part. */
function repositoryOf(image: string): string {
  const name = image.split('@')[0];
  const lastSlash = name.lastIndexOf('/');
  const tagColon = name.indexOf(':', lastSlash + 1);
  return tagColon === -1 ? name : name.slice(0, tagColon);
}

/**
 * The objects with every Pod container status whose `image` is a key of
 * `digests` reporting that digest as its `imageID`, the way the kubelet
 * reports what it pulled. Other objects and containers are returned as they
 * are; the input is not changed.
 */
export function pinImageDigests(
  objects: KubeObject[],
  digests: ReadonlyMap<string, string>,
): KubeObject[] {
  return objects.map(object => {
    const status = object.status as
      | Partial<Record<(typeof STATUS_LISTS)[number], ContainerStatus[]>>
      | undefined;
    if (object.kind !== 'Pod' || !status) return object;
    const pinned = { ...status };
    for (const list of STATUS_LISTS) {
      const statuses = status[list];
      if (!Array.isArray(statuses)) continue;
      pinned[list] = statuses.map(container => {
        const digest = container.image && digests.get(container.image);
        return digest
          ? {
              ...container,
              imageID: `${repositoryOf(container.image!)}@${digest}`,
            }
          : container;
      });
    }
    const changed = STATUS_LISTS.some(list =>
      pinned[list]?.some((container, i) => container !== status[list]![i]),
    );
    return changed ? { ...object, status: pinned } : object;
  });
}
