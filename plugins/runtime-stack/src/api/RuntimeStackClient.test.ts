import { ResponseError } from '@backstage/errors';
import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { defaultLayerModel } from '@internal/backstage-plugin-runtime-stack-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { RuntimeStackClient } from './RuntimeStackClient';

const baseUrl = 'http://backstage.test/api/runtime-stack';

describe('RuntimeStackClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new RuntimeStackClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });

  it('fetches the layer model from the plugin base URL', async () => {
    server.use(
      http.get(`${baseUrl}/layers`, () => HttpResponse.json(defaultLayerModel)),
    );
    await expect(client.getLayerModel()).resolves.toEqual(defaultLayerModel);
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
    const error = await client.getLayerModel().catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(401);
    expect(error.body.error.message).toBe('Missing credentials');
  });
});
