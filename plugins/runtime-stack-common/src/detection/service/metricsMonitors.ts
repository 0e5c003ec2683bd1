import type { ClusterObject } from '../../cluster/clusterObjects';
import type { DetectedTool } from '../findings';
import {
  describeSelectedLabels,
  describeSelector,
  labelSelectorMatches,
} from '../labelSelectors';
import {
  evidenceOf,
  stringsAt,
  valueAt,
  type PodLabels,
} from '../objectFields';
import { ofKind, podLabelSetsOf, ServiceScope } from './serviceScope';

const PROMETHEUS_OPERATOR = {
  tool: 'prometheus-operator',
  capability: 'metrics',
};
const MONITORING_GROUP = 'monitoring.coreos.com';

/**
 * Whether a ServiceMonitor or PodMonitor looks into a namespace: its own by
 * default, the listed ones with `namespaceSelector.matchNames`, every one
 * with `namespaceSelector.any`.
 */
export function monitorWatchesNamespace(
  monitor: ClusterObject,
  namespace: string | undefined,
): boolean {
  if (valueAt(monitor, ['spec', 'namespaceSelector', 'any']) === true) {
    return true;
  }
  const names = stringsAt(monitor, ['spec', 'namespaceSelector', 'matchNames']);
  return names.length > 0
    ? names.includes(namespace ?? '')
    : monitor.metadata.namespace === namespace;
}

/** Evidence for every monitor whose selector picks one of the targets. */
function monitorsSelecting(
  monitors: ClusterObject[],
  targets: PodLabels[],
): DetectedTool[] {
  return targets.flatMap(target =>
    monitors.flatMap(monitor => {
      const selector = valueAt(monitor, ['spec', 'selector']);
      if (
        !monitorWatchesNamespace(monitor, target.object.metadata.namespace) ||
        !labelSelectorMatches(selector, target.labels)
      ) {
        return [];
      }
      return [
        {
          ...PROMETHEUS_OPERATOR,
          evidence: [
            evidenceOf(monitor, 'spec.selector', describeSelector(selector)),
            evidenceOf(
              target.object,
              target.field,
              describeSelectedLabels(selector, target.labels),
            ),
          ],
        },
      ];
    }),
  );
}

/** ServiceMonitors whose selector picks one of the service's Services. */
export function serviceMonitorTools(scope: ServiceScope): DetectedTool[] {
  return monitorsSelecting(
    ofKind(scope.clusterObjects, 'ServiceMonitor', MONITORING_GROUP),
    ofKind(scope.serviceObjects, 'Service').map(service => ({
      object: service,
      labels: service.metadata.labels ?? {},
      field: 'metadata.labels',
    })),
  );
}

/** PodMonitors whose selector picks the service's pods. */
export function podMonitorTools(scope: ServiceScope): DetectedTool[] {
  return monitorsSelecting(
    ofKind(scope.clusterObjects, 'PodMonitor', MONITORING_GROUP),
    podLabelSetsOf(scope.serviceObjects),
  );
}
