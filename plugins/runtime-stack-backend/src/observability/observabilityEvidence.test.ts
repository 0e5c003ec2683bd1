import type {
  ServiceAlert,
  ServiceRule,
} from '@internal/backstage-plugin-runtime-stack-common';
import { observabilityEvidence } from './observabilityEvidence';

const alert = (
  name: string,
  pod: string,
  extra: Partial<ServiceAlert> = {},
): ServiceAlert => ({
  source: 'prometheus',
  name,
  state: 'firing',
  labels: { alertname: name, pod },
  annotations: {},
  ...extra,
});

const rule = (name: string): ServiceRule => ({
  source: 'prometheus',
  name,
  type: 'alerting',
  health: 'ok',
  query: 'vector(1) > 0',
  labels: {},
});

type Data = Parameters<typeof observabilityEvidence>[0];

describe('observabilityEvidence', () => {
  const empty: Data = {
    targets: [],
    rules: [],
    alerts: [],
    grafanaAlerts: [],
    dashboards: [],
    links: [],
  };
  const alertingOf = (data: Partial<Data>) =>
    observabilityEvidence({ ...empty, ...data }).find(
      e => e.capability === 'alerting',
    )!;

  it('counts firing rules, not the alerts one rule fires for each pod', () => {
    const alerting = alertingOf({
      rules: [rule('HighLatency'), rule('PaymentsApiDown')],
      alerts: [
        alert('HighLatency', 'api-1'),
        alert('HighLatency', 'api-2'),
        alert('HighLatency', 'api-3'),
        alert('HighLatency', 'api-4'),
        // Pending is not firing.
        alert('PaymentsApiDown', 'api-1', { state: 'pending' }),
        // The same name from another Prometheus is another rule.
        alert('HighLatency', 'api-1', { source: 'prometheus-us' }),
      ],
    });
    expect(alerting.counts?.firing).toBe(2);
    expect(alerting.summary).toBe('2 alert rules, 2 firing');
  });
});
