import type { ClusterObject } from '../../cluster/clusterObjects';
import type { DetectedTool } from '../findings';
import { MATCHER_CONDITIONS } from '../matcherConditions';
import { evidenceOf, recordsAt, stringAt } from '../objectFields';
import type { DetectionEvidence } from '../types';
import {
  ofKind,
  ServiceScope,
  toolsOfNamedObject,
  toolsOfRelatedObject,
} from './serviceScope';

interface StorageClassClaim {
  storageClassName: string;
  evidence: DetectionEvidence;
}

/**
 * The StorageClasses the service's volumes come from: its claims, and the
 * claim templates of its StatefulSets, which may not have claims yet. Claims
 * without a class got the default one written in by admission, so the
 * collected objects already name it.
 */
export function storageClassClaims(
  objects: ClusterObject[],
): StorageClassClaim[] {
  const fromClaims = ofKind(objects, 'PersistentVolumeClaim').flatMap(claim => {
    const name = stringAt(claim, ['spec', 'storageClassName']);
    return name
      ? [
          {
            storageClassName: name,
            evidence: evidenceOf(claim, 'spec.storageClassName', name),
          },
        ]
      : [];
  });
  const fromTemplates = ofKind(objects, 'StatefulSet').flatMap(statefulSet =>
    recordsAt(statefulSet, ['spec', 'volumeClaimTemplates']).flatMap(
      (template, index) => {
        const name = stringAt(template, ['spec', 'storageClassName']);
        return name
          ? [
              {
                storageClassName: name,
                evidence: evidenceOf(
                  statefulSet,
                  `spec.volumeClaimTemplates[${index}].spec.storageClassName`,
                  name,
                ),
              },
            ]
          : [];
      },
    ),
  );
  return [...fromClaims, ...fromTemplates];
}

/**
 * The storage driver behind the service's volumes: claim → StorageClass →
 * its provisioner, and the CSIDriver of that name when the cluster has one.
 */
export function storageDriverTools(scope: ServiceScope): DetectedTool[] {
  const storageClasses = ofKind(scope.clusterObjects, 'StorageClass');
  const csiDrivers = ofKind(scope.clusterObjects, 'CSIDriver');
  return storageClassClaims(scope.serviceObjects).flatMap(claim => {
    const storageClass = storageClasses.find(
      s => s.metadata.name === claim.storageClassName,
    );
    if (!storageClass) {
      return [];
    }
    const viaClass = toolsOfRelatedObject(scope.rules, storageClass, [
      claim.evidence,
    ]);
    const provisioner = MATCHER_CONDITIONS.provisioner.read(
      storageClass,
      {},
    )[0];
    const viaDriver = provisioner
      ? toolsOfNamedObject(scope.rules, csiDrivers, provisioner.value, [
          claim.evidence,
          evidenceOf(storageClass, provisioner.field, provisioner.value),
        ])
      : [];
    return [...viaClass, ...viaDriver];
  });
}
