import type {
  CapabilityCoverage,
  EntityCoverage,
} from '@internal/backstage-plugin-runtime-stack-common';

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
