/**
 * A fake Grafana HTTP API for tests and the example portal (Grafana is not
 * packaged for Debian): dashboard search, dashboards by uid, alert rules
 * and their instances, and health,
 * behind a bearer token, with failure injection.
 *
 * @packageDocumentation
 */

export type {
  FakeAlertRule,
  FakeAlertState,
  FakeDashboard,
  FakeGrafana,
  FakeGrafanaOptions,
  RecordedRequest,
} from './types';
export type { SearchHit } from './catalog';
export { DEFAULT_TOKEN, GRAFANA_VERSION, startFakeGrafana } from './server';
export { exampleDashboards } from './exampleDashboards';
export { exampleAlertRules } from './exampleAlertRules';
