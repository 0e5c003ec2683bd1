import { startFakeKubeApiServer } from './server';
import { getJson, namespace, pod } from './testUtils';
import type { FakeKubeApiServer } from './types';

describe('auth, authorization and injected failures', () => {
  let server: FakeKubeApiServer;

  beforeEach(async () => {
    server = await startFakeKubeApiServer({
      token: 'secret-token',
      forbidden: ['networkpolicies.networking.k8s.io'],
      objects: [namespace('checkout'), pod('checkout', 'web-1')],
    });
  });

  afterEach(() => server.close());

  it('answers 401 without the bearer token, on every path', async () => {
    for (const token of [null, 'wrong-token']) {
      for (const path of ['/api/v1/pods', '/version', '/apis']) {
        const response = await getJson(server, path, token);
        expect(response.status).toBe(401);
        expect(response.body).toEqual({
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: 'Unauthorized',
          reason: 'Unauthorized',
          code: 401,
        });
      }
    }
    expect((await getJson(server, '/api/v1/pods')).status).toBe(200);
  });

  it('answers 403 for forbidden resources, and setForbidden changes them', async () => {
    const denied = await getJson(
      server,
      '/apis/networking.k8s.io/v1/networkpolicies',
    );
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({
      kind: 'Status',
      reason: 'Forbidden',
      code: 403,
      details: { group: 'networking.k8s.io', kind: 'networkpolicies' },
    });
    expect(denied.body.message).toMatch(
      /^networkpolicies\.networking\.k8s\.io is forbidden: User ".+" cannot list resource "networkpolicies" in API group "networking\.k8s\.io" at the cluster scope$/,
    );

    server.setForbidden(['pods']);
    expect(
      (await getJson(server, '/apis/networking.k8s.io/v1/networkpolicies'))
        .status,
    ).toBe(200);
    const pods = await getJson(server, '/api/v1/namespaces/checkout/pods');
    expect(pods.status).toBe(403);
    expect(pods.body.message).toContain('in the namespace "checkout"');
  });

  it('fails the next N requests with 500 and a Status', async () => {
    server.failNext(2);
    const first = await getJson(server, '/api/v1/pods');
    const second = await getJson(server, '/api/v1/namespaces');
    const third = await getJson(server, '/api/v1/pods');
    expect([first.status, second.status, third.status]).toEqual([
      500, 500, 200,
    ]);
    expect(first.body).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'InternalError',
      code: 500,
    });
  });

  it('throttles as kube-apiserver does, in plain text with Retry-After: 1, only on matching paths', async () => {
    server.failNext(1, 429, '/pods');
    const other = await getJson(server, '/api/v1/namespaces');
    expect(other.status).toBe(200);
    const throttled = await getJson(server, '/api/v1/pods');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('1');
    expect(throttled.headers.get('content-type')).toBe(
      'text/plain; charset=utf-8',
    );
    expect(throttled.body).toBe('Too many requests, please try again later.\n');
    expect((await getJson(server, '/api/v1/pods')).status).toBe(200);
  });

  it('adds latency to every response', async () => {
    server.setLatency(150);
    const started = Date.now();
    await getJson(server, '/api/v1/pods');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    server.setLatency(0);
  });

  it('records every request in order, secret reads included, with their status', async () => {
    await getJson(server, '/api/v1/pods?limit=10');
    await getJson(server, '/api/v1/namespaces/checkout/secrets');
    await getJson(server, '/api/v1/secrets', 'wrong');
    expect(server.requests.map(({ receivedAt, ...r }) => r)).toEqual([
      {
        method: 'GET',
        path: '/api/v1/pods',
        query: { limit: '10' },
        status: 200,
      },
      {
        method: 'GET',
        path: '/api/v1/namespaces/checkout/secrets',
        query: {},
        status: 200,
      },
      { method: 'GET', path: '/api/v1/secrets', query: {}, status: 401 },
    ]);
    expect(
      server.requests.filter(r => r.path.endsWith('/secrets')),
    ).toHaveLength(2);
  });

  it('serves reads only', async () => {
    const response = await fetch(
      `${server.url}/api/v1/namespaces/checkout/pods`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${server.token}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(pod('checkout', 'web-2')),
      },
    );
    expect(response.status).toBe(405);
    expect(await response.json()).toMatchObject({ reason: 'MethodNotAllowed' });
  });
});
