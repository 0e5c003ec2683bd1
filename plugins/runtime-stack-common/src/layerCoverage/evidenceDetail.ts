import {
  describeObservabilityCounts,
  type ObservabilityCounts,
  type ObservabilityEvidence,
} from '../observability/observabilityViews';

/**
 * The probes and limits the health of a workload's containers is judged by,
 * as the layer model names them.
 *
 * @public
 */
export type HealthCheckTool =
  | 'liveness-probe'
  | 'readiness-probe'
  | 'resource-limits';

const HEALTH_CHECK_WORDS: Readonly<Record<HealthCheckTool, string>> = {
  'liveness-probe': 'liveness probe',
  'readiness-probe': 'readiness probe',
  'resource-limits': 'resource limits',
};

/**
 * What a piece of evidence shows, as parts a UI can put in its own words:
 *
 * - `declared`: a tool declared in `annotation`, on the entity or its System;
 * - `catalog-location`: the catalog reads the entity from `address`;
 * - `every-container`: every container of `object` (a workload) has the
 *   probe or limit;
 * - `containers-lack`: these `containers` of `object` (a workload) lack
 *   `check`, a probe or limit;
 * - `image-runs`: `image` runs in `pods` pods;
 * - `image-built-from`: `image` was built from `address` (at `revision`), as
 *   its `label` says;
 * - `registry-not-read`: the registry has not answered for `repository` yet,
 *   or (`configured: false`) is no registry the portal may read;
 * - `digest-not-in-registry`: the registry answered for `repository` that it
 *   holds no image by `digest`, which a reference pins;
 * - `telemetry`: the figures behind an observability capability;
 * - `provided-by-cluster`: every workload on `cluster` runs with the tool,
 *   which the cluster shows in `object` (a field of one of its objects);
 * - `detected`: a tool detected with nothing more to show;
 * - `withheld`: what shows it is not for this reader, who lacks
 *   `permission` (the source's read permission).
 *
 * @public
 */
export type EvidenceDetailParts =
  | { kind: 'declared'; annotation: string; ofSystem: boolean }
  | { kind: 'catalog-location'; address: string }
  | { kind: 'every-container'; object: string }
  | {
      kind: 'containers-lack';
      object: string;
      containers: string[];
      check: HealthCheckTool;
    }
  | { kind: 'image-runs'; image: string; pods: number }
  | {
      kind: 'image-built-from';
      image: string;
      address: string;
      revision?: string;
      label: string;
    }
  | { kind: 'registry-not-read'; repository: string; configured: boolean }
  | { kind: 'digest-not-in-registry'; repository: string; digest: string }
  | {
      kind: 'telemetry';
      capability: ObservabilityEvidence['capability'];
      counts: ObservabilityCounts;
    }
  | { kind: 'provided-by-cluster'; cluster: string; object?: string }
  | { kind: 'detected' }
  | { kind: 'withheld'; permission: string };

/**
 * Evidence detail parts in English: the `detail` of the API, the MCP actions
 * and search.
 *
 * @public
 */
export function describeEvidenceDetail(parts: EvidenceDetailParts): string {
  switch (parts.kind) {
    case 'declared':
      return `declared in ${parts.annotation}${
        parts.ofSystem ? ' of its System' : ''
      }`;
    case 'catalog-location':
      return `the catalog reads this entity from ${parts.address}`;
    case 'every-container':
      return `${parts.object}: every container has it`;
    case 'containers-lack':
      return `${parts.object}: ${
        parts.containers.length === 1
          ? `container ${parts.containers[0]} has`
          : `containers ${parts.containers.join(', ')} have`
      } no ${HEALTH_CHECK_WORDS[parts.check]}`;
    case 'image-runs':
      return `${parts.image} runs in ${parts.pods} ${
        parts.pods === 1 ? 'pod' : 'pods'
      }`;
    case 'image-built-from':
      return `${parts.image} was built from ${parts.address}${
        parts.revision ? ` at ${parts.revision}` : ''
      } (${parts.label})`;
    case 'registry-not-read':
      return `${parts.repository}: ${
        parts.configured ? 'not read yet' : 'not a configured registry'
      }`;
    case 'digest-not-in-registry':
      return `${parts.repository}: the pinned digest ${parts.digest} is not in the registry`;
    case 'telemetry':
      return describeObservabilityCounts(parts.capability, parts.counts);
    case 'provided-by-cluster':
      return `every workload on ${parts.cluster} runs with it${
        parts.object ? ` (${parts.object})` : ''
      }`;
    case 'withheld':
      return `not shown: reading it needs ${parts.permission}`;
    default:
      return 'detected';
  }
}

/**
 * Evidence with its detail worded from `parts`, so the English and the parts
 * cannot disagree.
 *
 * @public
 */
export function withEvidenceDetail<T extends object>(
  evidence: T,
  parts: EvidenceDetailParts,
): T & { detail: string; detailParts: EvidenceDetailParts } {
  return {
    ...evidence,
    detail: describeEvidenceDetail(parts),
    detailParts: parts,
  };
}

/**
 * The evidence that covers a capability only partly and is more than a
 * claim: what a gap's hint says was found.
 *
 * @public
 */
export function partialEvidence<
  E extends { source: string; strength: 'full' | 'partial' },
>(evidence: E[]): E[] {
  return evidence.filter(
    e => e.source !== 'declared' && e.strength === 'partial',
  );
}
