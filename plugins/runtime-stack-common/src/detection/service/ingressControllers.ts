import type { ClusterObject } from '../../cluster/clusterObjects';
import type { DetectedTool } from '../findings';
import { evidenceOf, stringAt } from '../objectFields';
import { ofKind, ServiceScope, toolsOfNamedObject } from './serviceScope';

const LEGACY_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

/** The IngressClass an Ingress names; the field wins over the old annotation. */
export function ingressClassReference(
  ingress: ClusterObject,
): { field: string; value: string } | undefined {
  const className = stringAt(ingress, ['spec', 'ingressClassName']);
  if (className) {
    return { field: 'spec.ingressClassName', value: className };
  }
  const annotated = ingress.metadata.annotations?.[LEGACY_CLASS_ANNOTATION];
  return annotated
    ? {
        field: `metadata.annotations[${LEGACY_CLASS_ANNOTATION}]`,
        value: annotated,
      }
    : undefined;
}

/**
 * The ingress controller that serves the service's Ingresses: Ingress →
 * IngressClass → the rules for that class's `spec.controller`. Any capability
 * can claim a controller, so `ingress.k8s.aws/alb` lands on load balancing.
 */
export function ingressControllerTools(scope: ServiceScope): DetectedTool[] {
  const classes = ofKind(scope.clusterObjects, 'IngressClass');
  return ofKind(scope.serviceObjects, 'Ingress').flatMap(ingress => {
    const reference = ingressClassReference(ingress);
    return reference
      ? toolsOfNamedObject(scope.rules, classes, reference.value, [
          evidenceOf(ingress, reference.field, reference.value),
        ])
      : [];
  });
}
