export {
  GrafanaClient,
  type GrafanaClientOptions,
  type GrafanaDashboard,
  type GrafanaDashboardQuery,
} from './GrafanaClient';
export {
  compileDashboardSelector,
  matchesGrafanaSelector,
  parseGrafanaSelector,
  selectorTags,
  type SelectableDashboard,
  type SelectorNode,
} from './grafanaSelector';
export { ObservabilityRequestError } from './ObservabilityRequestError';
export {
  PrometheusClient,
  type PrometheusAlert,
  type PrometheusClientOptions,
  type PrometheusRule,
  type PrometheusTarget,
} from './PrometheusClient';
