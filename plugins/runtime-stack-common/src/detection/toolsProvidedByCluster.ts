import { defaultLayerModel } from '../layers/defaultLayerModel';
import type { LayerModel } from '../layers/types';
import type { ToolFinding } from './types';

/**
 * Of the tools detected on a cluster, those every workload on it runs with:
 * the tools of capabilities marked `providedByCluster` (its platform, DNS,
 * container runtime, CNI). A service running on the cluster uses them,
 * whatever its own objects show.
 *
 * @public
 */
export function toolsProvidedByCluster(
  clusterTools: ToolFinding[],
  layerModel: LayerModel = defaultLayerModel,
): ToolFinding[] {
  const provided = new Set(
    layerModel.layers
      .flatMap(layer => layer.capabilities)
      .filter(capability => capability.providedByCluster)
      .map(capability => capability.id),
  );
  return clusterTools.filter(finding => provided.has(finding.capability));
}
