import type { MetricsService } from '@backstage/backend-plugin-api/alpha';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';

/** An OpenTelemetry reader that collects when asked, as a Prometheus scrape would. */
export class OnDemandMetricReader extends MetricReader {
  protected async onForceFlush() {}
  protected async onShutdown() {}
}

/**
 * The OpenTelemetry SDK's own meter behind Backstage's metrics service (the
 * service's methods are the meter's), and a reader to collect what it got.
 */
export function testMeter() {
  const reader = new OnDemandMetricReader();
  const provider = new MeterProvider({ readers: [reader] });
  return {
    metrics: provider.getMeter(
      'backstage-plugin-runtime-stack',
    ) as unknown as MetricsService,
    reader,
    shutdown: () => provider.shutdown(),
  };
}

/** Each metric's data points added up, as the reader collects them now. */
export async function sumsOf(
  reader: MetricReader,
): Promise<Record<string, number>> {
  const { resourceMetrics, errors } = await reader.collect();
  if (errors.length > 0) throw errors[0];
  const sums: Record<string, number> = {};
  for (const scope of resourceMetrics.scopeMetrics) {
    for (const metric of scope.metrics) {
      sums[metric.descriptor.name] = metric.dataPoints.reduce(
        (sum, point) => sum + (point.value as number),
        0,
      );
    }
  }
  return sums;
}
