import type {
  EntityClusterView,
  EntityClusters,
} from '@internal/backstage-plugin-runtime-stack-common';
import { clustersBehind } from './clustersBehind';

const cluster = (
  name: string,
  freshness: Partial<EntityClusterView>,
): EntityClusterView => ({
  cluster: name,
  namespaces: ['payments'],
  workloads: [],
  objects: [],
  tools: [],
  stale: false,
  warnings: [],
  ...freshness,
});

const clusters = (
  views: EntityClusterView[],
  unavailable: EntityClusters['unavailable'] = [],
): EntityClusters => ({
  entityRef: 'component:default/payments-api',
  selector: { labelSelector: 'backstage.io/kubernetes-id=payments-api' },
  clusters: views,
  unavailable,
});

describe('clustersBehind', () => {
  it('names clusters failing, stale or never collected, and leaves current ones out', () => {
    expect(
      clustersBehind(
        clusters(
          [
            cluster('prod-eu-1', { ageSeconds: 60 }),
            cluster('prod-us-1', {
              ageSeconds: 7200,
              lastError: 'connection refused',
            }),
            cluster('prod-ap-1', { ageSeconds: 90_000, stale: true }),
          ],
          [{ cluster: 'staging-eu-1', lastError: 'Unauthorized' }],
        ),
      ),
    ).toEqual([
      {
        cluster: 'prod-us-1',
        problem: 'failing',
        message: 'connection refused',
        ageSeconds: 7200,
      },
      { cluster: 'prod-ap-1', problem: 'stale', ageSeconds: 90_000 },
      {
        cluster: 'staging-eu-1',
        problem: 'unavailable',
        message: 'Unauthorized',
      },
    ]);
  });

  it('finds nothing when every cluster is current', () => {
    expect(
      clustersBehind(clusters([cluster('prod-eu-1', { ageSeconds: 60 })])),
    ).toEqual([]);
  });
});
