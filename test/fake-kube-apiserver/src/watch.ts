import type { ServerResponse } from 'node:http';
import type { FieldSelector } from './fieldSelector';
import type { LabelSelector } from './labelSelector';
import { joinApiVersion, type ResourceType } from './resources';
import { fullObjectJson } from './serialize';
import { makeStatus, type Status } from './status';
import type { EventType, ObjectStore, StoreEvent, StoredEntry } from './store';

export interface WatchQuery {
  resource: ResourceType;
  namespace?: string;
  labelSelector: LabelSelector;
  fieldSelector: FieldSelector;
  /** undefined when the client sent none, or sent "0". */
  resourceVersion?: number;
  allowBookmarks: boolean;
  /** The streaming-list mode: initial ADDED events, then a bookmark marking their end. */
  sendInitialEvents: boolean;
  timeoutSeconds?: number;
}

const expiredStatus = (message: string): Status =>
  makeStatus(410, message, { reason: 'Expired' });

type WatchEventType = EventType | 'BOOKMARK' | 'ERROR';

/**
 * One open watch stream: newline-delimited JSON events on a chunked 200
 * response, as kube-apiserver writes them.
 */
class WatchSession {
  private readonly timers: NodeJS.Timeout[] = [];
  private ended = false;

  constructor(
    private readonly response: ServerResponse,
    private readonly query: WatchQuery,
    private readonly store: ObjectStore,
    private readonly onEnd: (session: WatchSession) => void,
  ) {
    response.on('close', () => this.end());
  }

  start(bookmarkIntervalMs: number): void {
    const { query, store } = this;
    this.response.writeHead(200, {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-cache, private',
    });
    this.response.flushHeaders();

    const replay =
      query.resourceVersion !== undefined && !query.sendInitialEvents;
    if (replay && query.resourceVersion! < store.compactedThrough) {
      // kube-apiserver answers 200 and reports the expiry as the stream's only event.
      this.fail(
        `too old resource version: ${query.resourceVersion} (${store.compactedThrough})`,
      );
      return;
    }
    if (replay) {
      for (const event of store.eventsAfter(query.resourceVersion!)) {
        this.deliver(event);
      }
    } else {
      for (const entry of store.scan(
        query.resource.group,
        query.resource.kind,
        {
          namespace: query.namespace,
        },
      )) {
        if (this.matches(entry)) {
          this.write('ADDED', fullObjectJson(entry, query.resource));
        }
      }
      if (query.sendInitialEvents && query.allowBookmarks) {
        this.bookmark({ 'k8s.io/initial-events-end': 'true' });
      }
    }

    if (query.allowBookmarks) {
      const timer = setInterval(() => this.bookmark(), bookmarkIntervalMs);
      timer.unref();
      this.timers.push(timer);
    }
    if (query.timeoutSeconds !== undefined && query.timeoutSeconds > 0) {
      const timer = setTimeout(() => this.end(), query.timeoutSeconds * 1000);
      timer.unref();
      this.timers.push(timer);
    }
  }

  deliver(event: StoreEvent): void {
    const { object, previous } = event;
    const { resource } = this.query;
    if (object.group !== resource.group || object.kind !== resource.kind) {
      return;
    }
    // A watch from a resourceVersion the cluster has not reached yet starts there.
    if (
      this.query.resourceVersion !== undefined &&
      event.resourceVersion <= this.query.resourceVersion
    ) {
      return;
    }
    const matchesNow = this.matches(object);
    let type: EventType | undefined = matchesNow ? event.type : undefined;
    // A selector watch sees objects enter and leave its selection as additions and deletions.
    if (event.type === 'MODIFIED' && previous) {
      const matchedBefore = this.matches(previous);
      if (matchedBefore && !matchesNow) {
        type = 'DELETED';
      } else if (!matchedBefore && matchesNow) {
        type = 'ADDED';
      }
    }
    if (type) {
      this.write(type, fullObjectJson(object, resource));
    }
  }

  /** Reports the watch as expired and ends it, as when its resourceVersion is compacted away. */
  fail(message: string): void {
    this.write('ERROR', JSON.stringify(expiredStatus(message)));
    this.end();
  }

  end(): void {
    if (this.ended) {
      return;
    }
    this.ended = true;
    this.timers.forEach(timer => clearTimeout(timer));
    if (!this.response.writableEnded) {
      this.response.end();
    }
    this.onEnd(this);
  }

  private bookmark(annotations?: Record<string, string>): void {
    const { resource } = this.query;
    const metadata: Record<string, unknown> = {
      resourceVersion: String(this.store.resourceVersion),
    };
    if (annotations) {
      metadata.annotations = annotations;
    }
    this.write(
      'BOOKMARK',
      JSON.stringify({
        kind: resource.kind,
        apiVersion: joinApiVersion(resource.group, resource.version),
        metadata,
      }),
    );
  }

  private matches(entry: StoredEntry): boolean {
    const { namespace, fieldSelector, labelSelector } = this.query;
    return (
      (namespace === undefined || entry.namespace === namespace) &&
      fieldSelector.matches(entry.namespace, entry.name) &&
      labelSelector.matches(entry.labels)
    );
  }

  private write(type: WatchEventType, objectJson: string): void {
    if (!this.ended && !this.response.writableEnded) {
      this.response.write(`{"type":"${type}","object":${objectJson}}\n`);
    }
  }
}

/** The open watches, fed from the store's change events. */
export class WatchHub {
  private readonly sessions = new Set<WatchSession>();

  constructor(
    private readonly store: ObjectStore,
    private readonly bookmarkIntervalMs: number,
  ) {
    store.subscribe(event => {
      for (const session of this.sessions) {
        session.deliver(event);
      }
    });
  }

  get size(): number {
    return this.sessions.size;
  }

  open(response: ServerResponse, query: WatchQuery): void {
    const session = new WatchSession(response, query, this.store, ended =>
      this.sessions.delete(ended),
    );
    this.sessions.add(session);
    session.start(this.bookmarkIntervalMs);
  }

  expireAll(): void {
    for (const session of [...this.sessions]) {
      session.fail('The resourceVersion for the provided watch is too old.');
    }
  }

  closeAll(): void {
    for (const session of [...this.sessions]) {
      session.end();
    }
  }
}
