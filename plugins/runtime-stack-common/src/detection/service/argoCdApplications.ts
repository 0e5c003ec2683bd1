import type { ClusterObject } from '../../cluster/clusterObjects';
import type { DetectedTool } from '../findings';
import { evidenceOf, stringAt } from '../objectFields';
import type { DetectionEvidence } from '../types';
import { ofKind, ServiceScope } from './serviceScope';

const ARGO_CD = { tool: 'argo-cd', capability: 'gitops' };
const INSTANCE_LABEL = 'app.kubernetes.io/instance';
const TRACKING_ANNOTATION = 'argocd.argoproj.io/tracking-id';

/** Pods and ReplicaSets copy their owner's marks; the owner is evidence enough. */
const DERIVED_KINDS = new Set(['Pod', 'ReplicaSet']);

/**
 * The application part of a tracking id, `<app>:<group>/<kind>:<ns>/<name>`,
 * where apps outside Argo CD's namespace are written `<app-namespace>_<app>`.
 */
export function trackedApplication(trackingId: string): string {
  return trackingId.split(':')[0];
}

function marksOf(
  object: ClusterObject,
  application: ClusterObject,
): DetectionEvidence | undefined {
  const appName = application.metadata.name;
  const qualifiedName = `${application.metadata.namespace}_${appName}`;
  const trackingId = object.metadata.annotations?.[TRACKING_ANNOTATION];
  if (
    trackingId &&
    [appName, qualifiedName].includes(trackedApplication(trackingId))
  ) {
    return evidenceOf(
      object,
      `metadata.annotations[${TRACKING_ANNOTATION}]`,
      trackingId,
    );
  }
  // Argo CD's older label tracking; Helm sets the same label, hence the
  // check against an Application that deploys into this namespace.
  const instance = object.metadata.labels?.[INSTANCE_LABEL];
  return instance === appName
    ? evidenceOf(object, `metadata.labels[${INSTANCE_LABEL}]`, instance)
    : undefined;
}

/**
 * Argo CD deploys the service when its objects are tracked by an Argo CD
 * Application whose destination is the service's namespace.
 */
export function argoCdApplicationTools(scope: ServiceScope): DetectedTool[] {
  const applications = ofKind(
    scope.clusterObjects,
    'Application',
    'argoproj.io',
  );
  return scope.serviceObjects
    .filter(o => !DERIVED_KINDS.has(o.kind))
    .flatMap(object =>
      applications.flatMap(application => {
        const destination = stringAt(application, [
          'spec',
          'destination',
          'namespace',
        ]);
        const mark =
          destination === object.metadata.namespace
            ? marksOf(object, application)
            : undefined;
        return mark
          ? [
              {
                ...ARGO_CD,
                evidence: [
                  mark,
                  evidenceOf(
                    application,
                    'spec.destination.namespace',
                    destination!,
                  ),
                ],
              },
            ]
          : [];
      }),
    );
}
