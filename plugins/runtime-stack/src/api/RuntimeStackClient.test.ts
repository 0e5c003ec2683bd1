import { ResponseError } from '@backstage/errors';
import { mockApis } from '@backstage/frontend-test-utils';
import { registerStrictMswTestHooks } from '../__testUtils__/msw';
import {
  defaultLayerModel,
  type Exemption,
} from '@internal/backstage-plugin-runtime-stack-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { RuntimeStackClient } from './RuntimeStackClient';

const baseUrl = 'http://backstage.test/api/runtime-stack';

describe('RuntimeStackClient', () => {
  const server = setupServer();
  registerStrictMswTestHooks(server);

  const newClient = (layerModelTtlMs?: number) =>
    new RuntimeStackClient({
      discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
      fetchApi: { fetch: (input, init) => fetch(input, init) },
      layerModelTtlMs,
    });
  const client = newClient();

  it('fetches the layer model from the plugin base URL', async () => {
    server.use(
      http.get(`${baseUrl}/layers`, () => HttpResponse.json(defaultLayerModel)),
    );
    await expect(client.getLayerModel()).resolves.toEqual(defaultLayerModel);
  });

  it('asks for the layer model once for every view within its lifetime, and again after it', async () => {
    let requests = 0;
    server.use(
      http.get(`${baseUrl}/layers`, () => {
        requests += 1;
        return HttpResponse.json(defaultLayerModel);
      }),
    );
    const cached = newClient(60_000);
    const now = jest.spyOn(Date, 'now').mockReturnValue(1_000_000);
    try {
      const [a, b] = await Promise.all([
        cached.getLayerModel(),
        cached.getLayerModel(),
      ]);
      await cached.getLayerModel();
      expect(a).toEqual(defaultLayerModel);
      expect(b).toBe(a);
      expect(requests).toBe(1);

      now.mockReturnValue(1_000_000 + 60_000);
      await cached.getLayerModel();
      expect(requests).toBe(2);
    } finally {
      now.mockRestore();
    }
  });

  it('does not keep a failed answer of the layer model', async () => {
    let fail = true;
    server.use(
      http.get(`${baseUrl}/layers`, () =>
        fail
          ? HttpResponse.json(
              {
                error: { name: 'Error', message: 'starting up' },
                request: { method: 'GET', url: '/layers' },
                response: { statusCode: 503 },
              },
              { status: 503 },
            )
          : HttpResponse.json(defaultLayerModel),
      ),
    );
    const fresh = newClient();
    await expect(fresh.getLayerModel()).rejects.toThrow(/503/);
    fail = false;
    await expect(fresh.getLayerModel()).resolves.toEqual(defaultLayerModel);
  });

  it('fetches the requirement profiles the backend resolved', async () => {
    const served = {
      profiles: [{ id: 'gold', title: 'Gold', required: ['layer-4'] }],
      defaultProfile: 'gold',
    };
    server.use(
      http.get(`${baseUrl}/profiles`, () => HttpResponse.json(served)),
    );
    await expect(client.getRequirementProfiles()).resolves.toEqual(served);
  });

  it('fetches one layer by number', async () => {
    server.use(
      http.get(`${baseUrl}/layers/:id`, ({ params }) =>
        HttpResponse.json(defaultLayerModel.layers[Number(params.id)]),
      ),
    );
    const layer = await client.getLayer(4);
    expect(layer.id).toBe(4);
  });

  it('unwraps the cluster list', async () => {
    server.use(
      http.get(`${baseUrl}/clusters`, () =>
        HttpResponse.json({
          items: [
            {
              name: 'prod-eu-1',
              stale: false,
              warnings: [],
              objectCount: 3,
              platformTools: [],
            },
          ],
        }),
      ),
    );
    await expect(client.getClusters()).resolves.toEqual([
      expect.objectContaining({ name: 'prod-eu-1', objectCount: 3 }),
    ]);
  });

  it('asks what a cluster gives a planned service with its fields in the query, leaving out a missing RuntimeClass', async () => {
    const asked: string[] = [];
    server.use(
      http.get(`${baseUrl}/coverage/planned`, ({ request }) => {
        asked.push(new URL(request.url).search);
        return HttpResponse.json({
          cluster: 'prod-eu-1',
          namespace: 'payments',
          name: 'payouts',
          stale: false,
          warnings: [],
          evidence: [],
          offered: [],
        });
      }),
    );
    await expect(
      client.getPlannedServiceEvidence({
        cluster: 'prod-eu-1',
        namespace: 'payments',
        name: 'payouts',
      }),
    ).resolves.toMatchObject({ cluster: 'prod-eu-1', evidence: [] });
    await client.getPlannedServiceEvidence({
      cluster: 'eu west',
      namespace: 'media',
      name: 'thumbs',
      runtimeClass: 'gvisor',
    });
    expect(asked).toEqual([
      '?cluster=prod-eu-1&namespace=payments&name=payouts',
      '?cluster=eu+west&namespace=media&name=thumbs&runtimeClass=gvisor',
    ]);
  });

  it('posts a planned entity to ask who will own what of it', async () => {
    let body: unknown;
    server.use(
      http.post(`${baseUrl}/ownership/planned`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({
          entityRef: 'component:default/payouts',
          scopes: [],
          capabilities: [],
        });
      }),
    );
    const entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'payouts' },
      spec: { type: 'service' },
    };
    await expect(client.getPlannedOwnership(entity)).resolves.toMatchObject({
      entityRef: 'component:default/payouts',
    });
    expect(body).toEqual({ entity });
  });

  it('checks records in requests of at most 100, answering one result per record in order', async () => {
    const bodies: Array<{ records: Array<{ owner: string }> }> = [];
    server.use(
      http.post(`${baseUrl}/ownership/check`, async ({ request }) => {
        const body = (await request.json()) as (typeof bodies)[number];
        bodies.push(body);
        return HttpResponse.json({
          results: body.records.map(record => ({
            record,
            allowed: record.owner !== 'group:default/team-150',
          })),
        });
      }),
    );
    const records = Array.from({ length: 150 }, (_, i) => ({
      scope: { kind: 'component' as const, ref: 'component:default/payouts' },
      capability: 'metrics',
      owner: `group:default/team-${i + 1}`,
      responsibility: 'operates' as const,
    }));

    const results = await client.checkOwnership(records);

    expect(bodies.map(b => b.records.length)).toEqual([100, 50]);
    expect(bodies[1]).toEqual({ records: records.slice(100) });
    expect(results.map(r => r.record)).toEqual(records);
    expect(results.filter(r => !r.allowed).map(r => r.record.owner)).toEqual([
      'group:default/team-150',
    ]);
  });

  it('asks for an entity’s clusters by its lower-cased kind, namespace and encoded name', async () => {
    let asked = '';
    server.use(
      http.get(
        `${baseUrl}/entities/:kind/:namespace/:name/clusters`,
        ({ request }) => {
          asked = new URL(request.url).pathname;
          return HttpResponse.json({
            entityRef: 'component:default/a b',
            clusters: [],
            unavailable: [],
          });
        },
      ),
    );
    await client.getEntityClusters({ kind: 'Component', name: 'a b' });
    expect(asked).toBe(
      '/api/runtime-stack/entities/component/default/a%20b/clusters',
    );
  });

  /**
   * `GET /exemptions` as the backend pages it: 200 by default, at most 1000,
   * leaving out of a page the exemptions the caller may not see while
   * counting them in `totalCount`.
   */
  const serveExemptionPages = (total: number, hidden = new Set<number>()) => {
    const asked: Array<Record<string, string>> = [];
    const exemption = (i: number): Exemption => ({
      id: `e${i}`,
      scope: { kind: 'component', ref: 'component:default/payments-api' },
      capability: 'gitops',
      reason: 'migrating',
      expiresAt: '2030-01-01T00:00:00Z',
      requestedBy: 'user:default/guest',
      grantedBy: 'user:default/guest',
      createdAt: '2025-01-01T00:00:00Z',
    });
    server.use(
      http.get(`${baseUrl}/exemptions`, ({ request }) => {
        const query = Object.fromEntries(new URL(request.url).searchParams);
        asked.push(query);
        const limit = Number(query.limit ?? 200);
        const offset = Number(query.offset ?? 0);
        if (limit > 1000) return new HttpResponse(null, { status: 400 });
        const indexes = Array.from({ length: total }, (_, i) => i)
          .slice(offset, offset + limit)
          .filter(i => !hidden.has(i));
        return HttpResponse.json({
          items: indexes.map(exemption),
          totalCount: total,
          limit,
          offset,
        });
      }),
    );
    return asked;
  };

  it('reads every page of the exemptions, keeping the filter on each', async () => {
    const asked = serveExemptionPages(2500);
    const exemptions = await client.getExemptions({ expiringWithinDays: 30 });
    expect(exemptions.map(e => e.id)).toEqual(
      Array.from({ length: 2500 }, (_, i) => `e${i}`),
    );
    expect(asked).toEqual(
      [0, 1000, 2000].map(offset => ({
        expiringWithinDays: '30',
        limit: '1000',
        offset: String(offset),
      })),
    );
  });

  it('reads on past a page that left out exemptions the caller may not see', async () => {
    const hidden = new Set(Array.from({ length: 1000 }, (_, i) => i));
    const asked = serveExemptionPages(1001, hidden);
    const exemptions = await client.getExemptions();
    expect(exemptions.map(e => e.id)).toEqual(['e1000']);
    expect(asked).toHaveLength(2);
  });

  it('asks once of a backend that does not count the exemptions', async () => {
    let requests = 0;
    server.use(
      http.get(`${baseUrl}/exemptions`, () => {
        requests += 1;
        return HttpResponse.json({ items: [] });
      }),
    );
    await expect(client.getExemptions()).resolves.toEqual([]);
    expect(requests).toBe(1);
  });

  it('throws a ResponseError carrying the backend error', async () => {
    server.use(
      http.get(`${baseUrl}/layers`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'AuthenticationError',
              message: 'Missing credentials',
            },
            request: { method: 'GET', url: '/layers' },
            response: { statusCode: 401 },
          },
          { status: 401 },
        ),
      ),
    );
    // A new client: the shared one keeps the model of the first test.
    const error = await newClient()
      .getLayerModel()
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(401);
    expect(error.body.error.message).toBe('Missing credentials');
  });

  it('gives up on a backend that does not answer, naming the call', async () => {
    let answer!: () => void;
    server.use(
      http.get(
        `${baseUrl}/clusters`,
        () =>
          new Promise<Response>(resolve => {
            answer = () => resolve(HttpResponse.json({ items: [] }));
          }),
      ),
    );
    const impatient = new RuntimeStackClient({
      discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
      fetchApi: { fetch: (input, init) => fetch(input, init) },
      requestTimeoutMs: 200,
    });
    await expect(impatient.getClusters()).rejects.toThrow(
      'The runtime-stack backend did not answer GET /clusters within 200 ms',
    );
    answer();
  });

  it('waits as long as the timeout allows', async () => {
    server.use(
      http.get(
        `${baseUrl}/clusters`,
        () =>
          new Promise<Response>(resolve =>
            setTimeout(() => resolve(HttpResponse.json({ items: [] })), 100),
          ),
      ),
    );
    const patient = new RuntimeStackClient({
      discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
      fetchApi: { fetch: (input, init) => fetch(input, init) },
      requestTimeoutMs: 5_000,
    });
    await expect(patient.getClusters()).resolves.toEqual([]);
  });
});
