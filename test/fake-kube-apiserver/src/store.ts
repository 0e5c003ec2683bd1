import { randomUUID } from 'node:crypto';
import {
  CRD_GROUP,
  CRD_KIND,
  kindKey,
  ResourceRegistry,
  splitApiVersion,
} from './resources';
import type { KubeObject, KubeObjectRef } from './types';

/** One stored object, kept serialized: lists and watches write it out as is. */
export interface StoredEntry {
  readonly group: string;
  readonly kind: string;
  /** The version the object was written in; it is served in whichever version is asked for. */
  readonly apiVersion: string;
  /** '' for cluster-scoped objects. */
  readonly namespace: string;
  readonly name: string;
  readonly labels: Record<string, string> | undefined;
  readonly uid: string;
  readonly creationTimestamp: string;
  readonly generation: number | undefined;
  readonly resourceVersion: number;
  /** The object as JSON without kind and apiVersion, which is how list items look. */
  readonly body: string;
}

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: EventType;
  resourceVersion: number;
  object: StoredEntry;
  /** The state before a MODIFIED or DELETED, so watches and snapshots can look back. */
  previous?: StoredEntry;
}

export interface ScanOptions {
  namespace?: string;
  /** Start after this position (exclusive). */
  after?: { namespace: string; name: string };
  /** Read the objects as they were at this resourceVersion. */
  atResourceVersion?: number;
}

export const compareEntries = (
  aNamespace: string,
  aName: string,
  bNamespace: string,
  bName: string,
): number => {
  if (aNamespace !== bNamespace) {
    return aNamespace < bNamespace ? -1 : 1;
  }
  if (aName !== bName) {
    return aName < bName ? -1 : 1;
  }
  return 0;
};

const positionKey = (namespace: string, name: string) => `${namespace}/${name}`;

/**
 * The objects of one kind. The namespace-then-name order etcd keys have is
 * built on first read and then kept up to date, so a bulk load of 100,000
 * pods sorts once instead of shifting the array on every insert.
 */
class KindBucket {
  readonly byKey = new Map<string, StoredEntry>();
  private sortedCache: StoredEntry[] | undefined;

  get sorted(): readonly StoredEntry[] {
    if (!this.sortedCache) {
      this.sortedCache = [...this.byKey.values()].sort((a, b) =>
        compareEntries(a.namespace, a.name, b.namespace, b.name),
      );
    }
    return this.sortedCache;
  }

  get(namespace: string, name: string): StoredEntry | undefined {
    return this.byKey.get(positionKey(namespace, name));
  }

  put(entry: StoredEntry): void {
    const key = positionKey(entry.namespace, entry.name);
    const exists = this.byKey.has(key);
    this.byKey.set(key, entry);
    if (this.sortedCache) {
      const index = lowerBound(this.sortedCache, entry.namespace, entry.name);
      if (exists) {
        this.sortedCache[index] = entry;
      } else {
        this.sortedCache.splice(index, 0, entry);
      }
    }
  }

  delete(namespace: string, name: string): void {
    if (this.byKey.delete(positionKey(namespace, name)) && this.sortedCache) {
      this.sortedCache.splice(lowerBound(this.sortedCache, namespace, name), 1);
    }
  }
}

const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Every object of the fake cluster under one global, monotonically
 * increasing resourceVersion, with a bounded history of change events that
 * serves watches and paginated lists from an older resourceVersion, as etcd
 * and the apiserver's watch cache do.
 */
export class ObjectStore {
  readonly registry = new ResourceRegistry();
  private readonly kinds = new Map<string, KindBucket>();
  private readonly listeners = new Set<(event: StoreEvent) => void>();
  private history: StoreEvent[] = [];
  private currentVersion = 0;
  private compactedVersion = 0;

  constructor(private readonly historyLimit: number) {}

  get resourceVersion(): number {
    return this.currentVersion;
  }

  /**
   * Events up to and including this resourceVersion are gone: a watch or a
   * continue token from an older resourceVersion cannot be served.
   */
  get compactedThrough(): number {
    return this.compactedVersion;
  }

  apply(object: KubeObject): KubeObject {
    return toObject(this.put(object));
  }

  /** apply without the copy it returns, for bulk loads. */
  put(object: KubeObject): StoredEntry {
    const { apiVersion, kind, metadata } = validate(object);
    const { group } = splitApiVersion(apiVersion);
    const namespace = this.namespaceOf(group, kind, metadata.namespace);
    const bucket = this.bucket(group, kind);
    const previous = bucket.get(namespace, metadata.name);
    const resourceVersion = this.currentVersion + 1;

    const { apiVersion: _a, kind: _k, metadata: _m, ...rest } = object;
    const storedMetadata: KubeObject['metadata'] = {
      ...metadata,
      uid: previous?.uid ?? metadata.uid ?? randomUUID(),
      resourceVersion: String(resourceVersion),
      creationTimestamp:
        previous?.creationTimestamp ?? metadata.creationTimestamp ?? now(),
    };
    if (namespace) {
      storedMetadata.namespace = namespace;
    } else {
      delete storedMetadata.namespace;
    }
    const generation = nextGeneration(previous, metadata.generation, rest.spec);
    if (generation !== undefined) {
      storedMetadata.generation = generation;
    }

    const entry: StoredEntry = {
      group,
      kind,
      apiVersion,
      namespace,
      name: metadata.name,
      labels: metadata.labels ? { ...metadata.labels } : undefined,
      uid: storedMetadata.uid!,
      creationTimestamp: storedMetadata.creationTimestamp!,
      generation,
      resourceVersion,
      body: JSON.stringify({ metadata: storedMetadata, ...rest }),
    };
    bucket.put(entry);
    this.currentVersion = resourceVersion;
    if (group === CRD_GROUP && kind === CRD_KIND) {
      this.registry.defineFromCrd(toObject(entry));
    }
    this.record({
      type: previous ? 'MODIFIED' : 'ADDED',
      resourceVersion,
      object: entry,
      previous,
    });
    return entry;
  }

  remove(ref: KubeObjectRef): boolean {
    const { group } = splitApiVersion(ref.apiVersion);
    const namespace = this.namespaceOf(group, ref.kind, ref.namespace);
    const bucket = this.kinds.get(kindKey(group, ref.kind));
    const previous = bucket?.get(namespace, ref.name);
    if (!bucket || !previous) {
      return false;
    }
    bucket.delete(namespace, ref.name);
    const resourceVersion = this.currentVersion + 1;
    this.currentVersion = resourceVersion;
    if (group === CRD_GROUP && ref.kind === CRD_KIND) {
      this.registry.forgetCrd(ref.name);
    }
    // As in etcd, the object a DELETED event carries has the deletion's resourceVersion.
    const body = JSON.parse(previous.body);
    body.metadata.resourceVersion = String(resourceVersion);
    this.record({
      type: 'DELETED',
      resourceVersion,
      object: { ...previous, resourceVersion, body: JSON.stringify(body) },
      previous,
    });
    return true;
  }

  get(
    group: string,
    kind: string,
    namespace: string,
    name: string,
  ): StoredEntry | undefined {
    return this.kinds.get(kindKey(group, kind))?.get(namespace, name);
  }

  all(): KubeObject[] {
    const objects: KubeObject[] = [];
    for (const bucket of this.kinds.values()) {
      for (const entry of bucket.sorted) {
        objects.push(toObject(entry));
      }
    }
    return objects;
  }

  /** The objects of a kind in namespace-then-name order, optionally as of an older resourceVersion. */
  *scan(
    group: string,
    kind: string,
    options: ScanOptions = {},
  ): Generator<StoredEntry> {
    const bucket = this.kinds.get(kindKey(group, kind));
    if (!bucket) {
      return;
    }
    const { namespace, after, atResourceVersion } = options;
    const undone =
      atResourceVersion !== undefined && atResourceVersion < this.currentVersion
        ? this.stateBefore(group, kind, atResourceVersion)
        : undefined;
    const entries =
      undone && undone.size > 0 ? mergeSnapshot(bucket, undone) : bucket.sorted;

    let index = 0;
    if (namespace !== undefined) {
      index = lowerBound(entries, namespace, '');
    }
    if (after) {
      const afterIndex = lowerBound(entries, after.namespace, after.name);
      const exact =
        afterIndex < entries.length &&
        compareEntries(
          entries[afterIndex].namespace,
          entries[afterIndex].name,
          after.namespace,
          after.name,
        ) === 0;
      index = Math.max(index, exact ? afterIndex + 1 : afterIndex);
    }
    for (; index < entries.length; index++) {
      const entry = entries[index];
      if (namespace !== undefined && entry.namespace !== namespace) {
        return;
      }
      yield entry;
    }
  }

  /** Every event after this resourceVersion; the caller checks compactedThrough first. */
  eventsAfter(resourceVersion: number): StoreEvent[] {
    if (this.history.length === 0) {
      return [];
    }
    // Every resourceVersion is one event, so the history is contiguous.
    const first = this.history[0].resourceVersion;
    return this.history.slice(Math.max(0, resourceVersion - first + 1));
  }

  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  compact(): void {
    this.history = [];
    this.compactedVersion = this.currentVersion;
  }

  private record(event: StoreEvent): void {
    this.history.push(event);
    if (this.history.length > this.historyLimit) {
      const dropped = this.history.splice(
        0,
        this.history.length - this.historyLimit,
      );
      this.compactedVersion = dropped[dropped.length - 1].resourceVersion;
    }
    for (const listener of this.listeners) {
      listener(event);
    }
  }

  /**
   * For the objects of a kind changed after `resourceVersion`: their state
   * back then, or null where they did not exist yet.
   */
  private stateBefore(
    group: string,
    kind: string,
    resourceVersion: number,
  ): Map<string, StoredEntry | null> {
    const undone = new Map<string, StoredEntry | null>();
    const events = this.eventsAfter(resourceVersion);
    // Walk backwards so the oldest change after the snapshot decides.
    for (let i = events.length - 1; i >= 0; i--) {
      const { object, previous } = events[i];
      if (object.group === group && object.kind === kind) {
        undone.set(
          positionKey(object.namespace, object.name),
          previous ?? null,
        );
      }
    }
    return undone;
  }

  private bucket(group: string, kind: string): KindBucket {
    const key = kindKey(group, kind);
    let bucket = this.kinds.get(key);
    if (!bucket) {
      bucket = new KindBucket();
      this.kinds.set(key, bucket);
    }
    return bucket;
  }

  private namespaceOf(
    group: string,
    kind: string,
    namespace: string | undefined,
  ): string {
    const namespaced = this.registry.isNamespaced(group, kind);
    if (namespaced === false) {
      return '';
    }
    // Like `kubectl apply`, a namespaced object without a namespace lands in default.
    return namespace || (namespaced ? 'default' : '');
  }
}

function validate(object: KubeObject): KubeObject {
  if (
    typeof object?.apiVersion !== 'string' ||
    typeof object.kind !== 'string' ||
    typeof object.metadata?.name !== 'string' ||
    object.metadata.name === ''
  ) {
    throw new Error(
      `Not a Kubernetes object (needs apiVersion, kind and metadata.name): ${JSON.stringify(
        object,
      )?.slice(0, 200)}`,
    );
  }
  return object;
}

/** metadata.generation counts spec changes, as kube-apiserver does for objects that have one. */
function nextGeneration(
  previous: StoredEntry | undefined,
  requested: unknown,
  spec: unknown,
): number | undefined {
  if (previous?.generation === undefined) {
    return typeof requested === 'number' ? requested : undefined;
  }
  const previousSpec = JSON.stringify(JSON.parse(previous.body).spec);
  return previousSpec === JSON.stringify(spec)
    ? previous.generation
    : previous.generation + 1;
}

export function toObject(entry: StoredEntry): KubeObject {
  return {
    apiVersion: entry.apiVersion,
    kind: entry.kind,
    ...JSON.parse(entry.body),
  };
}

function lowerBound(
  entries: readonly StoredEntry[],
  namespace: string,
  name: string,
): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const entry = entries[mid];
    if (compareEntries(entry.namespace, entry.name, namespace, name) < 0) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return low;
}

/** The bucket's entries with the undone changes applied, still sorted. */
function mergeSnapshot(
  bucket: KindBucket,
  undone: Map<string, StoredEntry | null>,
): readonly StoredEntry[] {
  const restored = [...undone.entries()]
    .filter(([key, entry]) => entry !== null && !bucket.byKey.has(key))
    .map(([, entry]) => entry!)
    .sort((a, b) => compareEntries(a.namespace, a.name, b.namespace, b.name));
  const merged: StoredEntry[] = [];
  let r = 0;
  for (const current of bucket.sorted) {
    while (
      r < restored.length &&
      compareEntries(
        restored[r].namespace,
        restored[r].name,
        current.namespace,
        current.name,
      ) < 0
    ) {
      merged.push(restored[r++]);
    }
    const key = positionKey(current.namespace, current.name);
    if (undone.has(key)) {
      const before = undone.get(key);
      if (before) {
        merged.push(before);
      }
    } else {
      merged.push(current);
    }
  }
  while (r < restored.length) {
    merged.push(restored[r++]);
  }
  return merged;
}
