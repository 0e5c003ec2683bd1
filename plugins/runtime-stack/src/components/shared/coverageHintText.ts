import {
  ECOSYSTEM_ANNOTATIONS,
  RUNTIME_STACK_ANNOTATIONS,
  ecosystemAnnotationsFor,
  partialEvidence,
  type CapabilityCoverage,
  type CoverageHintParts,
  type ProfileReasonParts,
  type ProfileRule,
  type ServiceCoverage,
} from '@internal/backstage-plugin-runtime-stack-common';
import type { RuntimeStackT } from '../../translation';
import { evidenceDetailText } from './evidenceDetailText';

/** Rule and alert names the annotations give that Prometheus does not have. */
export interface RulesNotFound {
  names: string[];
  /** The annotations that name them. */
  annotations: string[];
}

/**
 * What makes a telemetry or delivery capability's evidence visible, in the
 * app's words; undefined for a capability the plugin has no words for.
 * With `rulesNotFound`, alerting advice says that the rules the service
 * names are missing, rather than to name some.
 */
export function sourceAdvice(
  t: RuntimeStackT,
  capability: string,
  rulesNotFound?: RulesNotFound,
): string | undefined {
  switch (capability) {
    case 'metrics':
      return t('coverageHint.source.metrics', {
        labelsAnnotation: ECOSYSTEM_ANNOTATIONS.prometheusLabels,
      });
    case 'alerting':
      if (rulesNotFound && rulesNotFound.names.length > 0) {
        return t('coverageHint.source.alertingNotFound', {
          count: rulesNotFound.names.length,
          names: rulesNotFound.names.join(', '),
          annotations: rulesNotFound.annotations.join(', '),
          alertSelectorAnnotation:
            ECOSYSTEM_ANNOTATIONS.grafanaAlertLabelSelector,
        });
      }
      return t('coverageHint.source.alerting', {
        ruleAnnotation: ECOSYSTEM_ANNOTATIONS.prometheusRule,
        alertSelectorAnnotation:
          ECOSYSTEM_ANNOTATIONS.grafanaAlertLabelSelector,
      });
    case 'visualization':
      return t('coverageHint.source.visualization', {
        selectorAnnotation: ECOSYSTEM_ANNOTATIONS.grafanaDashboardSelector,
        overviewAnnotation: ECOSYSTEM_ANNOTATIONS.grafanaOverviewDashboard,
      });
    case 'logging':
      return t('coverageHint.source.logging');
    case 'tracing':
      return t('coverageHint.source.tracing');
    case 'source-control':
      return t('coverageHint.source.source-control', {
        locationAnnotation: ECOSYSTEM_ANNOTATIONS.managedByLocation,
        annotations: ecosystemAnnotationsFor('source-control').join(', '),
      });
    case 'ci-cd':
      return t('coverageHint.source.ci-cd', {
        annotations: ecosystemAnnotationsFor('ci-cd').join(', '),
        toolsAnnotation: RUNTIME_STACK_ANNOTATIONS.tools,
      });
    default:
      return undefined;
  }
}

const claimOnlyAdvice = (t: RuntimeStackT, capability: string) =>
  capability === 'ci-cd' ? t('coverageHint.claimOnlyAdvice.ci-cd') : undefined;

const offersText = (t: RuntimeStackT, offers: CoverageHintParts['offers']) =>
  (offers ?? [])
    .map(({ cluster, tools }) =>
      t('coverageHint.offers', { cluster, tools: tools.join(', ') }),
    )
    .join('; ');

/** What to do about a declared tool that nothing observed confirms. */
function checkNext(
  t: RuntimeStackT,
  parts: CoverageHintParts,
  offers: string,
): string | undefined {
  if (parts.next === 'source') return sourceAdvice(t, parts.capability);
  if (parts.next === 'offered') return offers;
  return t('coverageHint.check');
}

/**
 * What was found of a partly covered capability: its partial evidence in the
 * app's words when the coverage carries it, else the hint's English details.
 */
function partlyText(
  t: RuntimeStackT,
  parts: CoverageHintParts,
  evidence: CapabilityCoverage['evidence'] = [],
): string[] {
  const partial = partialEvidence(evidence);
  return partial.length === (parts.partly ?? []).length
    ? partial.map(e => evidenceDetailText(t, e))
    : parts.partly ?? [];
}

function wordHint(
  t: RuntimeStackT,
  parts: CoverageHintParts,
  evidence?: CapabilityCoverage['evidence'],
): string | undefined {
  const { capability, next, declared = [] } = parts;
  const annotation = RUNTIME_STACK_ANNOTATIONS.tools;
  const offers = offersText(t, parts.offers);
  if (declared.length > 0) {
    const isDeclared = t('coverageHint.declared', {
      count: declared.length,
      tools: declared.join(', '),
    });
    if (next === 'claim-only') {
      const advice = claimOnlyAdvice(t, capability);
      return (
        advice && t('coverageHint.claimOnly', { declared: isDeclared, advice })
      );
    }
    const then = checkNext(t, parts, offers);
    return (
      then &&
      t('coverageHint.unconfirmed', { declared: isDeclared, next: then })
    );
  }
  let then: string | undefined;
  if (next === 'source') {
    const advice = sourceAdvice(t, capability);
    then =
      advice && offers
        ? t('coverageHint.sourceWithOffers', { advice, offers })
        : advice;
  } else if (next === 'offered') {
    then = t('coverageHint.useOffered', {
      offers,
      annotation,
      example: parts.example ?? '',
    });
  } else {
    then = t('coverageHint.declare', { annotation, capability });
  }
  const partly = then ? partlyText(t, parts, evidence) : [];
  return then && partly.length > 0
    ? t('coverageHint.partly', { details: partly.join('; '), next: then })
    : then;
}

/**
 * A gap's hint in the app's words, from its parts; the backend's English
 * `hint` where there are no parts (coverage stored before them) or the
 * plugin has no words for the capability's advice.
 */
export function coverageHintText(
  t: RuntimeStackT,
  coverage: Pick<CapabilityCoverage, 'hint' | 'hintParts'> &
    Partial<Pick<CapabilityCoverage, 'evidence'>>,
): string | undefined {
  return (
    (coverage.hintParts &&
      wordHint(t, coverage.hintParts, coverage.evidence)) ??
    coverage.hint
  );
}

const ruleText = (t: RuntimeStackT, rule: ProfileRule) => {
  const annotation = RUNTIME_STACK_ANNOTATIONS.requirementProfile;
  switch (rule.rule) {
    case 'annotation':
      return t('profileReason.annotation', { annotation });
    case 'system-annotation':
      return rule.system
        ? t('profileReason.systemAnnotation', {
            system: rule.system,
            annotation,
          })
        : t('profileReason.systemAnnotationUnnamed', { annotation });
    case 'lifecycle':
      return t('profileReason.lifecycle', { lifecycle: rule.lifecycle });
    default:
      return t('profileReason.default');
  }
};

function wordReason(t: RuntimeStackT, parts: ProfileReasonParts): string {
  const skipped = (parts.skipped ?? [])
    .map(s =>
      t('profileReason.skipped', { rule: ruleText(t, s), profile: s.profile }),
    )
    .join('; ');
  if (parts.rule === 'first-profile') {
    return skipped
      ? t('profileReason.firstProfileSkipped', { skipped })
      : t('profileReason.firstProfile');
  }
  const rule = ruleText(t, parts);
  return skipped ? t('profileReason.withSkipped', { rule, skipped }) : rule;
}

/**
 * Why the service has its requirement profile, in the app's words; the
 * backend's English `reason` for coverage stored without its parts.
 */
export function profileReasonText(
  t: RuntimeStackT,
  profile: Pick<ServiceCoverage['profile'], 'reason' | 'reasonParts'>,
): string {
  return profile.reasonParts
    ? wordReason(t, profile.reasonParts)
    : profile.reason;
}
