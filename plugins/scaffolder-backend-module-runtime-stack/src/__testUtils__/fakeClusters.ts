import {
  loadFixture,
  startFakeKubeApiServer,
  type FakeKubeApiServer,
} from '@internal/fake-kube-apiserver';
import type { TriggerableScheduler } from '@internal/backend-test-kit';

/**
 * The repository's fake clusters (test/fake-kube-apiserver's fixtures, e.g.
 * prod-eu-1 with Istio and a gVisor RuntimeClass, prod-us-1 with Linkerd),
 * each served by a fake Kubernetes API server, and the app-config that has
 * the Runtime Stack backend collect them.
 */
export interface FakeClusters {
  /** The `kubernetes` and `runtimeStack` config sections for the backend. */
  config: { kubernetes: object; runtimeStack: object };
  /** Has the backend collect every cluster once, as its schedule would. */
  collect(scheduler: TriggerableScheduler): Promise<void>;
  close(): Promise<void>;
}

export async function startFakeClusters(
  names: string[],
): Promise<FakeClusters> {
  const servers = new Map<string, FakeKubeApiServer>();
  for (const name of names) {
    servers.set(
      name,
      await startFakeKubeApiServer({ objects: loadFixture(name) }),
    );
  }
  return {
    config: {
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [...servers].map(([name, server]) => ({
              name,
              url: server.url,
              authProvider: 'serviceAccount',
              serviceAccountToken: server.token,
            })),
          },
        ],
      },
      runtimeStack: { clusters: { watch: false, pageSize: 100 } },
    },
    async collect(scheduler) {
      for (const name of servers.keys()) {
        await scheduler.triggerTask(`runtime-stack:collect-cluster:${name}`);
      }
    },
    async close() {
      await Promise.all([...servers.values()].map(server => server.close()));
    },
  };
}
