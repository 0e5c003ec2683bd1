import type {
  CapabilityCoverage,
  EntityCoverage,
} from '@internal/backstage-plugin-runtime-stack-common';

import { evidenceOfSource } from '../layerCoverage/carriedEvidence';

type Status = CapabilityCoverage['status'];

/** A required capability now worse than at the last evaluation. */
export interface CoverageRegression {
  capability: CapabilityCoverage;
  was: Status;
}

// How well a required capability is met; exempt counts as met, since the gap
// was accepted.
const RANK: Partial<Record<Status, number>> = {
  covered: 2,
  exempt: 2,
  partial: 1,
  missing: 0,
};

/**
 * The required capabilities that became a gap or a worse one since the last
 * evaluation: covered or exempt to partial or missing, partial to missing. A
 * capability that was not required before (new profile, first evaluation)
 * is not a regression.
 */
export function coverageRegressions(
  before: Map<string, Status> | undefined,
  after: EntityCoverage,
): CoverageRegression[] {
  if (!before) return [];
  return after.gaps.flatMap(gap => {
    const was = before.get(gap.capability);
    const wasRank = was === undefined ? undefined : RANK[was];
    const nowRank = RANK[gap.status];
    return was !== undefined &&
      wasRank !== undefined &&
      nowRank !== undefined &&
      nowRank < wasRank
      ? [{ capability: gap, was }]
      : [];
  });
}

/**
 * The regressions that the sources an evaluation could not read do not
 * explain, to tell owners of while those sources fail: a capability whose
 * evidence, then or now, came from none of them, and no exemption lost
 * because the exemptions could not be read. Otherwise one flaky Prometheus
 * would silence every notice of the services it watches, and what it
 * silenced would be stored as the baseline the next evaluation compares
 * with. A failed source of any other kind explains everything.
 */
export function regressionsDespiteFailures(
  regressions: CoverageRegression[],
  sourceErrors: EntityCoverage['sourceErrors'],
  previous: Pick<EntityCoverage, 'capabilities'> | undefined,
): CoverageRegression[] {
  if (sourceErrors.length === 0) return regressions;
  const failed = new Set(sourceErrors.map(e => e.source));
  const evidenceFailed = new Set<string>();
  for (const source of failed) {
    if (source === 'exemptions') continue;
    const evidence = evidenceOfSource(source);
    if (!evidence) return [];
    evidenceFailed.add(evidence);
  }
  // Without what was seen before, a failed evidence source may explain any.
  if (evidenceFailed.size > 0 && !previous) return [];
  const readFromFailed = (
    c: Pick<CapabilityCoverage, 'evidence'> | undefined,
  ) => c?.evidence.some(e => evidenceFailed.has(e.source)) ?? false;
  return regressions.filter(
    ({ capability, was }) =>
      !(failed.has('exemptions') && was === 'exempt') &&
      !readFromFailed(capability) &&
      !readFromFailed(
        previous?.capabilities.find(
          c => c.capability === capability.capability,
        ),
      ),
  );
}
