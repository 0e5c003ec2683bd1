import {
  clusterStateReadPermission,
  describeCoverageHint,
  imagesReadPermission,
  observabilityReadPermission,
  partialEvidence,
  withEvidenceDetail,
  type CapabilityCoverage,
  type CoverageEvidence,
  type CoverageHintParts,
  type EntityCoverage,
} from '@internal/backstage-plugin-runtime-stack-common';
import type { BasicPermission } from '@backstage/plugin-permission-common';
import { evidenceOfSource } from './carriedEvidence';

type ObservedSource = Exclude<
  CoverageEvidence['source'],
  'declared' | 'catalog'
>;

/**
 * The permission that guards what each observing source saw, on its own
 * endpoint (the clusters, images and observability panels).
 */
export const SOURCE_READ_PERMISSIONS: Readonly<
  Record<ObservedSource, BasicPermission>
> = {
  cluster: clusterStateReadPermission,
  registry: imagesReadPermission,
  observability: observabilityReadPermission,
};

export const OBSERVED_SOURCES = Object.keys(
  SOURCE_READ_PERMISSIONS,
) as ObservedSource[];

/**
 * The observing sources whose details the caller may not read. Declared
 * and catalog evidence is the entity's own, which the caller sees already.
 */
export type WithheldSources = ReadonlySet<ObservedSource>;

const isWithheld = (
  withheld: WithheldSources,
  source: string,
): source is ObservedSource => withheld.has(source as ObservedSource);

function withheldEvidence(e: CoverageEvidence): CoverageEvidence {
  const { source, capability, tool, strength } = e;
  return withEvidenceDetail(
    { source, capability, ...(tool ? { tool } : {}), strength },
    {
      kind: 'withheld',
      permission: SOURCE_READ_PERMISSIONS[source as ObservedSource].name,
    },
  );
}

/**
 * A hint without what the withheld sources saw: no clusters' offers without
 * cluster state (the next step falls back to declaring or checking a tool),
 * and the partial evidence it names as that evidence now reads.
 */
function readableHint(
  parts: CoverageHintParts,
  withheld: WithheldSources,
  evidence: CoverageEvidence[],
): CoverageHintParts {
  const { offers, example, partly: named, ...rest } = parts;
  const partly = named
    ? [...new Set(partialEvidence(evidence).map(e => e.detail))]
    : [];
  const readable: CoverageHintParts = {
    ...rest,
    ...(partly.length > 0 ? { partly } : {}),
  };
  if (!withheld.has('cluster')) {
    return {
      ...readable,
      ...(offers ? { offers } : {}),
      ...(example ? { example } : {}),
    };
  }
  if (parts.next !== 'offered') return readable;
  return { ...readable, next: readable.declared ? 'check' : 'declare' };
}

function readableCapability(
  c: CapabilityCoverage,
  withheld: WithheldSources,
): CapabilityCoverage {
  const touched =
    c.evidence.some(e => isWithheld(withheld, e.source)) ||
    (withheld.has('cluster') && Boolean(c.hintParts?.offers));
  if (!touched) return c;
  const evidence = c.evidence.map(e =>
    isWithheld(withheld, e.source) ? withheldEvidence(e) : e,
  );
  if (!c.hintParts) {
    // A hint stored before its parts cannot be reworded: left out.
    const { hint: _hint, ...rest } = c;
    return { ...rest, evidence };
  }
  const hintParts = readableHint(c.hintParts, withheld, evidence);
  return {
    ...c,
    evidence,
    hint: describeCoverageHint(hintParts),
    hintParts,
  };
}

/**
 * Coverage as shown to a caller who may read it but not every source
 * behind it: the statuses, tools and figures stay (they are the coverage),
 * but what a withheld source saw (clusters and objects, images, telemetry)
 * is replaced by the permission that would show it, as its own endpoint
 * would refuse it, and so are its read errors.
 */
export function withReadableEvidence(
  coverage: EntityCoverage,
  withheld: WithheldSources,
): EntityCoverage {
  if (withheld.size === 0) return coverage;
  const capability = (c: CapabilityCoverage) => readableCapability(c, withheld);
  return {
    ...coverage,
    capabilities: coverage.capabilities.map(capability),
    gaps: coverage.gaps.map(capability),
    sourceErrors: coverage.sourceErrors.map(error => {
      const source = evidenceOfSource(error.source);
      return source && isWithheld(withheld, source)
        ? {
            source: error.source,
            message: `could not be read (details need ${SOURCE_READ_PERMISSIONS[source].name})`,
          }
        : error;
    }),
  };
}
