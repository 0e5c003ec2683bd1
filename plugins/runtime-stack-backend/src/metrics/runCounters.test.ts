import { testMeter } from '../__testUtils__/onDemandMetricReader';
import { coverageEvaluationCounters } from './runCounters';

describe('coverageEvaluationCounters', () => {
  it('adds up the components of every run, by result', async () => {
    const { metrics, reader, shutdown } = testMeter();
    const record = coverageEvaluationCounters(metrics);
    record({ evaluated: 40, failed: 2, removed: 0, durationMs: 900 });
    record({ evaluated: 41, failed: 0, removed: 1, durationMs: 800 });

    const { resourceMetrics } = await reader.collect();
    const [evaluations] = resourceMetrics.scopeMetrics[0].metrics;
    expect(evaluations.descriptor.name).toBe(
      'runtime_stack.coverage.evaluations',
    );
    expect(
      Object.fromEntries(
        evaluations.dataPoints.map(p => [p.attributes.result, p.value]),
      ),
    ).toEqual({ evaluated: 81, failed: 2 });
    await shutdown();
  });
});
