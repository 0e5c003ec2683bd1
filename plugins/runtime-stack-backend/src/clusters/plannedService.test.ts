import {
  detectServiceTools,
  podSpecOf,
  type ClusterObject,
} from '@internal/backstage-plugin-runtime-stack-common';
import { parsePlannedService, plannedServiceObjects } from './plannedService';

const networkPolicy = (
  name: string,
  matchLabels: Record<string, string>,
): ClusterObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name, namespace: 'payments' },
  spec: { podSelector: { matchLabels }, policyTypes: ['Ingress'] },
});

describe('plannedServiceObjects', () => {
  const plan = { cluster: 'prod-eu-1', namespace: 'payments', name: 'refunds' };

  it('gives the pods the labels of a release named after the service, so policies selecting by them apply', () => {
    const findings = detectServiceTools({
      serviceObjects: plannedServiceObjects(plan),
      clusterObjects: [
        networkPolicy('by-instance', {
          'app.kubernetes.io/instance': 'refunds',
        }),
        networkPolicy('other-release', {
          'app.kubernetes.io/instance': 'payments-api',
        }),
      ],
    });
    const policy = findings.find(f => f.tool === 'kubernetes-network-policy');
    expect(policy?.evidence.map(e => e.name)).toEqual([
      'by-instance',
      'refunds',
    ]);
  });

  it('names the RuntimeClass only when the plan has one', () => {
    const [plain] = plannedServiceObjects(plan);
    const [sandboxed] = plannedServiceObjects({
      ...plan,
      runtimeClass: 'gvisor',
    });
    expect(podSpecOf(plain)).not.toHaveProperty('runtimeClassName');
    expect(podSpecOf(sandboxed)).toHaveProperty('runtimeClassName', 'gvisor');
  });

  it('claims no tool the chart would bring: no Helm labels on an object that does not exist yet', () => {
    const findings = detectServiceTools({
      serviceObjects: plannedServiceObjects(plan),
      clusterObjects: [],
    });
    expect(findings).toEqual([]);
  });
});

describe('parsePlannedService', () => {
  it.each([
    [
      { namespace: 'payments', name: 'refunds' },
      'Invalid query: cluster: required',
    ],
    [
      { cluster: 'prod-eu-1', name: 'refunds' },
      'Invalid query: namespace: required',
    ],
    [
      { cluster: 'prod-eu-1', namespace: 'payments', name: ['a', 'b'] },
      'Invalid query: name: must be given once, as a string',
    ],
    [
      { cluster: 'prod-eu-1', namespace: 'Payments', name: 'refunds' },
      'Invalid query: namespace: must be a Kubernetes name',
    ],
    [
      {
        cluster: 'prod-eu-1',
        namespace: 'payments',
        name: 'refunds',
        runtimeClass: 'g_visor',
      },
      'Invalid query: runtimeClass: must be a Kubernetes name',
    ],
  ])('refuses %j naming the field', (query, message) => {
    expect(() => parsePlannedService(query)).toThrow(message);
  });

  it('refuses a parameter it does not read, which would be ignored', () => {
    expect(() =>
      parsePlannedService({
        cluster: 'prod-eu-1',
        namespace: 'payments',
        name: 'refunds',
        runtimeclass: 'gvisor',
      }),
    ).toThrow(
      'Invalid query: unknown parameter runtimeclass; expected cluster, namespace, name, runtimeClass',
    );
    expect(() =>
      parsePlannedService({ namespace: 'Payments' }, 'input'),
    ).toThrow(/^Invalid input: cluster: required/);
  });

  it('keeps a cluster name as given, which need not be a DNS label', () => {
    expect(
      parsePlannedService({
        cluster: 'Prod EU 1',
        namespace: 'payments',
        name: 'refunds',
        runtimeClass: '',
      }),
    ).toEqual({ cluster: 'Prod EU 1', namespace: 'payments', name: 'refunds' });
  });
});
