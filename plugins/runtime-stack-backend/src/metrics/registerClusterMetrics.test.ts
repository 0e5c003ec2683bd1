import type { ClusterSummary } from '@internal/backstage-plugin-runtime-stack-common';
import { registerClusterMetrics } from './registerClusterMetrics';
import { testMeter } from '../__testUtils__/onDemandMetricReader';

const summary = (s: Partial<ClusterSummary> & { name: string }) => ({
  stale: false,
  warnings: [],
  objectCount: 0,
  platformTools: [],
  ...s,
});

/** A test meter, with its gauges collected per cluster. */
function meterWithReader() {
  const { metrics, reader, shutdown } = testMeter();
  /** Every gauge's value per cluster, and what failed, as the reader collected them. */
  const collectWithErrors = async () => {
    const { resourceMetrics, errors } = await reader.collect();
    const byName: Record<string, Record<string, number>> = {};
    for (const scope of resourceMetrics.scopeMetrics) {
      for (const metric of scope.metrics) {
        byName[metric.descriptor.name] = Object.fromEntries(
          metric.dataPoints.map(p => [
            String(p.attributes.cluster),
            p.value as number,
          ]),
        );
      }
    }
    return { byName, errors };
  };
  const collect = async () => {
    const { byName, errors } = await collectWithErrors();
    expect(errors).toEqual([]);
    return byName;
  };
  return {
    metrics,
    collect,
    collectWithErrors,
    shutdown,
  };
}

describe('registerClusterMetrics', () => {
  it('reports each cluster’s freshness from the store, once per collection', async () => {
    const { metrics, collect, shutdown } = meterWithReader();
    const states = [
      summary({
        name: 'prod-eu-1',
        ageSeconds: 42,
        objectCount: 2588,
        warnings: ['policies.kyverno.io: 403'],
      }),
      summary({
        name: 'prod-us-1',
        ageSeconds: 3600,
        stale: true,
        lastError: 'cluster answered 500',
        objectCount: 17,
      }),
      summary({ name: 'staging', stale: true }),
    ];
    const clusters = jest.fn(async () => states);
    registerClusterMetrics(metrics, { clusters });

    const first = await collect();
    expect(first).toEqual({
      'runtime_stack.cluster.data.age': { 'prod-eu-1': 42, 'prod-us-1': 3600 },
      'runtime_stack.cluster.stale': {
        'prod-eu-1': 0,
        'prod-us-1': 1,
        staging: 1,
      },
      'runtime_stack.cluster.failing': {
        'prod-eu-1': 0,
        'prod-us-1': 1,
        staging: 0,
      },
      'runtime_stack.cluster.objects': {
        'prod-eu-1': 2588,
        'prod-us-1': 17,
        staging: 0,
      },
      'runtime_stack.cluster.gaps': {
        'prod-eu-1': 1,
        'prod-us-1': 0,
        staging: 0,
      },
    });
    // Five gauges, one read of the store.
    expect(clusters).toHaveBeenCalledTimes(1);
    await shutdown();
  });

  it('reads again for a later collection, and again after a failed read', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    try {
      const { metrics, collect, collectWithErrors, shutdown } =
        meterWithReader();
      let age = 10;
      let failNext = false;
      const clusters = jest.fn(async () => {
        if (failNext) {
          failNext = false;
          throw new Error('database went away');
        }
        return [summary({ name: 'prod-eu-1', ageSeconds: age })];
      });
      registerClusterMetrics(metrics, { clusters });

      expect((await collect())['runtime_stack.cluster.data.age']).toEqual({
        'prod-eu-1': 10,
      });
      age = 70;
      jest.advanceTimersByTime(60_000);
      expect((await collect())['runtime_stack.cluster.data.age']).toEqual({
        'prod-eu-1': 70,
      });

      jest.advanceTimersByTime(60_000);
      failNext = true;
      const failed = await collectWithErrors();
      // Each of the five gauges reports the one failed read.
      expect(failed.errors.map(e => (e as Error).message)).toEqual(
        Array(5).fill('database went away'),
      );
      age = 130;
      expect((await collect())['runtime_stack.cluster.data.age']).toEqual({
        'prod-eu-1': 130,
      });
      await shutdown();
    } finally {
      jest.useRealTimers();
    }
  });
});
