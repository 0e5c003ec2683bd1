import type { ClusterObject } from '../../cluster/clusterObjects';
import type { DetectedTool } from '../findings';
import { evidenceOf, stringsAt, valueAt } from '../objectFields';
import type { DetectionEvidence } from '../types';
import {
  namespacePatternMatches,
  namespacesOf,
  ofKind,
  ServiceScope,
} from './serviceScope';

const VELERO = { tool: 'velero', capability: 'data-protection' };

/** Why a Velero Schedule backs up a namespace, or undefined when it does not. */
export function scheduleCoversNamespace(
  schedule: ClusterObject,
  namespace: string,
): DetectionEvidence | undefined {
  if (valueAt(schedule, ['spec', 'paused']) === true) {
    return undefined;
  }
  const excluded = stringsAt(schedule, [
    'spec',
    'template',
    'excludedNamespaces',
  ]);
  if (excluded.some(p => namespacePatternMatches(p, namespace))) {
    return undefined;
  }
  const included = stringsAt(schedule, [
    'spec',
    'template',
    'includedNamespaces',
  ]);
  const field = 'spec.template.includedNamespaces';
  if (included.length === 0) {
    // Velero backs up every namespace when none are listed.
    return evidenceOf(schedule, field, '(unset: all namespaces)');
  }
  const hit = included.find(p => namespacePatternMatches(p, namespace));
  return hit === undefined ? undefined : evidenceOf(schedule, field, hit);
}

/** Velero protects the service when a Schedule covers its namespace. */
export function backupScheduleTools(scope: ServiceScope): DetectedTool[] {
  const schedules = ofKind(scope.clusterObjects, 'Schedule', 'velero.io');
  return [...namespacesOf(scope.serviceObjects)].flatMap(namespace =>
    schedules.flatMap(schedule => {
      const evidence = scheduleCoversNamespace(schedule, namespace);
      return evidence ? [{ ...VELERO, evidence: [evidence] }] : [];
    }),
  );
}
