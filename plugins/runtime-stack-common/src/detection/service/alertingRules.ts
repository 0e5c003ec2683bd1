import type { ClusterObject } from '../../cluster/clusterObjects';
import type { DetectedTool } from '../findings';
import { evidenceOf, WORKLOAD_KINDS } from '../objectFields';
import type { DetectionEvidence } from '../types';
import { namespacesOf, ofKind, ServiceScope } from './serviceScope';

const ALERTMANAGER = { tool: 'alertmanager', capability: 'alerting' };

/** Labels that name the application a PrometheusRule is about. */
export const APPLICATION_IDENTITY_LABELS = [
  'app.kubernetes.io/name',
  'backstage.io/kubernetes-id',
];

/** Why a PrometheusRule is about a workload, or undefined when it is not. */
function ruleTargetsWorkload(
  rule: ClusterObject,
  workload: ClusterObject,
): DetectionEvidence[] | undefined {
  const ruleLabels = rule.metadata.labels ?? {};
  const workloadLabels = workload.metadata.labels ?? {};
  for (const key of APPLICATION_IDENTITY_LABELS) {
    if (
      ruleLabels[key] !== undefined &&
      ruleLabels[key] === workloadLabels[key]
    ) {
      return [
        evidenceOf(rule, `metadata.labels[${key}]`, ruleLabels[key]),
        evidenceOf(workload, `metadata.labels[${key}]`, workloadLabels[key]),
      ];
    }
  }
  const ruleName = rule.metadata.name;
  if (ruleName === workload.metadata.name) {
    return [
      evidenceOf(rule, 'metadata.name', ruleName),
      evidenceOf(workload, 'metadata.name', ruleName),
    ];
  }
  const namingKey = APPLICATION_IDENTITY_LABELS.find(
    key => workloadLabels[key] === ruleName,
  );
  return namingKey
    ? [
        evidenceOf(rule, 'metadata.name', ruleName),
        evidenceOf(workload, `metadata.labels[${namingKey}]`, ruleName),
      ]
    : undefined;
}

/**
 * Alerts are defined for the service when a PrometheusRule in its namespace
 * carries the same application label as one of its workloads, or is named
 * after one. Prometheus evaluates those rules and Alertmanager routes them.
 */
export function alertingRuleTools(scope: ServiceScope): DetectedTool[] {
  const namespaces = namespacesOf(scope.serviceObjects);
  const rules = ofKind(
    scope.clusterObjects,
    'PrometheusRule',
    'monitoring.coreos.com',
  ).filter(r => namespaces.has(r.metadata.namespace ?? ''));
  const workloads = scope.serviceObjects.filter(o =>
    WORKLOAD_KINDS.has(o.kind),
  );
  return rules.flatMap(rule =>
    workloads.flatMap(workload => {
      const evidence =
        rule.metadata.namespace === workload.metadata.namespace
          ? ruleTargetsWorkload(rule, workload)
          : undefined;
      return evidence ? [{ ...ALERTMANAGER, evidence }] : [];
    }),
  );
}
