import type { JsonObject } from '@backstage/types';
import {
  checkoutDeployment,
  checkoutPod,
} from '../__fixtures__/checkoutService';
import { resource } from '../__fixtures__/kubernetesObjects';
import { scopeOf } from '../__fixtures__/serviceScope';
import { networkPolicyTools } from './networkPolicies';

const networkPolicy = (
  name: string,
  namespace: string,
  podSelector: JsonObject,
) =>
  resource('networking.k8s.io/v1', 'NetworkPolicy', name, {
    namespace,
    spec: {
      podSelector,
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [
            { namespaceSelector: { matchLabels: { name: 'ingress-nginx' } } },
          ],
        },
      ],
    },
  });

describe('networkPolicyTools', () => {
  it('finds a NetworkPolicy whose pod selector picks the pods', () => {
    const policy = networkPolicy('checkout-ingress', 'shop', {
      matchLabels: { 'app.kubernetes.io/name': 'checkout' },
    });
    expect(networkPolicyTools(scopeOf([checkoutPod], [policy]))).toEqual([
      {
        tool: 'kubernetes-network-policy',
        capability: 'policy',
        evidence: [
          expect.objectContaining({
            kind: 'NetworkPolicy',
            name: 'checkout-ingress',
            field: 'spec.podSelector',
            value: 'app.kubernetes.io/name=checkout',
          }),
          expect.objectContaining({
            kind: 'Pod',
            field: 'metadata.labels',
            value: 'app.kubernetes.io/name=checkout',
          }),
        ],
      },
    ]);
  });

  it('counts a default-deny policy with an empty selector for every pod', () => {
    const tools = networkPolicyTools(
      scopeOf(
        [checkoutDeployment],
        [networkPolicy('default-deny', 'shop', {})],
      ),
    );
    expect(tools[0].evidence[0].value).toBe('(everything)');
  });

  it('ignores policies for other pods or in other namespaces', () => {
    const policies = [
      networkPolicy('cart', 'shop', {
        matchLabels: { 'app.kubernetes.io/name': 'cart' },
      }),
      networkPolicy('default-deny', 'payments', {}),
    ];
    expect(
      networkPolicyTools(scopeOf([checkoutDeployment, checkoutPod], policies)),
    ).toEqual([]);
  });
});
