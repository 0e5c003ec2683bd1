import { mockServices } from '@backstage/backend-test-utils';
import {
  defaultLayerModel,
  type SearchableService,
  type SearchableServicePage,
} from '@internal/backstage-plugin-runtime-stack-common';
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { RuntimeStackCollatorFactory } from './RuntimeStackCollatorFactory';

const service = (name: string): SearchableService => ({
  entityRef: `component:default/${name}`,
  profile: 'tier-1',
  required: 1,
  covered: 1,
  partial: 0,
  ratio: 1,
  gapCount: 0,
  exemptCount: 0,
  evaluatedAt: '2026-12-05T10:00:00.000Z',
  tools: [],
  gaps: [],
});

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const json = (body: unknown, status = 200, headers = {}): Handler => {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
};

const failing =
  (status: number, headers = {}): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify({ error: { name: 'Error', message: 'busy' } }));
  };

/** Closes the connection without an answer, as a restarting backend does. */
const dropped: Handler = req => req.socket.destroy();

/**
 * A runtime-stack backend on a real port answering `/layers` with the
 * default model and each services request with the next handler queued for
 * it; it records every services request's `after`.
 */
async function startBackend(pages: Handler[]) {
  const requested: Array<string | null> = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url!, 'http://localhost');
    if (url.pathname === '/api/runtime-stack/layers') {
      json(defaultLayerModel)(req, res);
      return;
    }
    requested.push(url.searchParams.get('after'));
    const next = pages.shift();
    if (next) next(req, res);
    else failing(404)(req, res);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api/runtime-stack`,
    requested,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('RuntimeStackCollatorFactory', () => {
  let backend: Awaited<ReturnType<typeof startBackend>> | undefined;
  afterEach(() => backend?.close());

  async function collate(
    pages: Handler[],
    options: { requestTimeoutMs?: number } = {},
  ) {
    backend = await startBackend(pages);
    const { baseUrl } = backend;
    const waits: number[] = [];
    const factory = new RuntimeStackCollatorFactory({
      discovery: {
        getBaseUrl: async () => baseUrl,
        getExternalBaseUrl: async () => baseUrl,
      },
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      retryBaseDelayMs: 100,
      sleep: async ms => {
        waits.push(ms);
      },
      ...options,
    });
    const refs: string[] = [];
    const run = (async () => {
      for await (const document of await factory.getCollator()) {
        refs.push(document.entityRef);
      }
    })();
    return { run, refs, waits, requested: backend.requested };
  }

  const page = (names: string[], nextAfter?: string): Handler =>
    json({
      items: names.map(service),
      ...(nextAfter ? { nextAfter } : {}),
    } satisfies SearchableServicePage);

  it('retries a page after a 5xx, a 429 and a dropped connection, with backoff and Retry-After', async () => {
    const { run, refs, waits, requested } = await collate([
      page(['a', 'b'], 'component:default/b'),
      failing(503),
      failing(429, { 'retry-after': '2' }),
      dropped,
      page(['c']),
    ]);
    await run;
    expect(refs).toEqual([
      'component:default/a',
      'component:default/b',
      'component:default/c',
    ]);
    // The same page asked again, not the run started over.
    expect(requested).toEqual([
      null,
      'component:default/b',
      'component:default/b',
      'component:default/b',
      'component:default/b',
    ]);
    expect(waits).toHaveLength(3);
    // Doubling from the base, with at most a quarter more of jitter.
    expect(waits[0]).toBeGreaterThanOrEqual(100);
    expect(waits[0]).toBeLessThanOrEqual(125);
    expect(waits[1]).toBe(2000);
    expect(waits[2]).toBeGreaterThanOrEqual(400);
    expect(waits[2]).toBeLessThanOrEqual(500);
  });

  it('retries a request that times out', async () => {
    const { run, refs, waits } = await collate([() => {}, page(['a'])], {
      requestTimeoutMs: 200,
    });
    await run;
    expect(refs).toEqual(['component:default/a']);
    expect(waits).toHaveLength(1);
  });

  it('gives up after three retries, with the last error', async () => {
    const { run, waits, requested } = await collate([
      failing(502),
      failing(503),
      failing(500),
      failing(504),
      page(['never']),
    ]);
    await expect(run).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 504,
    });
    expect(requested).toHaveLength(4);
    expect(waits).toHaveLength(3);
  });

  it('does not retry what asking again will not change', async () => {
    const { run, waits, requested } = await collate([
      failing(403),
      page(['never']),
    ]);
    await expect(run).rejects.toMatchObject({ statusCode: 403 });
    expect(requested).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('fails now when the backend asks to wait longer than a run should', async () => {
    const { run, waits } = await collate([
      failing(429, { 'retry-after': '600' }),
      page(['never']),
    ]);
    await expect(run).rejects.toMatchObject({ statusCode: 429 });
    expect(waits).toEqual([]);
  });

  it('stops with an error when the next page does not move on', async () => {
    const { run, refs, requested } = await collate([
      page(['a', 'b'], 'component:default/b'),
      page(['c'], 'component:default/b'),
      page(['c'], 'component:default/b'),
    ]);
    await expect(run).rejects.toThrow(
      /after component:default\/b points back to component:default\/b/,
    );
    expect(refs).toEqual([
      'component:default/a',
      'component:default/b',
      'component:default/c',
    ]);
    expect(requested).toHaveLength(2);
  });
});
