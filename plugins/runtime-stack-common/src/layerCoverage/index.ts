export type {
  CapabilityCoverage,
  CapabilityRequirement,
  CoverageEvidence,
  CoverageExemption,
  LayerCoverage,
  OfferedTool,
  ProfileChoice,
  RequirementProfile,
  RequirementProfileSettings,
  ServiceCoverage,
} from './types';
export { defaultRequirementProfiles } from './defaultRequirementProfiles';
export { validateRequirementProfiles } from './validateRequirementProfiles';
export { chooseRequirementProfile } from './chooseRequirementProfile';
export { computeCoverage } from './computeCoverage';
export { aggregateSystemCoverage } from './aggregateCoverage';
export { withOwners } from './withOwners';
export { coverageRatio } from './coverageRatios';
export { formatCoveragePercent, formatPercent } from './formatPercent';
export { coverageSignalChannel } from './coverageSignals';
export type { CoverageChangedSignal } from './coverageSignals';
