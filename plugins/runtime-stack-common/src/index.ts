/**
 * Common types and data for the Runtime Stack plugins: the layered runtime
 * model and the catalog annotations the plugins read.
 *
 * @packageDocumentation
 */

export type {
  LayerModel,
  LayerModelExtension,
  RuntimeCapability,
  RuntimeLayer,
  RuntimeTool,
} from './layers/types';
export { defaultLayerModel } from './layers/defaultLayerModel';
export { validateLayerModel } from './layers/validateLayerModel';
export {
  capabilityTitlesOf,
  layerModelTitlesOf,
  toolTitlesOf,
  type LayerModelTitles,
} from './layers/layerModelTitles';
export { extendLayerModel } from './layers/extendLayerModel';
export { RUNTIME_STACK_ANNOTATIONS } from './annotations';
export {
  formatDeclaredTools,
  parseDeclaredTools,
  findUnknownDeclaredTools,
} from './declaredTools';
export type { DeclaredTool } from './declaredTools';
export {
  RESOURCE_TYPE_LAYER_OWNERSHIP,
  clusterStateReadPermission,
  coverageReadPermission,
  scorecardReadPermission,
  exemptionReadPermission,
  exemptionCreatePermission,
  exemptionDeletePermission,
  imagesReadPermission,
  observabilityReadPermission,
  ownershipReadPermission,
  ownershipUpdatePermission,
  runtimeStackPermissions,
} from './permissions';
export {
  OWNERSHIP_SCOPE_KINDS,
  OWNERSHIP_RESPONSIBILITIES,
} from './ownership/types';
export type {
  OwnershipScopeKind,
  OwnershipResponsibility,
  OwnershipScope,
  LayerOwnership,
  LayerOwnershipInput,
  OwnershipChange,
} from './ownership/types';
export {
  MAX_OWNERSHIP_NOTE_LENGTH,
  normalizeEntityRef,
  normalizeOwnershipScope,
  ownershipAssignmentSchema,
  parseInput,
  parseOwnershipAssignment,
  resolveOwnershipTarget,
  toOwnershipAssignment,
} from './ownership/ownershipInput';
export type { OwnershipAssignment } from './ownership/ownershipInput';
export type {
  OwnershipOrigin,
  EffectiveOwner,
  EffectiveCapabilityOwnership,
  EffectiveOwnership,
} from './ownership/effectiveOwnership';
export {
  ECOSYSTEM_ANNOTATIONS,
  RUNTIME_STACK_ANNOTATION_PREFIX,
} from './annotations';
export {
  readDeclaredStack,
  mergeDeclaredStacks,
  isDeclarableImageRepository,
} from './declaredStack';
export { declaredEvidence } from './declaredEvidence';
export {
  CLAIM_ONLY_HINTS,
  DELIVERY_HINTS,
  ECOSYSTEM_TOOL_RULES,
  ecosystemAnnotationsFor,
  readEcosystemTools,
  sourceControlToolOf,
  registryToolOf,
} from './ecosystemTools';
export type { EcosystemTool, EcosystemToolRule } from './ecosystemTools';
export type {
  DeclaredStack,
  DeclaredStackSource,
  DeclaredStackProblem,
  DeclaredStackReferences,
  DeclaredOwnerOverride,
  OwnerOverrideTarget,
} from './declaredStack';
export type { ClusterObject } from './cluster/clusterObjects';
export {
  hasRunningPods,
  podSpecOf,
  WORKLOAD_KINDS,
} from './detection/objectFields';
export type { JsonRecord } from './detection/objectFields';
export type {
  ClusterFreshness,
  ClusterObjectRef,
  ClusterDashboard,
  ClusterSummary,
  EntityClusters,
  EntityClusterView,
  WorkloadSummary,
} from './cluster/clusterViews';
export { DNS_LABEL_PATTERN, isDnsLabel } from './cluster/kubernetesNames';
export {
  matchesLabelSelector,
  parseLabelSelector,
  type LabelRequirement,
} from './cluster/labelSelector';
export {
  chosenOption,
  describePlatformMismatch,
  hasClusterBoundChoice,
  platformMismatches,
  runtimeClassesOf,
} from './cluster/platformMismatches';
export type {
  ClusterBoundChoices,
  PlatformMismatch,
} from './cluster/platformMismatches';
export {
  defaultDetectionRules,
  validateDetectionRules,
  detectClusterTools,
  detectServiceTools,
  toolsProvidedByCluster,
  describeDetectionEvidence,
  imageScansOf,
} from './detection';
export type {
  DetectionEvidence,
  DetectionMatcher,
  DetectionMatcherTarget,
  DetectionRule,
  ToolFinding,
} from './detection';
export type {
  EntityImages,
  ImageDrift,
  ImageDriftFacts,
  ImageScan,
  RegistryTag,
  ServiceImage,
} from './images/imageViews';
export { describeImageDrift } from './images/imageViews';
export { runningSummary, shortDigest } from './images/runningSummary';
export type { RunningSummary } from './images/runningSummary';
export type {
  EntityObservability,
  ObservabilityCounts,
  ObservabilityEvidence,
  ObservabilityLink,
  ServiceAlert,
  ServiceGrafanaAlert,
  ServiceRule,
  ServiceTarget,
} from './observability/observabilityViews';
export {
  ANY_SERVICE_LABEL,
  describeObservabilityCounts,
} from './observability/observabilityViews';
export { TELEMETRY_HINTS } from './observability/telemetryHints';
export { asSentence } from './asSentence';
export {
  defaultRequirementProfiles,
  validateRequirementProfiles,
  BUILT_IN_PROFILE_LIFECYCLES,
  chooseRequirementProfile,
  describeProfileReason,
  computeCoverage,
  coverageHintParts,
  describeCoverageHint,
  describeEvidenceDetail,
  partialEvidence,
  withEvidenceDetail,
  aggregateSystemCoverage,
  withOwners,
  coverageRatio,
  displayedPercent,
  formatPercent,
  coverageSignalChannel,
} from './layerCoverage';
export type {
  CapabilityCoverage,
  CoverageChangedSignal,
  CapabilityRequirement,
  CoverageEvidence,
  CoverageExemption,
  CoverageHintParts,
  EvidenceDetailParts,
  HealthCheckTool,
  LayerCoverage,
  OfferedTool,
  ProfileChoice,
  ProfileReasonParts,
  ProfileRule,
  RequirementProfile,
  RequirementProfileSettings,
  ServiceCoverage,
} from './layerCoverage';
export type {
  AggregatedGap,
  ComponentCoverageSummary,
  EntityCoverage,
  PlannedServiceEvidence,
  SystemCoverage,
} from './coverageViews';
export type {
  CapabilityAdoption,
  CoverageCounts,
  CoverageTrend,
  EstateAdoption,
  Exemption,
  ExemptionInput,
  RuntimeStackSearchDocument,
  SearchableService,
  SearchableServicePage,
  ServiceGap,
  ServiceScore,
  ServiceScorePage,
  ServiceScoreQuery,
  TeamCoverageCell,
  TeamCoverageRow,
  TeamScorecard,
  TeamView,
  TrendPoint,
  TrendSubject,
} from './scorecards/types';
export {
  backoffDelay,
  isRetryableStatus,
  MAX_RETRY_WAIT_MS,
  parseRetryAfter,
  retryWaitMs,
} from './http/retryDelay';
