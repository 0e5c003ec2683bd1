import {
  ECOSYSTEM_ANNOTATIONS,
  type EntityObservability,
} from '@internal/backstage-plugin-runtime-stack-common';
import type { RulesNotFound } from '../shared/coverageHintText';

/**
 * The rule and alert names the service's annotations give that none of the
 * rules and alerts read from Prometheus has, with the annotations that give
 * them; undefined when every name was found or none is given. Unlike the
 * backend's `namesNotFound` it keeps names without a colon, which may be a
 * metric's: beside "no alert rules", a name that is no rule is worth saying.
 * Nothing when no Prometheus was read: its rules are unknown, not missing.
 */
export function namedRulesNotFound(
  value: EntityObservability,
): RulesNotFound | undefined {
  if (value.prometheusRead === 0) return undefined;
  const found = new Set([
    ...value.rules.map(r => r.name),
    ...value.alerts.map(a => a.name),
  ]);
  const missingOf = (names: string[] = []) =>
    names.filter(name => !found.has(name));
  const fromRules = missingOf(value.matchedBy.ruleNames);
  const fromAlerts = missingOf(value.matchedBy.alertNames);
  const names = [...new Set([...fromRules, ...fromAlerts])];
  if (names.length === 0) return undefined;
  return {
    names,
    annotations: [
      ...(fromRules.length > 0 ? [ECOSYSTEM_ANNOTATIONS.prometheusRule] : []),
      ...(fromAlerts.length > 0 ? [ECOSYSTEM_ANNOTATIONS.prometheusAlert] : []),
    ],
  };
}
