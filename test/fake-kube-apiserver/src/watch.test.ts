import { startFakeKubeApiServer } from './server';
import { getJson, namespace, openWatch, pod, sleep } from './testUtils';
import type { FakeKubeApiServer } from './types';

describe('watches', () => {
  let server: FakeKubeApiServer;

  beforeEach(async () => {
    server = await startFakeKubeApiServer({
      bookmarkIntervalMs: 50,
      objects: [
        namespace('checkout'),
        pod('checkout', 'web-1', { app: 'web' }),
      ],
    });
  });

  afterEach(() => server.close());

  const currentVersion = async () =>
    (await getJson(server, '/api/v1/pods')).body.metadata.resourceVersion;

  it('streams ADDED, MODIFIED and DELETED as newline-delimited JSON', async () => {
    const rv = await currentVersion();
    const watch = await openWatch(
      server,
      `/api/v1/namespaces/checkout/pods?watch=1&resourceVersion=${rv}`,
    );
    expect(watch.status).toBe(200);
    expect(watch.headers['content-type']).toBe('application/json');
    expect(watch.headers['transfer-encoding']).toBe('chunked');

    server.apply(pod('checkout', 'web-2', { app: 'web' }));
    server.apply(pod('checkout', 'web-2', { app: 'web', version: '2' }));
    server.apply(pod('other', 'elsewhere'));
    server.remove({
      apiVersion: 'v1',
      kind: 'Pod',
      namespace: 'checkout',
      name: 'web-2',
    });

    const deleted = await watch.waitFor(e => e.type === 'DELETED');
    expect(
      watch.events.map(e => `${e.type} ${e.object.metadata.name}`),
    ).toEqual(['ADDED web-2', 'MODIFIED web-2', 'DELETED web-2']);
    expect(watch.events[1].object).toMatchObject({
      kind: 'Pod',
      apiVersion: 'v1',
      metadata: { labels: { version: '2' } },
    });
    const versions = watch.events.map(e =>
      Number(e.object.metadata.resourceVersion),
    );
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(Number(deleted.object.metadata.resourceVersion)).toBeGreaterThan(
      versions[1],
    );
    expect(server.openWatches()).toBe(1);
    watch.close();
  });

  it('starts with ADDED for every current object when no resourceVersion is given', async () => {
    for (const query of ['watch=true', 'watch=1&resourceVersion=0']) {
      const watch = await openWatch(server, `/api/v1/pods?${query}`);
      const added = await watch.waitFor(
        e => e.type === 'ADDED' && e.object.metadata.name === 'web-1',
      );
      expect(added.object).toMatchObject({ kind: 'Pod', apiVersion: 'v1' });
      expect(watch.events).toHaveLength(1);
      watch.close();
    }
  });

  it('replays the events after an older resourceVersion before the live ones', async () => {
    const rv = await currentVersion();
    server.apply(pod('checkout', 'web-2'));
    server.remove({
      apiVersion: 'v1',
      kind: 'Pod',
      namespace: 'checkout',
      name: 'web-1',
    });
    const watch = await openWatch(
      server,
      `/api/v1/pods?watch=true&resourceVersion=${rv}`,
    );
    server.apply(pod('checkout', 'web-3'));
    await watch.waitFor(e => e.object.metadata?.name === 'web-3');
    expect(
      watch.events.map(e => `${e.type} ${e.object.metadata.name}`),
    ).toEqual(['ADDED web-2', 'DELETED web-1', 'ADDED web-3']);
    watch.close();
  });

  it('starts a watch from a resourceVersion not reached yet once the cluster gets there', async () => {
    const rv = Number(await currentVersion());
    const watch = await openWatch(
      server,
      `/api/v1/pods?watch=1&resourceVersion=${rv + 2}`,
    );
    server.apply(pod('checkout', 'early-1'));
    server.apply(pod('checkout', 'early-2'));
    server.apply(pod('checkout', 'late'));
    await watch.waitFor(e => e.object.metadata?.name === 'late');
    expect(watch.events.map(e => e.object.metadata.name)).toEqual(['late']);
    watch.close();
  });

  it('sends bookmarks with the current resourceVersion when allowed', async () => {
    const rv = await currentVersion();
    const watch = await openWatch(
      server,
      `/api/v1/pods?watch=1&resourceVersion=${rv}&allowWatchBookmarks=true`,
    );
    server.apply(pod('checkout', 'web-2'));
    const stored = server.apply(pod('checkout', 'web-3'));
    const bookmark = await watch.waitFor(e => e.type === 'BOOKMARK');
    expect(bookmark.object).toEqual({
      kind: 'Pod',
      apiVersion: 'v1',
      metadata: { resourceVersion: stored.metadata.resourceVersion },
    });
    watch.close();

    const withoutBookmarks = await openWatch(
      server,
      `/api/v1/pods?watch=1&resourceVersion=${rv}`,
    );
    await sleep(150);
    expect(withoutBookmarks.events.some(e => e.type === 'BOOKMARK')).toBe(
      false,
    );
    withoutBookmarks.close();
  });

  it('reports a compacted resourceVersion as a 410 ERROR event, then ends', async () => {
    const rv = await currentVersion();
    server.apply(pod('checkout', 'web-2'));
    server.compactHistory();
    const watch = await openWatch(
      server,
      `/api/v1/pods?watch=1&resourceVersion=${rv}`,
    );
    await watch.ended;
    expect(watch.status).toBe(200);
    expect(watch.events).toEqual([
      {
        type: 'ERROR',
        object: {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: expect.stringMatching(
            new RegExp(`^too old resource version: ${rv} \\(\\d+\\)$`),
          ),
          reason: 'Expired',
          code: 410,
        },
      },
    ]);
    expect(server.openWatches()).toBe(0);
  });

  it('falls out of the history window like the watch cache', async () => {
    // resourceVersion "0" means "from now", so the cluster must not be empty.
    const limited = await startFakeKubeApiServer({
      historyLimit: 2,
      objects: [namespace('a')],
    });
    try {
      const rv = (await getJson(limited, '/api/v1/pods')).body.metadata
        .resourceVersion;
      limited.apply(pod('a', 'p1'));
      limited.apply(pod('a', 'p2'));
      const inWindow = await openWatch(
        limited,
        `/api/v1/pods?watch=1&resourceVersion=${rv}`,
      );
      await inWindow.waitFor(e => e.object.metadata?.name === 'p2');
      inWindow.close();
      limited.apply(pod('a', 'p3'));
      const tooOld = await openWatch(
        limited,
        `/api/v1/pods?watch=1&resourceVersion=${rv}`,
      );
      await tooOld.ended;
      expect(tooOld.events.map(e => [e.type, e.object.code])).toEqual([
        ['ERROR', 410],
      ]);
    } finally {
      await limited.close();
    }
  });

  it('expireWatches sends every open watch a 410 ERROR and ends it', async () => {
    const first = await openWatch(server, '/api/v1/pods?watch=1');
    const second = await openWatch(server, '/apis/apps/v1/deployments?watch=1');
    expect(server.openWatches()).toBe(2);
    server.expireWatches();
    await Promise.all([first.ended, second.ended]);
    for (const watch of [first, second]) {
      expect(watch.events[watch.events.length - 1]).toMatchObject({
        type: 'ERROR',
        object: { kind: 'Status', reason: 'Expired', code: 410 },
      });
    }
    expect(server.openWatches()).toBe(0);
  });

  it('ends the stream after timeoutSeconds', async () => {
    const started = Date.now();
    const watch = await openWatch(
      server,
      '/api/v1/pods?watch=1&timeoutSeconds=1',
    );
    await watch.ended;
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(server.openWatches()).toBe(0);
  });

  it('filters by labelSelector, turning objects that enter or leave it into ADDED and DELETED', async () => {
    const rv = await currentVersion();
    const watch = await openWatch(
      server,
      `/api/v1/pods?watch=1&resourceVersion=${rv}&labelSelector=app%3Dweb`,
    );
    server.apply(pod('checkout', 'api-1', { app: 'api' }));
    server.apply(pod('checkout', 'web-1', { app: 'web', version: '2' }));
    server.apply(pod('checkout', 'web-1', { app: 'retired' }));
    server.apply(pod('checkout', 'api-1', { app: 'web' }));
    await watch.waitFor(e => e.object.metadata?.name === 'api-1');
    expect(
      watch.events.map(e => `${e.type} ${e.object.metadata.name}`),
    ).toEqual(['MODIFIED web-1', 'DELETED web-1', 'ADDED api-1']);
    watch.close();
  });

  it('watches one object by name', async () => {
    const rv = await currentVersion();
    const watch = await openWatch(
      server,
      `/api/v1/namespaces/checkout/pods?watch=1&resourceVersion=${rv}&fieldSelector=metadata.name%3Dweb-1`,
    );
    server.apply(pod('checkout', 'web-2'));
    server.apply(pod('checkout', 'web-1', { touched: 'yes' }));
    await watch.waitFor(e => e.type === 'MODIFIED');
    expect(watch.events.map(e => e.object.metadata.name)).toEqual(['web-1']);
    watch.close();
  });

  it('forgets a watch the client closes, and close() ends the rest', async () => {
    const watch = await openWatch(server, '/api/v1/pods?watch=1');
    const other = await openWatch(server, '/api/v1/pods?watch=1');
    watch.close();
    await watch.ended;
    await sleep(50);
    expect(server.openWatches()).toBe(1);
    await server.close();
    await other.ended;
    expect(server.openWatches()).toBe(0);
    server = await startFakeKubeApiServer();
  });

  it('answers 400 for a resourceVersion that is not a number', async () => {
    const response = await getJson(
      server,
      '/api/v1/pods?watch=1&resourceVersion=abc',
    );
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      kind: 'Status',
      reason: 'BadRequest',
    });
  });
});
