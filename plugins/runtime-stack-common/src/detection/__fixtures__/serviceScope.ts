import type { ClusterObject } from '../../cluster/clusterObjects';
import { defaultLayerModel } from '../../layers/defaultLayerModel';
import { compileRules } from '../compiledRules';
import { defaultDetectionRules } from '../defaultDetectionRules';
import type { ServiceScope } from '../service/serviceScope';

const rules = compileRules(defaultDetectionRules, defaultLayerModel);

/** A service scope with the default rules; the cluster includes the service. */
export function scopeOf(
  serviceObjects: ClusterObject[],
  otherClusterObjects: ClusterObject[] = [],
): ServiceScope {
  return {
    serviceObjects,
    clusterObjects: [...otherClusterObjects, ...serviceObjects],
    rules,
  };
}
