import { MetricReader } from '@opentelemetry/sdk-metrics';

/** An OpenTelemetry reader that collects when asked, as a Prometheus scrape would. */
export class OnDemandMetricReader extends MetricReader {
  protected async onForceFlush() {}
  protected async onShutdown() {}
}
