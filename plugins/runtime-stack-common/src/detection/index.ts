export type {
  DetectionEvidence,
  DetectionMatcher,
  DetectionMatcherTarget,
  DetectionRule,
  ToolFinding,
} from './types';
export { describeDetectionEvidence } from './types';
export { defaultDetectionRules } from './defaultDetectionRules';
export { validateDetectionRules } from './validateDetectionRules';
export { detectClusterTools } from './detectClusterTools';
export { detectServiceTools } from './detectServiceTools';
export { toolsProvidedByCluster } from './toolsProvidedByCluster';
export { imageScansOf } from './service/vulnerabilityReports';
