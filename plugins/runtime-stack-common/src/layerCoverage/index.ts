export type {
  CapabilityCoverage,
  CapabilityRequirement,
  CoverageEvidence,
  CoverageExemption,
  CoverageHintParts,
  LayerCoverage,
  OfferedTool,
  ProfileChoice,
  ProfileReasonParts,
  ProfileRule,
  RequirementProfile,
  RequirementProfileSettings,
  ServiceCoverage,
} from './types';
export { defaultRequirementProfiles } from './defaultRequirementProfiles';
export { validateRequirementProfiles } from './validateRequirementProfiles';
export {
  BUILT_IN_PROFILE_LIFECYCLES,
  chooseRequirementProfile,
  describeProfileReason,
} from './chooseRequirementProfile';
export { computeCoverage } from './computeCoverage';
export { coverageHintParts, describeCoverageHint } from './coverageHints';
export {
  describeEvidenceDetail,
  partialEvidence,
  withEvidenceDetail,
} from './evidenceDetail';
export type { EvidenceDetailParts, HealthCheckTool } from './evidenceDetail';
export { aggregateSystemCoverage } from './aggregateCoverage';
export { withOwners } from './withOwners';
export { coverageRatio } from './coverageRatios';
export { displayedPercent, formatPercent } from './formatPercent';
export { coverageSignalChannel } from './coverageSignals';
export type { CoverageChangedSignal } from './coverageSignals';
