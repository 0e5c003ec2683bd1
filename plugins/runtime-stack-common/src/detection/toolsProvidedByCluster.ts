import { defaultLayerModel } from '../layers/defaultLayerModel';
import type { LayerModel } from '../layers/types';
import type { ToolFinding } from './types';

/**
 * Objects a cluster offers and a workload must name to use: a RuntimeClass
 * (`spec.runtimeClassName`), an IngressClass, a StorageClass. Their presence
 * proves the tool is there, not that every workload runs with it.
 */
const CLASSES_WORKLOADS_OPT_INTO: ReadonlySet<string> = new Set([
  'RuntimeClass',
  'IngressClass',
  'StorageClass',
]);

/**
 * Of the tools detected on a cluster, those every workload on it runs with:
 * the tools of capabilities marked `providedByCluster` (its platform, DNS,
 * container runtime, CNI). A service running on the cluster uses them,
 * whatever its own objects show. A tool proven only by a class workloads opt
 * into (gVisor by its RuntimeClass) is left to the services that name it.
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
  return clusterTools.flatMap(finding => {
    if (!provided.has(finding.capability)) {
      return [];
    }
    const evidence = finding.evidence.filter(
      e => !CLASSES_WORKLOADS_OPT_INTO.has(e.kind),
    );
    return evidence.length > 0 ? [{ ...finding, evidence }] : [];
  });
}
