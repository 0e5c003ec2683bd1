import type { RuntimeTool } from '../layers/types';
import type { CoverageEvidence } from './types';

/** Whether evidence naming tool `observed` speaks for a declared tool. */
export type ToolMatch = (declared: string, observed: string) => boolean;

/**
 * Matching for one capability's tools: the same tool, or one it `runs` or
 * that runs it. One step only, so Istio and Kuma (both run Envoy) stay apart.
 */
export function toolMatch(tools: RuntimeTool[]): ToolMatch {
  // Pairs as "from to"; ids are kebab-case, so no two pairs can collide.
  const related = new Set(
    tools.flatMap(tool =>
      (tool.runs ?? []).flatMap(run => [
        `${tool.id} ${run}`,
        `${run} ${tool.id}`,
      ]),
    ),
  );
  return (declared, observed) =>
    declared === observed || related.has(`${declared} ${observed}`);
}

/** What the evidence alone says about a capability. */
export type EvidenceStatus = 'covered' | 'partial' | 'none';

/**
 * A declaration is a claim, not an observation, so on its own it counts as
 * partial. It keeps its strength once an observation agrees: a non-declared
 * piece of evidence naming a matching tool, or naming no tool (an observation
 * such as "metrics are scraped" does not say which tool does it).
 */
function isConfirmed(
  declared: CoverageEvidence,
  observations: CoverageEvidence[],
  matches: ToolMatch,
): boolean {
  return observations.some(
    o => !declared.tool || !o.tool || matches(declared.tool, o.tool),
  );
}

/** Status from the evidence for one capability: any full → covered, else any → partial. */
export function evidenceStatus(
  evidence: CoverageEvidence[],
  matches: ToolMatch,
): EvidenceStatus {
  if (evidence.length === 0) return 'none';
  const observations = evidence.filter(e => e.source !== 'declared');
  const hasFull = evidence.some(e =>
    e.source === 'declared'
      ? e.strength === 'full' && isConfirmed(e, observations, matches)
      : e.strength === 'full',
  );
  return hasFull ? 'covered' : 'partial';
}

/** Distinct tools named by the evidence, in the order first seen. */
export function evidenceTools(evidence: CoverageEvidence[]): string[] {
  return [...new Set(evidence.flatMap(e => (e.tool ? [e.tool] : [])))];
}

/**
 * Tools named only by declarations that no observation confirms, in the
 * order first seen. A tool an observation names is running whatever the
 * capability's status; a declared one counts once an observation agrees,
 * as it does for the status. A capability can be covered by one tool while
 * another declared for it is nowhere to be seen.
 */
export function unconfirmedTools(
  evidence: CoverageEvidence[],
  matches: ToolMatch,
): string[] {
  const observations = evidence.filter(e => e.source !== 'declared');
  return evidenceTools(evidence).filter(
    tool =>
      !evidence.some(
        e =>
          e.tool === tool &&
          (e.source !== 'declared' || isConfirmed(e, observations, matches)),
      ),
  );
}

/**
 * Sources whose tools are seen, not inferred: telemetry names a tool only by
 * default (metrics are Prometheus's unless told otherwise), so it cannot
 * contradict a declaration.
 */
const SEES_TOOLS: ReadonlySet<CoverageEvidence['source']> = new Set([
  'catalog',
  'cluster',
  'registry',
]);

/**
 * Declared tools that the observations do not show (themselves or through a
 * matching tool), when they show some tool for the capability. A cluster
 * running more than was declared is not a contradiction; declaring Istio
 * where only Linkerd runs is, and so is declaring GitLab for a service whose
 * images say they were built from GitHub.
 */
export function declaredConflict(
  evidence: CoverageEvidence[],
  matches: ToolMatch,
): { declared: string[]; observed: string[] } | undefined {
  const declared = evidenceTools(evidence.filter(e => e.source === 'declared'));
  const observed = evidenceTools(
    evidence.filter(e => SEES_TOOLS.has(e.source)),
  );
  if (declared.length === 0 || observed.length === 0) return undefined;
  const contradicted = declared.some(
    tool => !observed.some(seen => matches(tool, seen)),
  );
  return contradicted ? { declared, observed } : undefined;
}
