import { mockServices } from '@backstage/backend-test-utils';
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
    registerClusterMetrics(metrics, { clusters }, mockServices.logger.mock());

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
      'runtime_stack.cluster.state.unreadable': { undefined: 0 },
    });
    // Six gauges, one read of the store.
    expect(clusters).toHaveBeenCalledTimes(1);
    await shutdown();
  });

  it('reads again for a later collection; while the store cannot be read, reports the last good read aged', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    try {
      const { metrics, collect, shutdown } = meterWithReader();
      const logger = mockServices.logger.mock();
      let age = 10;
      let failing = false;
      const clusters = jest.fn(async () => {
        if (failing) throw new Error('database went away');
        return [
          summary({ name: 'prod-eu-1', ageSeconds: age, objectCount: 5 }),
          summary({ name: 'staging', stale: true }),
        ];
      });
      registerClusterMetrics(metrics, { clusters }, logger);
      const ages = async () => {
        const collected = await collect();
        return {
          age: collected['runtime_stack.cluster.data.age'],
          objects: collected['runtime_stack.cluster.objects'],
          unreadable:
            collected['runtime_stack.cluster.state.unreadable'].undefined,
        };
      };

      expect(await ages()).toEqual({
        age: { 'prod-eu-1': 10 },
        objects: { 'prod-eu-1': 5, staging: 0 },
        unreadable: 0,
      });
      age = 70;
      jest.advanceTimersByTime(60_000);
      expect((await ages()).age).toEqual({ 'prod-eu-1': 70 });

      // The store goes away for two collections: the ages keep growing from
      // the last good read, the other gauges keep its values, one warning.
      failing = true;
      jest.advanceTimersByTime(60_000);
      expect(await ages()).toEqual({
        age: { 'prod-eu-1': 130 },
        objects: { 'prod-eu-1': 5, staging: 0 },
        unreadable: 1,
      });
      jest.advanceTimersByTime(30_000);
      expect((await ages()).age).toEqual({ 'prod-eu-1': 160 });
      expect(logger.warn).toHaveBeenCalledTimes(1);
      expect(logger.warn.mock.calls[0][0]).toContain('database went away');

      failing = false;
      age = 5;
      jest.advanceTimersByTime(30_000);
      expect(await ages()).toEqual({
        age: { 'prod-eu-1': 5 },
        objects: { 'prod-eu-1': 5, staging: 0 },
        unreadable: 0,
      });
      await shutdown();
    } finally {
      jest.useRealTimers();
    }
  });

  it('reports nothing per cluster, and says so, when the store was never readable', async () => {
    const { metrics, collect, shutdown } = meterWithReader();
    registerClusterMetrics(
      metrics,
      {
        clusters: async () => {
          throw new Error('no such table');
        },
      },
      mockServices.logger.mock(),
    );
    const collected = await collect();
    expect(collected['runtime_stack.cluster.state.unreadable']).toEqual({
      undefined: 1,
    });
    expect(collected['runtime_stack.cluster.data.age'] ?? {}).toEqual({});
    await shutdown();
  });
});
