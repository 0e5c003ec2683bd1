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
export { ApiRequestError } from '../http/ApiRequestError';
export {
  PrometheusClient,
  type PrometheusAlert,
  type PrometheusClientOptions,
  type PrometheusRule,
  type PrometheusTarget,
} from './PrometheusClient';
