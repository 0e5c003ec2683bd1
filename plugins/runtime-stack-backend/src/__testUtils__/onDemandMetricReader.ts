import { MetricReader } from '@opentelemetry/sdk-metrics';

/** An OpenTelemetry reader that collects when asked, as a Prometheus scrape would. */
export class OnDemandMetricReader extends MetricReader {
  protected async onForceFlush() {}
  protected async onShutdown() {}
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
