import { startFakeKubeApiServer } from './server';
import { getJson, listAll, namespace, pod } from './testUtils';
import type { FakeKubeApiServer } from './types';

describe('lists', () => {
  let server: FakeKubeApiServer;

  beforeEach(async () => {
    server = await startFakeKubeApiServer({
      objects: [
        namespace('checkout'),
        namespace('catalog'),
        pod('checkout', 'web-1', { app: 'web', tier: 'frontend' }),
        pod('checkout', 'web-2', { app: 'web', tier: 'frontend' }),
        pod('checkout', 'api-1', { app: 'api', tier: 'backend' }),
        pod('catalog', 'api-1', {
          app: 'api',
          tier: 'backend',
          canary: 'true',
        }),
        pod('catalog', 'worker-1', { app: 'worker' }),
      ],
    });
  });

  afterEach(() => server.close());

  const names = (items: any[]) =>
    items.map(i => `${i.metadata.namespace}/${i.metadata.name}`);

  it('lists across namespaces, sorted by namespace then name, items without kind', async () => {
    const response = await getJson(server, '/api/v1/pods');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.body).toMatchObject({
      kind: 'PodList',
      apiVersion: 'v1',
      metadata: { resourceVersion: expect.stringMatching(/^\d+$/) },
    });
    expect(response.body.metadata.continue).toBeUndefined();
    expect(names(response.body.items)).toEqual([
      'catalog/api-1',
      'catalog/worker-1',
      'checkout/api-1',
      'checkout/web-1',
      'checkout/web-2',
    ]);
    const [first] = response.body.items;
    expect(first.kind).toBeUndefined();
    expect(first.apiVersion).toBeUndefined();
    expect(first.metadata).toMatchObject({
      uid: expect.any(String),
      resourceVersion: expect.stringMatching(/^\d+$/),
      creationTimestamp: expect.stringMatching(/Z$/),
    });
  });

  it('serves every kind the Kubernetes plugin asks for, empty ones included', async () => {
    for (const path of [
      '/api/v1/namespaces/checkout/limitranges',
      '/api/v1/namespaces/checkout/resourcequotas',
      '/api/v1/namespaces/checkout/configmaps',
      '/apis/autoscaling/v2/namespaces/checkout/horizontalpodautoscalers',
    ]) {
      const response = await getJson(server, path);
      expect([path, response.status]).toEqual([path, 200]);
      expect(response.body.items).toEqual([]);
    }
  });

  it('lists one namespace', async () => {
    const response = await getJson(server, '/api/v1/namespaces/checkout/pods');
    expect(names(response.body.items)).toEqual([
      'checkout/api-1',
      'checkout/web-1',
      'checkout/web-2',
    ]);
  });

  it.each([
    ['app=web', ['checkout/web-1', 'checkout/web-2']],
    ['app==api', ['catalog/api-1', 'checkout/api-1']],
    ['tier!=frontend', ['catalog/api-1', 'catalog/worker-1', 'checkout/api-1']],
    [
      'app in (web,worker)',
      ['catalog/worker-1', 'checkout/web-1', 'checkout/web-2'],
    ],
    ['app notin (web,worker)', ['catalog/api-1', 'checkout/api-1']],
    ['canary', ['catalog/api-1']],
    ['!tier', ['catalog/worker-1']],
    ['app=api,!canary', ['checkout/api-1']],
  ])('filters with labelSelector %s', async (selector, expected) => {
    const response = await getJson(
      server,
      `/api/v1/pods?labelSelector=${encodeURIComponent(selector)}`,
    );
    expect(response.status).toBe(200);
    expect(names(response.body.items)).toEqual(expected);
  });

  it('answers 400 with a Status for a malformed labelSelector', async () => {
    const response = await getJson(
      server,
      `/api/v1/pods?labelSelector=${encodeURIComponent('app in web')}`,
    );
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      reason: 'BadRequest',
      code: 400,
    });
  });

  it('filters with fieldSelector on name and namespace, and rejects other fields', async () => {
    const byName = await getJson(
      server,
      '/api/v1/pods?fieldSelector=metadata.name%3Dapi-1',
    );
    expect(names(byName.body.items)).toEqual([
      'catalog/api-1',
      'checkout/api-1',
    ]);

    const byNamespace = await getJson(
      server,
      '/api/v1/pods?fieldSelector=metadata.namespace%3Dcatalog',
    );
    expect(names(byNamespace.body.items)).toEqual([
      'catalog/api-1',
      'catalog/worker-1',
    ]);

    const unsupported = await getJson(
      server,
      '/api/v1/pods?fieldSelector=spec.nodeName%3Dnode-1',
    );
    expect(unsupported.status).toBe(400);
    expect(unsupported.body.message).toBe(
      'field label not supported: spec.nodeName',
    );
  });

  it('paginates with limit and continue in a stable order, with remainingItemCount', async () => {
    const first = await getJson(server, '/api/v1/pods?limit=2');
    expect(names(first.body.items)).toEqual([
      'catalog/api-1',
      'catalog/worker-1',
    ]);
    expect(first.body.metadata.continue).toEqual(expect.any(String));
    expect(first.body.metadata.remainingItemCount).toBe(3);

    const second = await getJson(
      server,
      `/api/v1/pods?limit=2&continue=${first.body.metadata.continue}`,
    );
    expect(names(second.body.items)).toEqual([
      'checkout/api-1',
      'checkout/web-1',
    ]);
    expect(second.body.metadata.remainingItemCount).toBe(1);

    const third = await getJson(
      server,
      `/api/v1/pods?limit=2&continue=${second.body.metadata.continue}`,
    );
    expect(names(third.body.items)).toEqual(['checkout/web-2']);
    expect(third.body.metadata.continue).toBeUndefined();
    expect(third.body.metadata.remainingItemCount).toBeUndefined();
    // Every page reports the snapshot the list started from.
    expect(second.body.metadata.resourceVersion).toBe(
      first.body.metadata.resourceVersion,
    );
    expect(third.body.metadata.resourceVersion).toBe(
      first.body.metadata.resourceVersion,
    );
  });

  it('serves later pages from the snapshot of the first, despite changes in between', async () => {
    const first = await getJson(server, '/api/v1/pods?limit=2');
    server.remove({
      apiVersion: 'v1',
      kind: 'Pod',
      namespace: 'checkout',
      name: 'api-1',
    });
    server.apply(pod('checkout', 'aaa-new', { app: 'new' }));
    server.apply(pod('checkout', 'web-1', { app: 'web', changed: 'yes' }));

    const rest = await getJson(
      server,
      `/api/v1/pods?continue=${first.body.metadata.continue}`,
    );
    expect(names(rest.body.items)).toEqual([
      'checkout/api-1',
      'checkout/web-1',
      'checkout/web-2',
    ]);
    expect(rest.body.items[1].metadata.labels.changed).toBeUndefined();

    const fresh = await getJson(server, '/api/v1/namespaces/checkout/pods');
    expect(names(fresh.body.items)).toEqual([
      'checkout/aaa-new',
      'checkout/web-1',
      'checkout/web-2',
    ]);
  });

  it('paginates a selector list to the same result as an unpaginated one', async () => {
    for (let i = 0; i < 40; i++) {
      server.apply(
        pod(
          i % 2 ? 'checkout' : 'catalog',
          `bulk-${String(i).padStart(2, '0')}`,
          {
            app: i % 3 ? 'bulk' : 'other',
          },
        ),
      );
    }
    const whole = await getJson(
      server,
      '/api/v1/pods?labelSelector=app%3Dbulk',
    );
    const paged = await listAll(
      server,
      '/api/v1/pods?labelSelector=app%3Dbulk',
      4,
    );
    expect(names(paged.items)).toEqual(names(whole.body.items));
    expect(paged.items).toHaveLength(26);
    expect(paged.pages).toBeGreaterThanOrEqual(7);
  });

  it('answers 400 for a continue token it did not issue', async () => {
    for (const token of [
      'garbage!',
      'eyJmb28iOjF9',
      Buffer.from('{"v":"meta.k8s.io/v1","rv":1,"start":"x"}').toString(
        'base64url',
      ),
    ]) {
      const response = await getJson(
        server,
        `/api/v1/pods?limit=2&continue=${token}`,
      );
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        kind: 'Status',
        reason: 'BadRequest',
      });
    }
  });

  it('answers 410 Expired for a continue token whose snapshot was compacted', async () => {
    const first = await getJson(server, '/api/v1/pods?limit=2');
    server.apply(pod('checkout', 'web-3'));
    server.compactHistory();
    const response = await getJson(
      server,
      `/api/v1/pods?limit=2&continue=${first.body.metadata.continue}`,
    );
    expect(response.status).toBe(410);
    expect(response.body).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'Expired',
      code: 410,
    });
  });

  it('expires continue tokens once the history limit is passed', async () => {
    const limited = await startFakeKubeApiServer({
      historyLimit: 3,
      objects: [pod('a', 'p1'), pod('a', 'p2'), pod('a', 'p3')],
    });
    try {
      const first = await getJson(limited, '/api/v1/pods?limit=1');
      limited.apply(pod('a', 'p4'));
      limited.apply(pod('a', 'p5'));
      limited.apply(pod('a', 'p6'));
      const stillFine = await getJson(
        limited,
        `/api/v1/pods?limit=1&continue=${first.body.metadata.continue}`,
      );
      expect(stillFine.status).toBe(200);
      expect(names(stillFine.body.items)).toEqual(['a/p2']);
      limited.apply(pod('a', 'p7'));
      const expired = await getJson(
        limited,
        `/api/v1/pods?limit=1&continue=${first.body.metadata.continue}`,
      );
      expect(expired.status).toBe(410);
    } finally {
      await limited.close();
    }
  });

  it('accepts and ignores resourceVersion on lists', async () => {
    const response = await getJson(server, '/api/v1/pods?resourceVersion=0');
    expect(response.status).toBe(200);
    expect(response.body.items).toHaveLength(5);
  });

  it('gets one object with kind and apiVersion, or a NotFound Status', async () => {
    const found = await getJson(
      server,
      '/api/v1/namespaces/checkout/pods/web-1',
    );
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({
      kind: 'Pod',
      apiVersion: 'v1',
      metadata: { name: 'web-1', namespace: 'checkout' },
    });
    const namespaceObject = await getJson(
      server,
      '/api/v1/namespaces/checkout',
    );
    expect(namespaceObject.body).toMatchObject({
      kind: 'Namespace',
      metadata: { name: 'checkout' },
    });

    const missing = await getJson(
      server,
      '/api/v1/namespaces/checkout/pods/nope',
    );
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'pods "nope" not found',
      reason: 'NotFound',
      details: { name: 'nope', kind: 'pods' },
      code: 404,
    });
  });

  it('answers 404 Status for resources it does not serve', async () => {
    for (const path of [
      '/api/v1/widgets',
      '/apis/apps/v1beta1/deployments',
      '/apis/example.com/v1/things',
      '/api/v1/namespaces/checkout/nodes',
      '/nothing',
    ]) {
      const response = await getJson(server, path);
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({
        kind: 'Status',
        reason: 'NotFound',
        code: 404,
      });
    }
  });

  it('keeps one global resourceVersion, and uid and creationTimestamp across replaces', async () => {
    const before = await getJson(
      server,
      '/api/v1/namespaces/checkout/pods/web-1',
    );
    const stored = server.apply(
      pod('checkout', 'web-1', { app: 'web', v: '2' }),
    );
    expect(Number(stored.metadata.resourceVersion)).toBeGreaterThan(
      Number(before.body.metadata.resourceVersion),
    );
    expect(stored.metadata.uid).toBe(before.body.metadata.uid);
    expect(stored.metadata.creationTimestamp).toBe(
      before.body.metadata.creationTimestamp,
    );
    const list = await getJson(server, '/apis/apps/v1/deployments');
    expect(list.body).toMatchObject({
      kind: 'DeploymentList',
      apiVersion: 'apps/v1',
      metadata: { resourceVersion: stored.metadata.resourceVersion },
      items: [],
    });
  });

  it('puts cluster-scoped objects outside namespaces and namespaced ones in default', () => {
    const node = server.apply({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'node-1', namespace: 'ignored' },
    });
    expect(node.metadata.namespace).toBeUndefined();
    expect(server.apply(pod('', 'lonely')).metadata.namespace).toBe('default');
  });

  it('serves discovery and /version', async () => {
    const version = await getJson(server, '/version');
    expect(version.body).toMatchObject({
      major: '1',
      minor: '31',
      gitVersion: 'v1.31.2',
    });
    const core = await getJson(server, '/api');
    expect(core.body).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    const groups = await getJson(server, '/apis');
    expect(groups.body.groups.map((g: any) => g.name)).toEqual(
      expect.arrayContaining([
        'apps',
        'batch',
        'networking.k8s.io',
        'apiextensions.k8s.io',
      ]),
    );
    const apps = await getJson(server, '/apis/apps/v1');
    expect(apps.body.resources).toContainEqual(
      expect.objectContaining({
        name: 'deployments',
        kind: 'Deployment',
        namespaced: true,
      }),
    );
    const coreResources = await getJson(server, '/api/v1');
    expect(coreResources.body.resources).toContainEqual(
      expect.objectContaining({ name: 'nodes', namespaced: false }),
    );
  });
});
