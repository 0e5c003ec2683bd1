import {
  checkoutDeployment,
  checkoutPod,
  checkoutService,
} from '../__fixtures__/checkoutService';
import { resource } from '../__fixtures__/kubernetesObjects';
import { scopeOf } from '../__fixtures__/serviceScope';
import type { JsonObject } from '@backstage/types';
import {
  monitorWatchesNamespace,
  podMonitorTools,
  serviceMonitorTools,
} from './metricsMonitors';

const monitor = (
  kind: string,
  name: string,
  namespace: string,
  spec: JsonObject,
) => resource('monitoring.coreos.com/v1', kind, name, { namespace, spec });

const endpoints = [{ port: 'http', path: '/metrics', interval: '30s' }];

describe('serviceMonitorTools', () => {
  it('finds a ServiceMonitor in another namespace that selects the Service', () => {
    const selecting = monitor('ServiceMonitor', 'checkout', 'monitoring', {
      namespaceSelector: { matchNames: ['shop'] },
      selector: { matchLabels: { 'app.kubernetes.io/name': 'checkout' } },
      endpoints,
    });
    expect(
      serviceMonitorTools(scopeOf([checkoutService], [selecting])),
    ).toEqual([
      {
        tool: 'prometheus-operator',
        capability: 'metrics',
        evidence: [
          expect.objectContaining({
            kind: 'ServiceMonitor',
            namespace: 'monitoring',
            field: 'spec.selector',
            value: 'app.kubernetes.io/name=checkout',
          }),
          expect.objectContaining({
            kind: 'Service',
            name: 'checkout',
            field: 'metadata.labels',
            value: 'app.kubernetes.io/name=checkout',
          }),
        ],
      },
    ]);
  });

  it('understands matchExpressions and its own namespace as the default', () => {
    const sameNamespace = monitor('ServiceMonitor', 'shop-apis', 'shop', {
      selector: {
        matchExpressions: [
          {
            key: 'app.kubernetes.io/name',
            operator: 'In',
            values: ['checkout', 'cart'],
          },
        ],
      },
      endpoints,
    });
    expect(
      serviceMonitorTools(scopeOf([checkoutService], [sameNamespace])),
    ).toHaveLength(1);
  });

  it('does not count a ServiceMonitor that selects another service', () => {
    const other = monitor('ServiceMonitor', 'payments', 'shop', {
      selector: { matchLabels: { 'app.kubernetes.io/name': 'payments' } },
      endpoints,
    });
    expect(serviceMonitorTools(scopeOf([checkoutService], [other]))).toEqual(
      [],
    );
  });

  it('does not count a matching selector that looks into another namespace', () => {
    const elsewhere = monitor('ServiceMonitor', 'checkout', 'monitoring', {
      selector: { matchLabels: { 'app.kubernetes.io/name': 'checkout' } },
      endpoints,
    });
    expect(
      serviceMonitorTools(scopeOf([checkoutService], [elsewhere])),
    ).toEqual([]);
  });
});

describe('podMonitorTools', () => {
  const podMonitor = (labels: Record<string, string>) =>
    monitor('PodMonitor', 'checkout', 'shop', {
      selector: { matchLabels: labels },
      podMetricsEndpoints: [{ port: 'metrics' }],
    });

  it('finds a PodMonitor that selects the pods, also through the pod template', () => {
    const tools = podMonitorTools(
      scopeOf(
        [checkoutDeployment, checkoutPod],
        [podMonitor({ 'app.kubernetes.io/name': 'checkout' })],
      ),
    );
    expect(tools.map(t => t.evidence[1].field)).toEqual([
      'spec.template.metadata.labels',
      'metadata.labels',
    ]);
  });

  it('does not count a PodMonitor for other pods', () => {
    expect(
      podMonitorTools(
        scopeOf(
          [checkoutPod],
          [podMonitor({ 'app.kubernetes.io/name': 'cart' })],
        ),
      ),
    ).toEqual([]);
  });
});

describe('monitorWatchesNamespace', () => {
  it('honours namespaceSelector.any', () => {
    const everywhere = monitor('ServiceMonitor', 'all', 'monitoring', {
      namespaceSelector: { any: true },
      selector: {},
    });
    expect(monitorWatchesNamespace(everywhere, 'shop')).toBe(true);
  });
});
