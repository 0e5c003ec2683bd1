import type {
  CoverageEvidence,
  EntityCoverage,
} from '@internal/backstage-plugin-runtime-stack-common';

/** The evidence each source of an evaluation's `sourceErrors` gives. */
const EVIDENCE_OF: Readonly<Record<string, CoverageEvidence['source']>> = {
  clusters: 'cluster',
  images: 'registry',
  observability: 'observability',
};

/** Whether a failed source is one whose evidence can be carried over. */
export const givesEvidence = (source: string) =>
  Object.hasOwn(EVIDENCE_OF, source);

/** The evidence a failed source of `sourceErrors` gives, if it gives any. */
export const evidenceOfSource = (
  source: string,
): CoverageEvidence['source'] | undefined =>
  givesEvidence(source) ? EVIDENCE_OF[source] : undefined;

/**
 * What the last stored evaluation saw from the sources this one could not
 * read, for the capabilities those sources showed nothing for this time.
 * Without it, a Prometheus or registry outage would be stored as services
 * losing their metrics or images, and scorecards and trends would dip with
 * every outage. Each piece keeps when it was seen (the last evaluation, if
 * it did not say), so the page shows its age; the source error stays on the
 * evaluation, so it is not mistaken for a fresh read.
 */
export function carriedEvidence(
  previous: Pick<EntityCoverage, 'capabilities' | 'evaluatedAt'> | undefined,
  sourceErrors: EntityCoverage['sourceErrors'],
  fresh: CoverageEvidence[],
): CoverageEvidence[] {
  if (!previous) return [];
  const failed = new Set(
    sourceErrors.flatMap(e => evidenceOfSource(e.source) ?? []),
  );
  if (failed.size === 0) return [];
  // A source that answered for a capability this time speaks for it now.
  const answered = new Set(fresh.map(e => `${e.source} ${e.capability}`));
  return previous.capabilities
    .flatMap(capability => capability.evidence)
    .filter(
      e => failed.has(e.source) && !answered.has(`${e.source} ${e.capability}`),
    )
    .map(e => (e.seenAt ? e : { ...e, seenAt: previous.evaluatedAt }));
}
