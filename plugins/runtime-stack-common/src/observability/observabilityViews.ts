/**
 * A Prometheus alert that concerns a service.
 *
 * @public
 */
export interface ServiceAlert {
  /** The configured Prometheus it came from. */
  source: string;
  name: string;
  state: 'firing' | 'pending';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  activeAt?: string;
}

/**
 * A Prometheus rule that concerns a service.
 *
 * @public
 */
export interface ServiceRule {
  source: string;
  name: string;
  type: 'alerting' | 'recording';
  state?: 'firing' | 'pending' | 'inactive';
  health: string;
  query: string;
  labels: Record<string, string>;
}

/**
 * A Grafana-managed alert rule that concerns a service, found by the
 * `grafana/alert-label-selector` annotation of the Grafana plugin.
 *
 * @public
 */
export interface ServiceGrafanaAlert {
  uid: string;
  title: string;
  folderTitle: string;
  /** The rule's page in Grafana. */
  url: string;
  /**
   * The worst state of its instances (alerting, error, pending, nodata,
   * normal, in that order); `unknown` before its first evaluation.
   */
  state: 'alerting' | 'error' | 'pending' | 'nodata' | 'normal' | 'unknown';
  /** How many label sets it evaluates, and how many of them fire. */
  instances: number;
  firing: number;
  labels: Record<string, string>;
  /** Its `summary` annotation. */
  summary?: string;
  /** The `key=value` of the annotation that selected it. */
  matchedSelector: string;
}

/**
 * A scrape target of a service, and how its last scrape went.
 *
 * @public
 */
export interface ServiceTarget {
  source: string;
  scrapePool: string;
  scrapeUrl: string;
  health: 'up' | 'down' | 'unknown';
  lastError?: string;
  lastScrape?: string;
  labels: Record<string, string>;
}

/**
 * A link to where a service's telemetry lives.
 *
 * @public
 */
export interface ObservabilityLink {
  title: string;
  url: string;
  /** `logs`, `traces`, `dashboard`, `on-call`, … as configured. */
  type?: string;
  /** The cluster and namespace a templated link was made for. */
  cluster?: string;
  namespace?: string;
}

/**
 * What the observability data says about one capability of the service:
 * `evidenced` when something real backs it (healthy targets, alert rules,
 * dashboards), `linked` when only a link points somewhere, `none` otherwise.
 *
 * @public
 */
export interface ObservabilityEvidence {
  capability: 'metrics' | 'alerting' | 'visualization' | 'logging' | 'tracing';
  status: 'evidenced' | 'linked' | 'none';
  /** For example "2 of 3 targets healthy"; `counts` holds its figures. */
  summary: string;
  /** The layer model's tools behind it, for example `alertmanager`. */
  tools?: string[];
  /** Absent from answers cached before it existed. */
  counts?: ObservabilityCounts;
}

/**
 * The figures an observability summary gives, those of its capability:
 * scrape targets and the healthy ones (metrics); alert rules, those in
 * Grafana among them, and the firing alerts (alerting); dashboards
 * (visualization); links (logging, tracing).
 *
 * @public
 */
export interface ObservabilityCounts {
  targets?: number;
  healthyTargets?: number;
  alertRules?: number;
  grafanaRules?: number;
  firing?: number;
  dashboards?: number;
  links?: number;
}

const plural = (n: number, one: string) => `${n} ${n === 1 ? one : `${one}s`}`;

/**
 * An observability summary in English, from its figures: the `summary` of
 * the API.
 *
 * @public
 */
export function describeObservabilityCounts(
  capability: ObservabilityEvidence['capability'],
  counts: ObservabilityCounts,
): string {
  switch (capability) {
    case 'metrics': {
      const { targets = 0, healthyTargets = 0 } = counts;
      return targets > 0
        ? `${healthyTargets} of ${plural(targets, 'target')} healthy`
        : 'no scrape targets';
    }
    case 'alerting': {
      const { alertRules = 0, grafanaRules = 0, firing = 0 } = counts;
      if (alertRules === 0) return 'no alert rules';
      const inGrafana =
        grafanaRules > 0 && grafanaRules < alertRules
          ? ` (${grafanaRules} in Grafana)`
          : '';
      return `${plural(
        alertRules,
        'alert rule',
      )}${inGrafana}, ${firing} firing`;
    }
    case 'visualization':
      return counts.dashboards
        ? plural(counts.dashboards, 'dashboard')
        : 'no dashboards';
    default:
      return counts.links ? plural(counts.links, 'link') : 'no links';
  }
}

/**
 * The key of `matchedBy.labels` when the service is matched by its
 * kubernetes-id in any of the usual labels (service, app, job, …) rather
 * than by the labels of its `prometheus.io/labels` annotation.
 *
 * @public
 */
export const ANY_SERVICE_LABEL = '<service label>';

/**
 * The answer of `GET /entities/:kind/:namespace/:name/observability`.
 *
 * @public
 */
export interface EntityObservability {
  entityRef: string;
  /** How Prometheus data was matched to the service. */
  matchedBy: {
    labels: Record<string, string>;
    alertNames?: string[];
    ruleNames?: string[];
    /** `key=value` label selectors for Grafana-managed alert rules. */
    grafanaAlertSelectors?: string[];
    /**
     * Names of `alertNames`, and of `ruleNames` with a colon (a recording
     * rule's, where a plain name may be a metric), that no rule or alert of
     * the Prometheus servers read has: a typo, or a rule file not loaded.
     * Absent when every name was found or no Prometheus could be read.
     */
    namesNotFound?: string[];
  };
  alerts: ServiceAlert[];
  rules: ServiceRule[];
  grafanaAlerts: ServiceGrafanaAlert[];
  targets: ServiceTarget[];
  dashboards: Array<{
    title: string;
    url: string;
    tags: string[];
    folderTitle?: string;
  }>;
  overviewDashboard?: string;
  links: ObservabilityLink[];
  /** The data above as evidence for the observability capabilities. */
  evidence: ObservabilityEvidence[];
  /** Sources that could not be read; the others still answer. */
  errors: Array<{ source: string; message: string }>;
  /**
   * How many Prometheus servers were read for the service: none when none
   * is bound to its clusters or every one failed, so no rule missing from
   * them says anything. Absent from answers of backends before it.
   */
  prometheusRead?: number;
}
