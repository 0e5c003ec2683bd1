import { get as httpGet, type ClientRequest } from 'node:http';
import type { FakeKubeApiServer, KubeObject } from './types';

/** Helpers for this package's tests: plain HTTP, so they test the wire protocol. */

export interface Response {
  status: number;
  headers: Headers;
  body: any;
}

export async function getJson(
  server: FakeKubeApiServer,
  path: string,
  token: string | null = server.token,
): Promise<Response> {
  const response = await fetch(`${server.url}${path}`, {
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON; the test sees the text
  }
  return { status: response.status, headers: response.headers, body };
}

/** Every item of a list, following continue tokens. */
export async function listAll(
  server: FakeKubeApiServer,
  path: string,
  limit: number,
): Promise<{ items: any[]; pages: number }> {
  const items: any[] = [];
  let pages = 0;
  let token: string | undefined;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const page = await getJson(
      server,
      `${path}${separator}limit=${limit}${
        token ? `&continue=${encodeURIComponent(token)}` : ''
      }`,
    );
    if (page.status !== 200) {
      throw new Error(`${path} answered ${page.status}`);
    }
    items.push(...page.body.items);
    pages++;
    token = page.body.metadata.continue;
  } while (token);
  return { items, pages };
}

export interface WatchEvent {
  type: string;
  object: any;
}

export interface OpenWatch {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  events: WatchEvent[];
  /** Resolves with the first event (from the start) that satisfies the predicate. */
  waitFor(
    predicate: (event: WatchEvent) => boolean,
    timeoutMs?: number,
  ): Promise<WatchEvent>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

export function openWatch(
  server: FakeKubeApiServer,
  path: string,
): Promise<OpenWatch> {
  return new Promise((resolve, reject) => {
    const events: WatchEvent[] = [];
    const waiters = new Set<() => void>();
    let request: ClientRequest | undefined = undefined;
    let resolveEnded: () => void;
    const ended = new Promise<void>(r => {
      resolveEnded = r;
    });
    request = httpGet(
      `${server.url}${path}`,
      { headers: { authorization: `Bearer ${server.token}` } },
      response => {
        let buffer = '';
        response.setEncoding('utf8');
        response.on('data', chunk => {
          buffer += chunk;
          let newline = buffer.indexOf('\n');
          while (newline >= 0) {
            events.push(JSON.parse(buffer.slice(0, newline)));
            buffer = buffer.slice(newline + 1);
            newline = buffer.indexOf('\n');
          }
          waiters.forEach(check => check());
        });
        response.on('end', () => resolveEnded());
        response.on('close', () => resolveEnded());
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          events,
          ended,
          close: () => request?.destroy(),
          waitFor: (predicate, timeoutMs = 10_000) =>
            new Promise((found, fail) => {
              let timer: NodeJS.Timeout | undefined = undefined;
              const check = () => {
                const event = events.find(predicate);
                if (event) {
                  waiters.delete(check);
                  clearTimeout(timer);
                  found(event);
                }
              };
              timer = setTimeout(() => {
                waiters.delete(check);
                fail(
                  new Error(
                    `no matching watch event within ${timeoutMs} ms; got ${JSON.stringify(
                      events.map(e => `${e.type} ${e.object?.metadata?.name}`),
                    )}`,
                  ),
                );
              }, timeoutMs);
              waiters.add(check);
              check();
            }),
        });
      },
    );
    request.on('error', reject);
  });
}

export const pod = (
  namespace: string,
  name: string,
  labels: Record<string, string> = {},
): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace, labels },
  spec: { containers: [{ name: 'app', image: 'registry.example.com/app:1' }] },
  status: { phase: 'Running' },
});

export const namespace = (name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name },
});

export const sleep = (ms: number) =>
  new Promise(resolve => setTimeout(resolve, ms));
