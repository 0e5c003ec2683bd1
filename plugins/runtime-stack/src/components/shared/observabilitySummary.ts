import type { ObservabilityEvidence } from '@internal/backstage-plugin-runtime-stack-common';
import type { RuntimeStackT } from '../../translation';

/** The figures behind an observability capability, in the app's words. */
export function observabilityCountsText(
  t: RuntimeStackT,
  capability: ObservabilityEvidence['capability'],
  counts: NonNullable<ObservabilityEvidence['counts']>,
): string {
  switch (capability) {
    case 'metrics': {
      const { targets = 0, healthyTargets = 0 } = counts;
      return targets > 0
        ? t('observabilityPanel.summary.targets', {
            count: targets,
            healthy: healthyTargets,
          })
        : t('observabilityPanel.summary.noTargets');
    }
    case 'alerting': {
      const { alertRules = 0, grafanaRules = 0, firing = 0 } = counts;
      if (alertRules === 0) return t('observabilityPanel.summary.noAlertRules');
      return grafanaRules > 0 && grafanaRules < alertRules
        ? t('observabilityPanel.summary.alertRulesInGrafana', {
            count: alertRules,
            grafana: grafanaRules,
            firing,
          })
        : t('observabilityPanel.summary.alertRules', {
            count: alertRules,
            firing,
          });
    }
    case 'visualization':
      return counts.dashboards
        ? t('observabilityPanel.summary.dashboards', {
            count: counts.dashboards,
          })
        : t('observabilityPanel.summary.noDashboards');
    default:
      return counts.links
        ? t('observabilityPanel.summary.links', { count: counts.links })
        : t('observabilityPanel.summary.noLinks');
  }
}

/**
 * What backs an observability capability, in the app's words, from the
 * figures the backend counted; its English `summary` for an answer cached
 * before the figures existed.
 */
export function observabilitySummary(
  t: RuntimeStackT,
  evidence: ObservabilityEvidence,
): string {
  return evidence.counts
    ? observabilityCountsText(t, evidence.capability, evidence.counts)
    : evidence.summary;
}
