import {
  asArray,
  asString,
  asStringRecord,
  isObject,
  optionalString,
  optionalTime,
  type JsonObject,
} from './jsonShapes';
import { JsonTransport } from '../http/JsonTransport';
import { envelopeData, envelopeList } from './prometheusEnvelope';

export interface PrometheusRule {
  group: string;
  file?: string;
  name: string;
  type: 'alerting' | 'recording';
  query: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** `ok`, `err` or `unknown` (not evaluated yet). */
  health: string;
  /** Alerting rules only. */
  state?: 'firing' | 'pending' | 'inactive';
  /**
   * Alerting rules only: the rule's pending and firing alerts, whose labels
   * the series add to the rule's. Undefined where the server leaves them out.
   */
  alerts?: PrometheusAlert[];
  lastError?: string;
}

export interface PrometheusAlert {
  /** The `alertname` label, which `labels` keeps too. */
  name: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: 'firing' | 'pending';
  activeAt?: string;
  /** The sample value that made the alert active, as Prometheus formats it (`1e+00`). */
  value?: string;
}

export interface PrometheusTarget {
  scrapePool: string;
  scrapeUrl: string;
  /** The target's labels after relabelling: job, instance and static ones. */
  labels: Record<string, string>;
  health: 'up' | 'down' | 'unknown';
  lastError?: string;
  lastScrape?: string;
}

export interface PrometheusClientOptions {
  /** The server's base URL, with any path prefix (`--web.route-prefix`, a proxy). */
  url: string;
  /** Sent with every request, e.g. an authorization or `X-Scope-OrgID` header. */
  headers?: Record<string, string>;
  /** Where people open its web UI, for links; default `url`, without credentials. */
  publicUrl?: string;
  /** Per HTTP request, including reading its body. Default 10000. */
  requestTimeoutMs?: number;
  /** Attempts for a request answered 429 or 5xx. Default 3. */
  maxAttempts?: number;
  /** First retry delay, doubled each time, unless Retry-After says. Default 250. */
  backoffMs?: number;
  fetch?: typeof fetch;
}

function ruleState(value: unknown): PrometheusRule['state'] {
  return value === 'firing' || value === 'pending' || value === 'inactive'
    ? value
    : undefined;
}

function toAlert(alert: JsonObject): PrometheusAlert | undefined {
  if (alert.state !== 'firing' && alert.state !== 'pending') return undefined;
  const labels = asStringRecord(alert.labels);
  return {
    name: labels.alertname ?? '',
    labels,
    annotations: asStringRecord(alert.annotations),
    state: alert.state,
    activeAt: optionalTime(alert.activeAt),
    value: optionalString(alert.value),
  };
}

function toRule(group: JsonObject, rule: JsonObject): PrometheusRule {
  const type = rule.type === 'alerting' ? 'alerting' : 'recording';
  const alerts = Array.isArray(rule.alerts)
    ? rule.alerts.filter(isObject).flatMap(alert => toAlert(alert) ?? [])
    : undefined;
  return {
    group: asString(group.name),
    file: optionalString(group.file),
    name: asString(rule.name),
    type,
    query: asString(rule.query),
    // Prometheus leaves `labels` out of a recording rule without any.
    labels: asStringRecord(rule.labels),
    annotations: asStringRecord(rule.annotations),
    health: asString(rule.health) || 'unknown',
    ...(type === 'alerting' ? { state: ruleState(rule.state) } : {}),
    ...(type === 'alerting' && alerts ? { alerts } : {}),
    ...(optionalString(rule.lastError)
      ? { lastError: optionalString(rule.lastError) }
      : {}),
  };
}

function toTarget(target: JsonObject): PrometheusTarget {
  const health = target.health;
  return {
    scrapePool: asString(target.scrapePool),
    scrapeUrl: asString(target.scrapeUrl),
    labels: asStringRecord(target.labels),
    health: health === 'up' || health === 'down' ? health : 'unknown',
    // An up target has `lastError: ""`.
    lastError: optionalString(target.lastError),
    lastScrape: optionalTime(target.lastScrape),
  };
}

/**
 * A client for the read side of Prometheus' HTTP API (also served by
 * Thanos, Mimir and VictoriaMetrics): rules, active alerts and targets.
 */
export class PrometheusClient {
  private readonly transport: JsonTransport;
  private readonly linkBase: URL;

  constructor(options: PrometheusClientOptions) {
    this.transport = new JsonTransport({
      service: 'Prometheus',
      url: options.url,
      headers: options.headers,
      requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
      maxAttempts: Math.max(1, options.maxAttempts ?? 3),
      backoffMs: options.backoffMs ?? 250,
      fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    });
    this.linkBase = options.publicUrl
      ? new URL(options.publicUrl.replace(/\/*$/, '/'))
      : this.transport.baseUrl;
  }

  /** The web UI's graph of an expression, as its own links write it. */
  graphUrl(expression: string): string {
    const url = new URL('graph', this.linkBase);
    url.searchParams.set('g0.expr', expression);
    url.searchParams.set('g0.tab', '0');
    return url.toString();
  }

  /** Every rule of every group, in the order Prometheus lists them. */
  async rules(): Promise<PrometheusRule[]> {
    const url = this.transport.url('api/v1/rules');
    const data = await this.data(url);
    const groups = this.field(url, data, 'groups');
    return groups.filter(isObject).flatMap(group =>
      asArray(group.rules)
        .filter(isObject)
        .map(rule => toRule(group, rule)),
    );
  }

  /** Alerts that are pending or firing now. */
  async alerts(): Promise<PrometheusAlert[]> {
    const url = this.transport.url('api/v1/alerts');
    const data = await this.data(url);
    return this.field(url, data, 'alerts')
      .filter(isObject)
      .map(toAlert)
      .filter((alert): alert is PrometheusAlert => alert !== undefined);
  }

  /** Targets after relabelling; dropped targets are left out. */
  async targets(): Promise<PrometheusTarget[]> {
    const url = this.transport.url('api/v1/targets', { state: 'active' });
    const data = await this.data(url);
    return this.field(url, data, 'activeTargets')
      .filter(isObject)
      .map(toTarget);
  }

  private async data(url: URL): Promise<JsonObject> {
    return envelopeData(this.transport, await this.transport.get(url));
  }

  private field(url: URL, data: JsonObject, name: string): unknown[] {
    return envelopeList(this.transport, url, data, name);
  }
}
