import type { ResourceType } from './resources';
import { joinApiVersion } from './resources';
import type { StoredEntry } from './store';

/**
 * An object in full, with kind and apiVersion, in the version it was asked
 * for: the stored JSON is spliced rather than re-serialized, which keeps
 * large lists and watches cheap.
 */
export function fullObjectJson(
  entry: StoredEntry,
  resource: ResourceType,
): string {
  const head = `{"kind":${JSON.stringify(
    resource.kind,
  )},"apiVersion":${JSON.stringify(
    joinApiVersion(resource.group, resource.version),
  )}`;
  return entry.body === '{}' ? `${head}}` : `${head},${entry.body.slice(1)}`;
}

/**
 * Items of a built-in list leave out kind and apiVersion, as kube-apiserver's
 * typed lists do; custom resources are unstructured and keep them.
 */
export function listItemJson(
  entry: StoredEntry,
  resource: ResourceType,
): string {
  return resource.custom ? fullObjectJson(entry, resource) : entry.body;
}
