import type { JsonObject } from '@backstage/types';
import { checkoutDeployment } from '../__fixtures__/checkoutService';
import { deployment, resource } from '../__fixtures__/kubernetesObjects';
import { scopeOf } from '../__fixtures__/serviceScope';
import { alertingRuleTools } from './alertingRules';

const groups: JsonObject = {
  groups: [
    {
      name: 'checkout.rules',
      rules: [
        {
          alert: 'CheckoutHighErrorRate',
          expr: 'sum(rate(http_requests_total{job="checkout",code=~"5.."}[5m])) > 1',
          for: '10m',
        },
      ],
    },
  ],
};

const prometheusRule = (
  name: string,
  namespace: string,
  labels: Record<string, string> = {},
) =>
  resource('monitoring.coreos.com/v1', 'PrometheusRule', name, {
    namespace,
    labels: { release: 'kube-prometheus-stack', ...labels },
    spec: groups,
  });

describe('alertingRuleTools', () => {
  it('finds a PrometheusRule labelled with the application name of a workload', () => {
    const rule = prometheusRule('checkout-alerts', 'shop', {
      'app.kubernetes.io/name': 'checkout',
    });
    expect(alertingRuleTools(scopeOf([checkoutDeployment], [rule]))).toEqual([
      {
        tool: 'alertmanager',
        capability: 'alerting',
        evidence: [
          expect.objectContaining({
            kind: 'PrometheusRule',
            name: 'checkout-alerts',
            field: 'metadata.labels[app.kubernetes.io/name]',
            value: 'checkout',
          }),
          expect.objectContaining({
            kind: 'Deployment',
            name: 'checkout',
            field: 'metadata.labels[app.kubernetes.io/name]',
          }),
        ],
      },
    ]);
  });

  it('accepts the Backstage id label and a rule named after the workload', () => {
    const tagged = deployment('checkout-worker', {
      namespace: 'shop',
      labels: { 'backstage.io/kubernetes-id': 'checkout' },
      containers: [
        { name: 'worker', image: 'ghcr.io/acme/checkout-worker:1.4.2' },
      ],
    });
    const byId = prometheusRule('shop-alerts', 'shop', {
      'backstage.io/kubernetes-id': 'checkout',
    });
    const byName = prometheusRule('checkout', 'shop');
    const tools = alertingRuleTools(scopeOf([tagged], [byId, byName]));
    expect(tools.map(t => t.evidence[0].field)).toEqual([
      'metadata.labels[backstage.io/kubernetes-id]',
      'metadata.name',
    ]);
  });

  it('ignores rules for other applications or in other namespaces', () => {
    const other = prometheusRule('payments-alerts', 'shop', {
      'app.kubernetes.io/name': 'payments',
    });
    const elsewhere = prometheusRule('checkout', 'staging', {
      'app.kubernetes.io/name': 'checkout',
    });
    expect(
      alertingRuleTools(scopeOf([checkoutDeployment], [other, elsewhere])),
    ).toEqual([]);
  });
});
