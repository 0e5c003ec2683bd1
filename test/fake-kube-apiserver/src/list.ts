import { decodeContinue, encodeContinue } from './continueToken';
import type { FieldSelector } from './fieldSelector';
import type { LabelSelector } from './labelSelector';
import { joinApiVersion, type ResourceType } from './resources';
import { listItemJson } from './serialize';
import { badRequest, expired } from './status';
import type { ObjectStore, StoredEntry } from './store';

export interface ListQuery {
  resource: ResourceType;
  /** From the path; undefined lists every namespace. */
  namespace?: string;
  labelSelector: LabelSelector;
  fieldSelector: FieldSelector;
  limit?: string;
  continueToken?: string;
}

/** A list response body, paginated the way kube-apiserver paginates reads from etcd. */
export function listJson(store: ObjectStore, query: ListQuery): string {
  const { resource, labelSelector, fieldSelector } = query;
  const limit = parseLimit(query.limit);
  const position = query.continueToken
    ? decodeContinue(query.continueToken)
    : undefined;
  if (position && position.resourceVersion > store.resourceVersion) {
    throw badRequest(
      'continue key is not valid: resourceVersion is in the future',
    );
  }
  if (position && position.resourceVersion < store.compactedThrough) {
    throw expired(
      'The provided continue parameter is too old to display a consistent list result. ' +
        'You can start a new list without the continue parameter.',
    );
  }
  // Every page of one list reads the snapshot its first page saw.
  const snapshot = position?.resourceVersion ?? store.resourceVersion;
  const namespace = resource.namespaced
    ? query.namespace ?? fieldSelector.namespace
    : undefined;
  const filtered = !labelSelector.isEmpty || !fieldSelector.isEmpty;
  const matches = (entry: StoredEntry) =>
    fieldSelector.matches(entry.namespace, entry.name) &&
    labelSelector.matches(entry.labels);

  const items: string[] = [];
  let last: StoredEntry | undefined;
  let more = false;
  let remaining = 0;
  for (const entry of store.scan(resource.group, resource.kind, {
    namespace,
    after: position?.after,
    atResourceVersion: position ? snapshot : undefined,
  })) {
    if (limit && items.length >= limit) {
      // Like the etcd-backed apiserver, a full page gets a continue token
      // whenever more keys follow, even if none of them would match.
      more = true;
      if (filtered) {
        break;
      }
      remaining++;
      continue;
    }
    if (matches(entry)) {
      items.push(listItemJson(entry, resource));
      last = entry;
    }
  }

  const metadata: Record<string, unknown> = {
    resourceVersion: String(snapshot),
  };
  if (more && last) {
    metadata.continue = encodeContinue({
      resourceVersion: snapshot,
      after: { namespace: last.namespace, name: last.name },
    });
    if (!filtered) {
      metadata.remainingItemCount = remaining;
    }
  }
  return `{"kind":${JSON.stringify(
    `${resource.kind}List`,
  )},"apiVersion":${JSON.stringify(
    joinApiVersion(resource.group, resource.version),
  )},"metadata":${JSON.stringify(metadata)},"items":[${items.join(',')}]}`;
}

function parseLimit(limit: string | undefined): number | undefined {
  if (limit === undefined || limit === '') {
    return undefined;
  }
  if (!/^-?\d+$/.test(limit)) {
    throw badRequest(`invalid value for limit: "${limit}"`);
  }
  const value = Number(limit);
  return value > 0 ? value : undefined;
}
