import { ECOSYSTEM_ANNOTATIONS } from '../annotations';

/**
 * What would give each observability capability of the default layer model
 * evidence: telemetry that exists counts in full, a declared tool only in
 * part, so these point at the telemetry.
 *
 * @public
 */
export const TELEMETRY_HINTS: Readonly<Record<string, string>> = {
  metrics: `make Prometheus scrape it: targets labelled with its kubernetes-id (a service, app or job label), or with the labels of its ${ECOSYSTEM_ANNOTATIONS.prometheusLabels} annotation`,
  alerting: `add alert rules: name its Prometheus rules in ${ECOSYSTEM_ANNOTATIONS.prometheusRule}, or label Grafana-managed rules and set ${ECOSYSTEM_ANNOTATIONS.grafanaAlertLabelSelector}`,
  visualization: `add dashboards: set ${ECOSYSTEM_ANNOTATIONS.grafanaDashboardSelector} (for example tags @> 'my-service') or ${ECOSYSTEM_ANNOTATIONS.grafanaOverviewDashboard}`,
  logging:
    'link its logs: a link template of type logs under runtimeStack.observability.links, or a metadata.links entry with type logs',
  tracing:
    'link its traces: a link template of type traces under runtimeStack.observability.links, or a metadata.links entry with type traces',
};
