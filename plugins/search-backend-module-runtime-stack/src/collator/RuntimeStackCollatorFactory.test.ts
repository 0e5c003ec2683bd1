import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  defaultLayerModel,
  defaultRequirementProfiles,
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
import type { RuntimeStackIndexableDocument } from './serviceDocument';

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
 * default model, `/profiles` with the default profiles (or `profiles`) and
 * each services request with the next handler queued for it; it records
 * every services request's `after`.
 */
async function startBackend(
  pages: Handler[],
  profiles: Handler = json({ profiles: defaultRequirementProfiles }),
) {
  const requested: Array<string | null> = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url!, 'http://localhost');
    if (url.pathname === '/api/runtime-stack/layers') {
      json(defaultLayerModel)(req, res);
      return;
    }
    if (url.pathname === '/api/runtime-stack/profiles') {
      profiles(req, res);
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
    options: {
      requestTimeoutMs?: number;
      maxRetries?: number;
      catalog?: ReturnType<typeof catalogServiceMock>;
      profiles?: Handler;
    } = {},
  ) {
    const { profiles, ...factoryOptions } = options;
    backend = await startBackend(pages, profiles);
    const { baseUrl } = backend;
    const waits: number[] = [];
    const logger = mockServices.logger.mock();
    const factory = new RuntimeStackCollatorFactory({
      discovery: {
        getBaseUrl: async () => baseUrl,
        getExternalBaseUrl: async () => baseUrl,
      },
      auth: mockServices.auth(),
      logger,
      retryBaseDelayMs: 100,
      sleep: async ms => {
        waits.push(ms);
      },
      ...factoryOptions,
    });
    const refs: string[] = [];
    const documents: RuntimeStackIndexableDocument[] = [];
    const run = (async () => {
      for await (const document of await factory.getCollator()) {
        refs.push(document.entityRef);
        documents.push(document);
      }
    })();
    return {
      run,
      refs,
      documents,
      waits,
      logger,
      requested: backend.requested,
    };
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

  describe('names in the text', () => {
    const group = (
      name: string,
      title?: string,
      displayName?: string,
    ): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name, namespace: 'default', ...(title ? { title } : {}) },
      spec: {
        type: 'team',
        children: [],
        ...(displayName ? { profile: { displayName } } : {}),
      },
    });
    const owned = (name: string, owner: string, profile = 'tier-1') =>
      ({
        ...service(name),
        owner,
        profile,
      } satisfies SearchableService);
    const ownedPage = (
      items: SearchableService[],
      nextAfter?: string,
    ): Handler => json({ items, ...(nextAfter ? { nextAfter } : {}) });

    it("uses the profile's title and the Group's display name, with one catalog request per run", async () => {
      const catalog = catalogServiceMock({
        entities: [
          group('team-payments', 'Payments team', 'Payments'),
          group('team-checkout', 'Checkout'),
          group('team-catalog'),
        ],
      });
      const getEntities = jest.spyOn(catalog, 'getEntities');
      const { run, documents } = await collate(
        [
          ownedPage(
            [owned('a', 'group:default/team-payments')],
            'component:default/a',
          ),
          ownedPage([
            owned('b', 'group:default/Team-Checkout', 'tier-2'),
            // Neither known: the profile keeps its id, the owner its name.
            owned('c', 'group:default/team-catalog', 'pci'),
            owned('d', 'user:default/jane'),
          ]),
        ],
        { catalog },
      );
      await run;
      const texts = documents.map(d => d.text);
      expect(texts[0]).toMatch(
        / under the Tier 1 \(production-critical\) profile\. .* Owned by Payments\.$/,
      );
      expect(texts[1]).toMatch(
        / under the Tier 2 \(production\) profile\. .* Owned by Checkout\.$/,
      );
      expect(texts[2]).toMatch(
        / under the pci profile\. .* Owned by team-catalog\.$/,
      );
      expect(texts[3]).toMatch(/ Owned by jane\.$/);
      // The fields keep the ids that filters match.
      expect(documents.map(d => [d.profile, d.owner])).toEqual([
        ['tier-1', 'group:default/team-payments'],
        ['tier-2', 'group:default/Team-Checkout'],
        ['pci', 'group:default/team-catalog'],
        ['tier-1', 'user:default/jane'],
      ]);
      // Two pages of services, one request for the Groups.
      expect(getEntities).toHaveBeenCalledTimes(1);
      expect(getEntities.mock.calls[0][0]).toMatchObject({
        filter: { kind: 'Group' },
      });
    });

    it('names by id when the profiles or the Groups cannot be read, and still indexes', async () => {
      const catalog = catalogServiceMock();
      jest
        .spyOn(catalog, 'getEntities')
        .mockRejectedValue(new Error('catalog down'));
      const { run, documents, logger } = await collate(
        [ownedPage([owned('a', 'group:default/team-payments')])],
        { catalog, profiles: failing(404) },
      );
      await run;
      expect(documents).toHaveLength(1);
      expect(documents[0].text).toMatch(
        / under the tier-1 profile\. .* Owned by team-payments\.$/,
      );
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringMatching(/profiles by id/),
      );
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringMatching(/catalog down/),
      );
    });
  });
});
