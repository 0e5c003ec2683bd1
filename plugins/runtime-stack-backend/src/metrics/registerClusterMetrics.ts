import type { LoggerService } from '@backstage/backend-plugin-api';
import type { MetricsService } from '@backstage/backend-plugin-api/alpha';
import type { ClusterSummary } from '@internal/backstage-plugin-runtime-stack-common';

/** Where the gauges read the clusters' state from. */
export interface ClusterStateSource {
  clusters(): Promise<ClusterSummary[]>;
}

// The gauges of one collection ask within microseconds of each other; one
// read of the store answers them all.
const SHARED_READ_MS = 1_000;

interface ClusterReading {
  clusters: ClusterSummary[];
  /** The store could not be read; `clusters` is the last good read, aged. */
  unreadable: boolean;
}

/**
 * One read of the store per collection. When a read fails, the gauges report
 * the last good read with the time since added to each age, so an alert on
 * age still fires while the store is unreachable, and say so through
 * `runtime_stack.cluster.state.unreadable`.
 */
class SharedClusterRead {
  private pending?: { at: number; reading: Promise<ClusterReading> };
  private lastGood?: { at: number; clusters: ClusterSummary[] };
  private failing = false;

  constructor(
    private readonly source: ClusterStateSource,
    private readonly logger: LoggerService,
  ) {}

  read(): Promise<ClusterReading> {
    const now = Date.now();
    if (!this.pending || now - this.pending.at > SHARED_READ_MS) {
      this.pending = { at: now, reading: this.readNow(now) };
    }
    return this.pending.reading;
  }

  private async readNow(now: number): Promise<ClusterReading> {
    try {
      const clusters = await this.source.clusters();
      this.lastGood = { at: now, clusters };
      this.failing = false;
      return { clusters, unreadable: false };
    } catch (error) {
      if (!this.failing) {
        this.logger.warn(
          `Cluster metrics could not read the cluster state; reporting the last good read until it can: ${error}`,
        );
      }
      this.failing = true;
      return { clusters: this.aged(now), unreadable: true };
    }
  }

  private aged(now: number): ClusterSummary[] {
    if (!this.lastGood) return [];
    const elapsed = Math.round((now - this.lastGood.at) / 1000);
    return this.lastGood.clusters.map(cluster =>
      cluster.ageSeconds === undefined
        ? cluster
        : { ...cluster, ageSeconds: cluster.ageSeconds + elapsed },
    );
  }
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
  logger: LoggerService,
) {
  const shared = new SharedClusterRead(source, logger);
  const gauge = (
    name: string,
    description: string,
    value: (cluster: ClusterSummary) => number | undefined,
    unit?: string,
  ) =>
    metrics
      .createObservableGauge(name, { description, ...(unit ? { unit } : {}) })
      .addCallback(async result => {
        for (const cluster of (await shared.read()).clusters) {
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
  metrics
    .createObservableGauge('runtime_stack.cluster.state.unreadable', {
      description:
        '1 when the last metrics collection could not read the cluster state; the cluster gauges then report the last good read, with ages advanced',
    })
    .addCallback(async result => {
      result.observe((await shared.read()).unreadable ? 1 : 0);
    });
}
