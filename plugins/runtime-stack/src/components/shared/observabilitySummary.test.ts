import {
  describeObservabilityCounts,
  type ObservabilityCounts,
  type ObservabilityEvidence,
} from '@internal/backstage-plugin-runtime-stack-common';
import { englishT } from '../../__testUtils__/translations';
import { observabilitySummary } from './observabilitySummary';

describe('observabilitySummary', () => {
  it.each<[ObservabilityEvidence['capability'], ObservabilityCounts]>([
    ['metrics', { targets: 1, healthyTargets: 1 }],
    ['metrics', { targets: 3, healthyTargets: 0 }],
    ['metrics', { targets: 0, healthyTargets: 0 }],
    ['alerting', { alertRules: 1, grafanaRules: 0, firing: 1 }],
    ['alerting', { alertRules: 3, grafanaRules: 1, firing: 2 }],
    ['alerting', { alertRules: 2, grafanaRules: 2, firing: 0 }],
    ['alerting', { alertRules: 0 }],
    ['visualization', { dashboards: 1 }],
    ['visualization', { dashboards: 4 }],
    ['visualization', { dashboards: 0 }],
    ['logging', { links: 1 }],
    ['tracing', { links: 2 }],
    ['tracing', { links: 0 }],
  ])('words %s %j in English as the backend does', (capability, counts) => {
    // No summary given: the words must come from the figures alone.
    expect(
      observabilitySummary(englishT, {
        capability,
        status: 'none',
        summary: '',
        counts,
      }),
    ).toBe(describeObservabilityCounts(capability, counts));
  });

  it("keeps the backend's summary for an answer without figures", () => {
    expect(
      observabilitySummary(englishT, {
        capability: 'metrics',
        status: 'evidenced',
        summary: '2 of 2 targets healthy',
      }),
    ).toBe('2 of 2 targets healthy');
  });
});
