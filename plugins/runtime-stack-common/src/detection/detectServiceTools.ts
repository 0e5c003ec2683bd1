import type { ClusterObject } from '../cluster/clusterObjects';
import { defaultLayerModel } from '../layers/defaultLayerModel';
import type { LayerModel } from '../layers/types';
import { compileRules, matchRules } from './compiledRules';
import { defaultDetectionRules } from './defaultDetectionRules';
import { toFindings } from './findings';
import {
  gatekeeperConstraintTools,
  kyvernoPolicyTools,
} from './service/admissionPolicies';
import { alertingRuleTools } from './service/alertingRules';
import { argoCdApplicationTools } from './service/argoCdApplications';
import { backupScheduleTools } from './service/backupSchedules';
import { certificateSecretTools } from './service/certificateSecrets';
import { ingressControllerTools } from './service/ingressControllers';
import {
  podMonitorTools,
  serviceMonitorTools,
} from './service/metricsMonitors';
import { networkPolicyTools } from './service/networkPolicies';
import { runtimeClassTools } from './service/runtimeClasses';
import type { ServiceReasoning } from './service/serviceScope';
import { vulnerabilityReportTools } from './service/vulnerabilityReports';
import { storageDriverTools } from './service/storageDrivers';
import type { DetectionRule, ToolFinding } from './types';

/**
 * Steps that follow a service's objects to the cluster objects they depend
 * on. Cluster-wide facts such as the CNI or the nodes' container runtime
 * are not among them: every service shares those, so they say nothing about
 * one. A RuntimeClass is: only the pods that name it run in it.
 */
const SERVICE_REASONING: ServiceReasoning[] = [
  ingressControllerTools,
  storageDriverTools,
  certificateSecretTools,
  serviceMonitorTools,
  podMonitorTools,
  alertingRuleTools,
  argoCdApplicationTools,
  backupScheduleTools,
  networkPolicyTools,
  kyvernoPolicyTools,
  gatekeeperConstraintTools,
  runtimeClassTools,
  vulnerabilityReportTools,
];

/**
 * The tools one service actually uses, with evidence: detection rules
 * applied to its own objects (sidecars, Helm and Flux labels, scrape and
 * issuer annotations), plus what its objects lead to in the cluster (its
 * IngressClass, StorageClass, ServiceMonitors, PrometheusRules, Argo CD
 * Application, Velero Schedules, NetworkPolicies, admission policies,
 * RuntimeClass and Trivy's VulnerabilityReports).
 *
 * @public
 */
export function detectServiceTools(
  input: { serviceObjects: ClusterObject[]; clusterObjects: ClusterObject[] },
  rules: DetectionRule[] = defaultDetectionRules,
  layerModel: LayerModel = defaultLayerModel,
): ToolFinding[] {
  const compiled = compileRules(rules, layerModel);
  const scope = { ...input, rules: compiled };
  return toFindings(
    [
      ...matchRules(compiled, input.serviceObjects),
      ...SERVICE_REASONING.flatMap(reason => reason(scope)),
    ],
    layerModel,
  );
}
