import {
  coverageRatio,
  type ServiceCoverage,
} from '@internal/backstage-plugin-runtime-stack-common';
import type { PreviewChoices } from './previewEvidence';

type Capability = ServiceCoverage['capabilities'][number];

/**
 * The capabilities whose declarations nothing will confirm once the service
 * runs with these choices, so they stay claims (partial) on the entity page.
 */
export function unconfirmedClaims(choices: PreviewChoices): Set<string> {
  // Written on the portal's host (the template's default, so also while
  // the Repository page is still to come), the catalog reads the service
  // from a file and no CI pushes an image labelled with its source: nothing
  // observes where its code lives.
  return new Set(choices.publishTo === 'repository' ? [] : ['source-control']);
}

const NOTHING_UNCONFIRMED: ReadonlySet<string> = new Set();

/**
 * Whether a capability counts as covered once the running service shows
 * what the form declares. The engine counts a declaration alone as partial
 * (a claim, not an observation); a full-strength declaration becomes
 * covered when a cluster confirms it, unless nothing will (`unconfirmed`);
 * a partial one stays partial.
 */
export function coveredOnceConfirmed(
  capability: Capability,
  unconfirmed: ReadonlySet<string> = NOTHING_UNCONFIRMED,
): boolean {
  return (
    capability.status === 'covered' ||
    (capability.status === 'partial' &&
      !unconfirmed.has(capability.capability) &&
      capability.evidence.some(e => e.strength === 'full'))
  );
}

/**
 * Whether a capability is partial only until the running service shows
 * what the form declares: the preview shows it as covered once running.
 */
export const pendingConfirmation = (
  capability: Capability,
  unconfirmed?: ReadonlySet<string>,
): boolean =>
  capability.status === 'partial' &&
  coveredOnceConfirmed(capability, unconfirmed);

/**
 * The required coverage once a cluster confirms the declarations, derived
 * from the engine's result (no observations are made up): of the whole
 * service, or of the `capabilities` given (one layer's).
 */
export function coverageOnceConfirmed(
  coverage: Pick<ServiceCoverage, 'capabilities'>,
  unconfirmed?: ReadonlySet<string>,
): {
  required: number;
  covered: number;
  partial: number;
  ratio: number;
} {
  const required = coverage.capabilities.filter(
    c => c.requirement === 'required' && c.status !== 'exempt',
  );
  const confirmed = (c: Capability) => coveredOnceConfirmed(c, unconfirmed);
  const covered = required.filter(confirmed).length;
  const partial = required.filter(
    c => c.status === 'partial' && !confirmed(c),
  ).length;
  const counts = { required: required.length, covered, partial };
  return { ...counts, ratio: coverageRatio(counts) };
}

/**
 * The engine's gaps (required, missing or partial) that the choices will
 * not close even once the service runs: these need another choice.
 */
export function remainingGaps(
  coverage: ServiceCoverage,
  unconfirmed?: ReadonlySet<string>,
): Capability[] {
  return coverage.gaps.filter(gap => !coveredOnceConfirmed(gap, unconfirmed));
}
