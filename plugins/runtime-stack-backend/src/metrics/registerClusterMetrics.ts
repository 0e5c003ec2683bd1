import type { MetricsService } from '@backstage/backend-plugin-api/alpha';
import type { ClusterSummary } from '@internal/backstage-plugin-runtime-stack-common';

/** Where the gauges read the clusters' state from. */
export interface ClusterStateSource {
  clusters(): Promise<ClusterSummary[]>;
}

// The gauges of one collection ask within microseconds of each other; one
// read of the store answers them all.
const SHARED_READ_MS = 1_000;

function sharedRead(source: ClusterStateSource) {
  let last: { at: number; read: Promise<ClusterSummary[]> } | undefined;
  return () => {
    const now = Date.now();
    if (!last || now - last.at > SHARED_READ_MS) {
      last = { at: now, read: source.clusters() };
      last.read.catch(() => {
        last = undefined;
      });
    }
    return last.read;
  };
}

/**
 * Each cluster's freshness as OpenTelemetry gauges (attribute `cluster`),
 * read from the store when metrics are collected, so every replica reports
 * the same values and an alert can fire on a cluster whose data went stale.
 * How long each collection took, and whether it failed, the scheduler
 * already reports as `backend_tasks.task.runs.*` per task.
 */
export function registerClusterMetrics(
  metrics: MetricsService,
  source: ClusterStateSource,
) {
  const read = sharedRead(source);
  const gauge = (
    name: string,
    description: string,
    value: (cluster: ClusterSummary) => number | undefined,
    unit?: string,
  ) =>
    metrics
      .createObservableGauge(name, { description, ...(unit ? { unit } : {}) })
      .addCallback(async result => {
        for (const cluster of await read()) {
          const observed = value(cluster);
          if (observed !== undefined) {
            result.observe(observed, { cluster: cluster.name });
          }
        }
      });

  gauge(
    'runtime_stack.cluster.data.age',
    'Seconds since the cluster was last collected in full; absent until its first success',
    c => c.ageSeconds,
    's',
  );
  gauge(
    'runtime_stack.cluster.stale',
    '1 when the cluster data is older than runtimeStack.clusters.staleAfter or was never collected',
    c => (c.stale ? 1 : 0),
  );
  gauge(
    'runtime_stack.cluster.failing',
    '1 when the last collection attempt failed; its last good data is still served',
    c => (c.lastError ? 1 : 0),
  );
  gauge(
    'runtime_stack.cluster.objects',
    'Objects stored for the cluster',
    c => c.objectCount,
  );
  gauge(
    'runtime_stack.cluster.gaps',
    'Resources the collector could not read (forbidden or not served)',
    c => c.warnings.length,
  );
}
