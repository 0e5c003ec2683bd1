import type { ClusterObject } from '../cluster/clusterObjects';
import { defaultLayerModel } from '../layers/defaultLayerModel';
import type { LayerModel } from '../layers/types';
import { compileRules, matchRules } from './compiledRules';
import { defaultDetectionRules } from './defaultDetectionRules';
import { toFindings } from './findings';
import type { DetectionRule, ToolFinding } from './types';

/**
 * The tools a cluster runs, such as Cilium, cert-manager and Argo CD, found
 * by applying detection rules to every collected object. Sorted by layer,
 * capability and tool; rules that do not validate against the layer model
 * are skipped.
 *
 * @public
 */
export function detectClusterTools(
  objects: ClusterObject[],
  rules: DetectionRule[] = defaultDetectionRules,
  layerModel: LayerModel = defaultLayerModel,
): ToolFinding[] {
  return toFindings(
    matchRules(compileRules(rules, layerModel), objects),
    layerModel,
  );
}
