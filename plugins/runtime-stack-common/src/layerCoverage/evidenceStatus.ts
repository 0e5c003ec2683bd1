import type { CoverageEvidence } from './types';

/** What the evidence alone says about a capability. */
export type EvidenceStatus = 'covered' | 'partial' | 'none';

/**
 * A declaration is a claim, not an observation, so on its own it counts as
 * partial. It keeps its strength once an observation agrees: a non-declared
 * piece of evidence naming the same tool, or naming no tool (an observation
 * such as "metrics are scraped" does not say which tool does it).
 */
function isConfirmed(
  declared: CoverageEvidence,
  observations: CoverageEvidence[],
): boolean {
  return observations.some(
    o => !declared.tool || !o.tool || o.tool === declared.tool,
  );
}

/** Status from the evidence for one capability: any full → covered, else any → partial. */
export function evidenceStatus(evidence: CoverageEvidence[]): EvidenceStatus {
  if (evidence.length === 0) return 'none';
  const observations = evidence.filter(e => e.source !== 'declared');
  const hasFull = evidence.some(e =>
    e.source === 'declared'
      ? e.strength === 'full' && isConfirmed(e, observations)
      : e.strength === 'full',
  );
  return hasFull ? 'covered' : 'partial';
}

/** Distinct tools named by the evidence, in the order first seen. */
export function evidenceTools(evidence: CoverageEvidence[]): string[] {
  return [...new Set(evidence.flatMap(e => (e.tool ? [e.tool] : [])))];
}

/**
 * Declared tools that the clusters do not show, when the clusters show some
 * tool for the capability. A cluster running more than was declared is not a
 * contradiction; declaring Istio where only Linkerd runs is.
 */
export function declaredConflict(
  evidence: CoverageEvidence[],
): { declared: string[]; observed: string[] } | undefined {
  const declared = evidenceTools(evidence.filter(e => e.source === 'declared'));
  const observed = evidenceTools(evidence.filter(e => e.source === 'cluster'));
  if (declared.length === 0 || observed.length === 0) return undefined;
  const contradicted = declared.some(tool => !observed.includes(tool));
  return contradicted ? { declared, observed } : undefined;
}
