import {
  TELEMETRY_HINTS,
  type ObservabilityEvidence,
} from '@internal/backstage-plugin-runtime-stack-common';
import type { RuntimeStackT } from '../../translation';
import { sourceAdvice, type RulesNotFound } from '../shared/coverageHintText';

/**
 * What would add evidence for an observability capability that has none.
 * Metrics whose targets Prometheus already scrapes, all unhealthy, need
 * those targets fixed: the advice to make Prometheus find the service
 * would send the reader after something already done.
 */
export function observabilityAdvice(
  t: RuntimeStackT,
  evidence: ObservabilityEvidence,
  rulesNotFound?: RulesNotFound,
): string | undefined {
  const targets = evidence.counts?.targets ?? 0;
  if (evidence.capability === 'metrics' && targets > 0) {
    return t('observabilityPanel.hints.targetsDown', { count: targets });
  }
  return (
    sourceAdvice(t, evidence.capability, rulesNotFound) ??
    TELEMETRY_HINTS[evidence.capability]
  );
}
