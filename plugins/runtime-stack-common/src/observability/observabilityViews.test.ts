import { describeObservabilityCounts } from './observabilityViews';

describe('describeObservabilityCounts', () => {
  it('counts targets, saying when there are none to count', () => {
    expect(
      describeObservabilityCounts('metrics', { targets: 1, healthyTargets: 0 }),
    ).toBe('0 of 1 target healthy');
    expect(
      describeObservabilityCounts('metrics', { targets: 3, healthyTargets: 2 }),
    ).toBe('2 of 3 targets healthy');
    expect(describeObservabilityCounts('metrics', { targets: 0 })).toBe(
      'no scrape targets',
    );
  });

  it('names the Grafana share of alert rules only beside Prometheus rules', () => {
    expect(
      describeObservabilityCounts('alerting', {
        alertRules: 3,
        grafanaRules: 1,
        firing: 2,
      }),
    ).toBe('3 alert rules (1 in Grafana), 2 firing');
    expect(
      describeObservabilityCounts('alerting', {
        alertRules: 1,
        grafanaRules: 1,
        firing: 0,
      }),
    ).toBe('1 alert rule, 0 firing');
    expect(describeObservabilityCounts('alerting', { alertRules: 0 })).toBe(
      'no alert rules',
    );
  });

  it('counts dashboards and links', () => {
    expect(
      describeObservabilityCounts('visualization', { dashboards: 1 }),
    ).toBe('1 dashboard');
    expect(describeObservabilityCounts('visualization', {})).toBe(
      'no dashboards',
    );
    expect(describeObservabilityCounts('tracing', { links: 2 })).toBe(
      '2 links',
    );
    expect(describeObservabilityCounts('logging', { links: 0 })).toBe(
      'no links',
    );
  });
});
