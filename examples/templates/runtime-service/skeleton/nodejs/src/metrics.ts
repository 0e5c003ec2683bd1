/**
 * The two series the chart's recording rules, alerts and dashboard read, in
 * the Prometheus text format. No client library: replace this with
 * prom-client when the service needs more than requests and latencies.
 */

/** Upper bounds of the latency histogram, in seconds. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface RequestSeries {
  method: string;
  route: string;
  code: string;
}

interface Histogram {
  buckets: number[];
  sum: number;
  count: number;
}

function labelsOf(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(
      ([key, value]) =>
        `${key}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`,
    )
    .join(',');
}

export class RequestMetrics {
  private readonly requests = new Map<string, number>();
  private readonly durations = new Map<string, Histogram>();

  /** Counts one request and its duration. */
  observe(series: RequestSeries, seconds: number): void {
    const key = labelsOf({ ...series });
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);

    const durationKey = labelsOf({
      method: series.method,
      route: series.route,
    });
    const histogram = this.durations.get(durationKey) ?? {
      buckets: BUCKETS.map(() => 0),
      sum: 0,
      count: 0,
    };
    BUCKETS.forEach((bound, index) => {
      if (seconds <= bound) {
        histogram.buckets[index] += 1;
      }
    });
    histogram.sum += seconds;
    histogram.count += 1;
    this.durations.set(durationKey, histogram);
  }

  /** The exposition for GET /metrics. */
  render(): string {
    const lines = [
      '# HELP http_requests_total HTTP requests by method, route and status code.',
      '# TYPE http_requests_total counter',
    ];
    for (const [labels, count] of this.requests) {
      lines.push(`http_requests_total{${labels}} ${count}`);
    }
    lines.push(
      '# HELP http_request_duration_seconds HTTP request latency by method and route.',
      '# TYPE http_request_duration_seconds histogram',
    );
    for (const [labels, histogram] of this.durations) {
      BUCKETS.forEach((bound, index) => {
        lines.push(
          `http_request_duration_seconds_bucket{${labels},le="${bound}"} ${histogram.buckets[index]}`,
        );
      });
      lines.push(
        `http_request_duration_seconds_bucket{${labels},le="+Inf"} ${histogram.count}`,
        `http_request_duration_seconds_sum{${labels}} ${histogram.sum}`,
        `http_request_duration_seconds_count{${labels}} ${histogram.count}`,
      );
    }
    return `${lines.join('\n')}\n`;
  }
}
