import { checkoutIngress } from '../__fixtures__/checkoutService';
import { resource } from '../__fixtures__/kubernetesObjects';
import { scopeOf } from '../__fixtures__/serviceScope';
import { certificateSecretTools } from './certificateSecrets';

const certificate = (namespace: string, secretName: string) =>
  resource('cert-manager.io/v1', 'Certificate', secretName, {
    namespace,
    spec: {
      secretName,
      dnsNames: ['checkout.shop.example.com'],
      issuerRef: { kind: 'ClusterIssuer', name: 'letsencrypt-prod' },
    },
  });

describe('certificateSecretTools', () => {
  it('links the Ingress TLS secret to the Certificate that writes it', () => {
    expect(
      certificateSecretTools(
        scopeOf([checkoutIngress], [certificate('shop', 'checkout-tls')]),
      ),
    ).toEqual([
      {
        tool: 'cert-manager',
        capability: 'certificate-management',
        evidence: [
          expect.objectContaining({
            kind: 'Ingress',
            field: 'spec.tls[0].secretName',
            value: 'checkout-tls',
          }),
          expect.objectContaining({
            kind: 'Certificate',
            apiVersion: 'cert-manager.io/v1',
            namespace: 'shop',
            field: 'spec.secretName',
            value: 'checkout-tls',
          }),
        ],
      },
    ]);
  });

  it('ignores Certificates for other secrets or in other namespaces', () => {
    expect(
      certificateSecretTools(
        scopeOf(
          [checkoutIngress],
          [
            certificate('shop', 'payments-tls'),
            certificate('staging', 'checkout-tls'),
          ],
        ),
      ),
    ).toEqual([]);
  });
});
