import type { ClusterObject } from '../../cluster/clusterObjects';
import type { DetectedTool } from '../findings';
import {
  describeSelectedLabels,
  describeSelector,
  labelSelectorMatches,
} from '../labelSelectors';
import { evidenceOf, stringsAt, valueAt } from '../objectFields';
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

/** ServiceMonitors whose selector picks one of the service's Services. */
export function serviceMonitorTools(scope: ServiceScope): DetectedTool[] {
  const monitors = ofKind(
    scope.clusterObjects,
    'ServiceMonitor',
    MONITORING_GROUP,
  );
  return ofKind(scope.serviceObjects, 'Service').flatMap(service =>
    monitors.flatMap(monitor => {
      const selector = valueAt(monitor, ['spec', 'selector']);
      const labels = service.metadata.labels ?? {};
      if (
        !monitorWatchesNamespace(monitor, service.metadata.namespace) ||
        !labelSelectorMatches(selector, labels)
      ) {
        return [];
      }
      return [
        {
          ...PROMETHEUS_OPERATOR,
          evidence: [
            evidenceOf(monitor, 'spec.selector', describeSelector(selector)),
            evidenceOf(
              service,
              'metadata.labels',
              describeSelectedLabels(selector, labels),
            ),
          ],
        },
      ];
    }),
  );
}

/** PodMonitors whose selector picks the service's pods. */
export function podMonitorTools(scope: ServiceScope): DetectedTool[] {
  const monitors = ofKind(scope.clusterObjects, 'PodMonitor', MONITORING_GROUP);
  return podLabelSetsOf(scope.serviceObjects).flatMap(pods =>
    monitors.flatMap(monitor => {
      const selector = valueAt(monitor, ['spec', 'selector']);
      if (
        !monitorWatchesNamespace(monitor, pods.object.metadata.namespace) ||
        !labelSelectorMatches(selector, pods.labels)
      ) {
        return [];
      }
      return [
        {
          ...PROMETHEUS_OPERATOR,
          evidence: [
            evidenceOf(monitor, 'spec.selector', describeSelector(selector)),
            evidenceOf(
              pods.object,
              pods.field,
              describeSelectedLabels(selector, pods.labels),
            ),
          ],
        },
      ];
    }),
  );
}
