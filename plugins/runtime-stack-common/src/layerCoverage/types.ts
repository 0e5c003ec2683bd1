import type { EffectiveOwner } from '../ownership/effectiveOwnership';
import type { EvidenceDetailParts } from './evidenceDetail';

/**
 * What a service is expected to run, per capability of the layer model.
 * Entries are capability ids or `layer-N`, which stands for every capability
 * of layer N. A capability named by id beats a `layer-N` entry, so
 * `required: ['layer-4'], notApplicable: ['syscall-tracing']` reads naturally.
 *
 * @public
 */
export interface RequirementProfile {
  id: string;
  title: string;
  description?: string;
  required: string[];
  recommended?: string[];
  notApplicable?: string[];
}

/**
 * The requirement profiles the backend measures coverage against, resolved
 * from `runtimeStack.coverage` (configured profiles replace the defaults of
 * the same id), with the rules that pick one when a service names none:
 * what `GET /api/runtime-stack/profiles` serves.
 *
 * @public
 */
export interface RequirementProfileSettings {
  profiles: RequirementProfile[];
  /** Lifecycle to profile id, on top of the built-in mapping. */
  byLifecycle?: Record<string, string>;
  /** The profile id used when nothing else picks one. */
  defaultProfile?: string;
}

/**
 * The profile picked for a service and why, so the UI can explain it.
 *
 * @public
 */
export interface ProfileChoice {
  profile: RequirementProfile;
  /** For example `annotation runtime-stack.io/requirement-profile` or `lifecycle production`. */
  reason: string;
  /** `reason` in parts, for a UI that says it in its own words. */
  reasonParts?: ProfileReasonParts;
}

/**
 * A rule that picks a requirement profile, in the order they are tried:
 * the entity's `runtime-stack.io/requirement-profile` annotation, its
 * System's, the lifecycle mapping, the default profile.
 *
 * @public
 */
export type ProfileRule =
  | { rule: 'annotation' }
  | { rule: 'system-annotation'; system?: string }
  | { rule: 'lifecycle'; lifecycle: string }
  | { rule: 'default' };

/**
 * Why a service has its requirement profile: the rule that picked it (or
 * `first-profile` when even the default profile does not exist), and the
 * earlier rules that named a profile that does not exist, so a typo shows.
 *
 * @public
 */
export type ProfileReasonParts = (ProfileRule | { rule: 'first-profile' }) & {
  skipped?: Array<ProfileRule & { profile: string }>;
};

/**
 * One piece of evidence that a service has a capability.
 *
 * @public
 */
export interface CoverageEvidence {
  /**
   * `declared` is a claim in the catalog; the others are observations, and
   * `catalog` is what the catalog itself saw (where it read the entity from).
   */
  source: 'declared' | 'catalog' | 'cluster' | 'registry' | 'observability';
  capability: string;
  tool?: string;
  /** What shows it, in English. */
  detail: string;
  /**
   * The words of `detail` as parts, for a UI to word in its own language;
   * absent where the detail is names alone (an annotation and its value, an
   * object and its field) or was stored before the parts existed.
   */
  detailParts?: EvidenceDetailParts;
  cluster?: string;
  /** When the source last showed it (a cluster's last collection). */
  seenAt?: string;
  strength: 'full' | 'partial';
}

/**
 * An accepted gap: the capability is not counted against the service until
 * `expiresAt` (an ISO date; absent means it never expires).
 *
 * @public
 */
export interface CoverageExemption {
  capability: string;
  /**
   * Why the gap is accepted; left out of coverage read by someone who may
   * not read exemptions (`runtime-stack.exemption.read`).
   */
  reason?: string;
  expiresAt?: string;
}

/**
 * A tool the platform runs on one of the service's clusters (cluster-level
 * detection), which the service could use to close a gap.
 *
 * @public
 */
export interface OfferedTool {
  capability: string;
  tool: string;
  cluster: string;
}

/**
 * The next step for a missing or partial capability, in parts, so that a UI
 * can say it in its own words; `hint` is the same in English.
 *
 * @public
 */
export interface CoverageHintParts {
  capability: string;
  /**
   * - `claim-only`: nothing in the portal can observe the capability, so the
   *   declaration is all there can be;
   * - `source`: make the telemetry or delivery source that shows it visible
   *   (what to set depends on the capability);
   * - `offered`: the service's clusters run tools for it (`offers`), to use
   *   and declare (`example`);
   * - `declare`: declare a tool in `runtime-stack.io/tools` or ask the
   *   platform team;
   * - `check`: check that the declared tool runs, or ask the platform team.
   */
  next: 'claim-only' | 'source' | 'offered' | 'declare' | 'check';
  /** Declared tools, by title, that nothing observed confirms yet. */
  declared?: string[];
  /** What the partial evidence shows (its `detail`). */
  partly?: string[];
  /** Tool titles the service's clusters offer, per cluster. */
  offers?: Array<{ cluster: string; tools: string[] }>;
  /** The `runtime-stack.io/tools` entry to write, e.g. `gitops=argo-cd`. */
  example?: string;
}

/**
 * How much a profile asks for a capability. `optional` means the profile does
 * not mention it.
 *
 * @public
 */
export type CapabilityRequirement =
  | 'required'
  | 'recommended'
  | 'not-applicable'
  | 'optional';

/**
 * Coverage of one capability for one service.
 *
 * @public
 */
export interface CapabilityCoverage {
  capability: string;
  title: string;
  layer: number;
  requirement: CapabilityRequirement;
  status: 'covered' | 'partial' | 'missing' | 'exempt' | 'not-required';
  /** Distinct tools named by the evidence. */
  tools: string[];
  /**
   * Those of `tools` named only by declarations that nothing observed
   * confirms; absent when there are none, and from coverage stored before
   * it existed.
   */
  unconfirmedTools?: string[];
  evidence: CoverageEvidence[];
  /** Declared tools the cluster does not show; shown, never hidden. */
  conflict?: { declared: string[]; observed: string[] };
  exemption?: CoverageExemption;
  /** What to do next, for missing or partial required/recommended capabilities. */
  hint?: string;
  /** `hint` in parts. Absent from coverage stored before it existed. */
  hintParts?: CoverageHintParts;
  /** Effective owners of the capability for this service, when known. */
  owners?: EffectiveOwner[];
}

/**
 * Coverage of the required capabilities of one layer.
 *
 * @public
 */
export interface LayerCoverage {
  layer: number;
  title: string;
  /** Required capabilities, exempt ones left out. */
  required: number;
  covered: number;
  partial: number;
  /** `(covered + 0.5 * partial) / required`, 1 when nothing is required. */
  ratio: number;
}

/**
 * Coverage of one service against its requirement profile.
 *
 * @public
 */
export interface ServiceCoverage {
  profile: {
    id: string;
    title: string;
    reason: string;
    reasonParts?: ProfileReasonParts;
  };
  /** Every capability of the layer model, in model order. */
  capabilities: CapabilityCoverage[];
  layers: LayerCoverage[];
  overall: {
    required: number;
    covered: number;
    partial: number;
    ratio: number;
  };
  /** Required capabilities that are missing or partial, in layer order. */
  gaps: CapabilityCoverage[];
}
