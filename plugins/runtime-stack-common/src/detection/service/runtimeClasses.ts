import type { DetectedTool } from '../findings';
import { evidenceOf, podSpecFieldOf, WORKLOAD_KINDS } from '../objectFields';
import { ofKind, ServiceScope, toolsOfNamedObject } from './serviceScope';

/**
 * The sandboxed runtime the service's pods run in: pod template →
 * `runtimeClassName` → the RuntimeClass → the rules for its handler (runsc
 * for gVisor, kata-* for Kata Containers). Pods stand in for workloads only
 * when the service has none, so one Deployment is not counted per replica.
 */
export function runtimeClassTools(scope: ServiceScope): DetectedTool[] {
  const classes = ofKind(scope.clusterObjects, 'RuntimeClass');
  if (classes.length === 0) {
    return [];
  }
  const workloads = scope.serviceObjects.filter(o =>
    WORKLOAD_KINDS.has(o.kind),
  );
  const podBearing =
    workloads.length > 0 ? workloads : ofKind(scope.serviceObjects, 'Pod');
  return podBearing.flatMap(object => {
    const reference = podSpecFieldOf(object, 'runtimeClassName');
    return reference
      ? toolsOfNamedObject(scope.rules, classes, reference.value, [
          evidenceOf(object, reference.field, reference.value),
        ])
      : [];
  });
}
