import { mockServices } from '@backstage/backend-test-utils';
import { ClusterWatcher, type ListTurn } from './ClusterWatcher';
import type { ClusterSnapshotStore } from './ClusterSnapshotStore';
import type {
  KubernetesClusterClient,
  WatchOutcome,
} from './KubernetesClusterClient';
import type { ResourceType } from './collectedResources';

const deployments: ResourceType = {
  group: 'apps',
  version: 'v1',
  plural: 'deployments',
  kind: 'Deployment',
  namespaced: true,
};

const inTurn: ListTurn = list => list();

/** A watcher whose every watch is 410 Gone; `listAll` decides the relists. */
function watcherOf(listAll: () => Promise<unknown>) {
  const watch = jest.fn(async (): Promise<WatchOutcome> => 'gone');
  const client = {
    cluster: { name: 'prod-eu-1' },
    watch,
    listAll: jest.fn(listAll),
  } as unknown as KubernetesClusterClient;
  const store = {
    replaceResource: jest.fn(async () => {}),
  } as unknown as ClusterSnapshotStore;
  const watcher = new ClusterWatcher(
    client,
    store,
    mockServices.logger.mock(),
    inTurn,
    10,
  );
  return { watcher, watch, client };
}

describe('ClusterWatcher', () => {
  it('backs off ever longer while the relists a 410 asks for fail', async () => {
    const { watcher, client } = watcherOf(async () => {
      throw new Error('503 Service Unavailable');
    });
    const window = new AbortController();
    setTimeout(() => window.abort(), 400);
    const statistics = await watcher.watch(
      [{ resource: deployments, resourceVersion: '100' }],
      window.signal,
    );
    // 10, 20, 40, 80, 160 ms: five or six attempts in the window, not the
    // forty a fixed 10 ms would allow.
    expect(client.listAll).toHaveBeenCalled();
    expect((client.listAll as jest.Mock).mock.calls.length).toBeLessThanOrEqual(
      7,
    );
    expect(statistics.errors).toBe(
      (client.listAll as jest.Mock).mock.calls.length,
    );
    expect(statistics.relists).toBe(0);
  });

  it('resumes from the relist’s resourceVersion once a relist works', async () => {
    const { watcher, watch } = watcherOf(async () => ({
      items: [],
      resourceVersion: '205',
    }));
    const window = new AbortController();
    watch
      .mockImplementationOnce(async () => 'gone')
      .mockImplementationOnce(async () => {
        window.abort();
        return 'ended';
      });
    const statistics = await watcher.watch(
      [{ resource: deployments, resourceVersion: '100' }],
      window.signal,
    );
    expect(watch.mock.calls.map(c => (c as unknown[])[1])).toEqual([
      '100',
      '205',
    ]);
    expect(statistics).toMatchObject({ relists: 1, errors: 0 });
  });
});
