import type { DetectedTool } from '../findings';
import { evidenceOf, recordsAt, stringAt } from '../objectFields';
import { ofKind, ServiceScope } from './serviceScope';

const CERT_MANAGER = {
  tool: 'cert-manager',
  capability: 'certificate-management',
};

/**
 * cert-manager issues the service's TLS certificate when a Certificate in
 * the Ingress's namespace writes the Secret the Ingress serves. Issuer
 * annotations on the Ingress are plain detection rules.
 */
export function certificateSecretTools(scope: ServiceScope): DetectedTool[] {
  const certificates = ofKind(
    scope.clusterObjects,
    'Certificate',
    'cert-manager.io',
  );
  return ofKind(scope.serviceObjects, 'Ingress').flatMap(ingress =>
    recordsAt(ingress, ['spec', 'tls']).flatMap((tls, index) => {
      const secretName =
        typeof tls.secretName === 'string' ? tls.secretName : undefined;
      const certificate = certificates.find(
        c =>
          c.metadata.namespace === ingress.metadata.namespace &&
          stringAt(c, ['spec', 'secretName']) === secretName,
      );
      if (!secretName || !certificate) {
        return [];
      }
      return [
        {
          ...CERT_MANAGER,
          evidence: [
            evidenceOf(ingress, `spec.tls[${index}].secretName`, secretName),
            evidenceOf(certificate, 'spec.secretName', secretName),
          ],
        },
      ];
    }),
  );
}
