import {
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  makeInformer,
  Watch,
  type V1Pod,
} from '@kubernetes/client-node';
import { startFakeKubeApiServer } from './server';
import { namespace, pod } from './testUtils';
import type { FakeKubeApiServer } from './types';

/** The real client against the fake: proof that the wire protocol matches. */
describe('@kubernetes/client-node against the fake', () => {
  let server: FakeKubeApiServer;
  let kubeConfig: KubeConfig;

  beforeEach(async () => {
    server = await startFakeKubeApiServer({
      bookmarkIntervalMs: 50,
      objects: [
        namespace('checkout'),
        pod('checkout', 'web-1', { app: 'web' }),
        pod('checkout', 'web-2', { app: 'web' }),
        pod('checkout', 'api-1', { app: 'api' }),
      ],
    });
    kubeConfig = new KubeConfig();
    kubeConfig.loadFromOptions({
      // client-node refuses plain http unless TLS verification is off.
      clusters: [{ name: 'fake', server: server.url, skipTLSVerify: true }],
      users: [{ name: 'fake', token: server.token }],
      contexts: [{ name: 'fake', cluster: 'fake', user: 'fake' }],
      currentContext: 'fake',
    });
  });

  afterEach(() => server.close());

  it('lists pods with a label selector, page by page', async () => {
    const core = kubeConfig.makeApiClient(CoreV1Api);
    const first = await core.listNamespacedPod({
      namespace: 'checkout',
      labelSelector: 'app=web',
      limit: 1,
    });
    expect(first.items.map(p => p.metadata?.name)).toEqual(['web-1']);
    expect(first.metadata?._continue).toBeDefined();
    const second = await core.listNamespacedPod({
      namespace: 'checkout',
      labelSelector: 'app=web',
      limit: 1,
      _continue: first.metadata!._continue,
    });
    expect(second.items.map(p => p.metadata?.name)).toEqual(['web-2']);
    expect(second.items[0].status?.phase).toBe('Running');
    expect(server.requests.map(r => r.query.labelSelector)).toEqual([
      'app=web',
      'app=web',
    ]);
  });

  it('reads a single object and surfaces 404 and 403 as errors with the code', async () => {
    const core = kubeConfig.makeApiClient(CoreV1Api);
    const found = await core.readNamespacedPod({
      namespace: 'checkout',
      name: 'api-1',
    });
    expect(found.metadata?.labels).toEqual({ app: 'api' });
    await expect(
      core.readNamespacedPod({ namespace: 'checkout', name: 'nope' }),
    ).rejects.toMatchObject({ code: 404 });

    server.setForbidden(['deployments.apps']);
    const apps = kubeConfig.makeApiClient(AppsV1Api);
    await expect(apps.listDeploymentForAllNamespaces()).rejects.toMatchObject({
      code: 403,
    });
  });

  it('watches with Watch', async () => {
    const list = await kubeConfig
      .makeApiClient(CoreV1Api)
      .listPodForAllNamespaces();
    const seen: string[] = [];
    let done: (error: unknown) => void = () => {};
    const finished = new Promise(resolve => {
      done = resolve;
    });
    const controller = await new Watch(kubeConfig).watch(
      '/api/v1/pods',
      {
        resourceVersion: list.metadata?.resourceVersion,
        allowWatchBookmarks: true,
      },
      (type, object) => seen.push(`${type} ${object.metadata?.name ?? ''}`),
      error => done(error),
    );
    await waitUntil(() => server.openWatches() === 1);
    server.apply(pod('checkout', 'web-3'));
    server.remove({
      apiVersion: 'v1',
      kind: 'Pod',
      namespace: 'checkout',
      name: 'web-1',
    });
    await waitUntil(
      () => seen.includes('DELETED web-1') && seen.includes('BOOKMARK '),
    );
    expect(seen.filter(s => !s.startsWith('BOOKMARK'))).toEqual([
      'ADDED web-3',
      'DELETED web-1',
    ]);
    controller.abort();
    server.expireWatches();
    await finished;
  });

  it('keeps an informer in sync, relisting after the watch expires', async () => {
    const core = kubeConfig.makeApiClient(CoreV1Api);
    const informer = makeInformer<V1Pod>(
      kubeConfig,
      '/api/v1/namespaces/checkout/pods',
      () => core.listNamespacedPod({ namespace: 'checkout' }),
    );
    const names = () =>
      informer
        .list('checkout')
        .map(p => p.metadata!.name)
        .sort();
    await informer.start();
    try {
      expect(names()).toEqual(['api-1', 'web-1', 'web-2']);
      await waitUntil(() => server.openWatches() === 1);
      server.apply(pod('checkout', 'web-3'));
      await waitUntil(() => names().includes('web-3'));

      server.expireWatches();
      server.compactHistory();
      server.apply(pod('checkout', 'web-4'));
      await waitUntil(() => names().includes('web-4'), 5000);
      expect(names()).toEqual(['api-1', 'web-1', 'web-2', 'web-3', 'web-4']);
      const listCalls = server.requests.filter(
        r => r.path === '/api/v1/namespaces/checkout/pods' && !r.query.watch,
      );
      expect(listCalls.length).toBeGreaterThanOrEqual(2);
    } finally {
      await informer.stop();
    }
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error('condition not met in time');
    }
    await new Promise(resolve => setTimeout(resolve, 10));
  }
}
