import { mockCredentials } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  defaultLayerModel,
  type ClusterObject,
  type EntityClusters,
  type EntityImages,
} from '@internal/backstage-plugin-runtime-stack-common';
import type { ClusterStateService } from '../clusters/ClusterStateService';
import type { ImageService } from '../images/ImageService';
import type { ObservabilityService } from '../observability/ObservabilityService';
import { readCoverageSettings } from './coverageConfig';
import { CoverageService } from './CoverageService';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    annotations: {
      'runtime-stack.io/tools': 'gitops=argo-cd,service-mesh=linkerd',
    },
  },
  spec: {
    type: 'service',
    owner: 'payments-team',
    lifecycle: 'production',
    system: 'payments',
  },
};

const deployment: ClusterObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'payments-api', namespace: 'payments' },
  spec: {
    template: {
      spec: {
        containers: [
          {
            name: 'app',
            image: 'x',
            livenessProbe: {},
            readinessProbe: {},
            resources: { limits: { cpu: '1' } },
          },
        ],
      },
    },
  },
};

const clusters: EntityClusters = {
  entityRef: 'component:default/payments-api',
  selector: { labelSelector: 'backstage.io/kubernetes-id=payments-api' },
  unavailable: [],
  clusters: [
    {
      cluster: 'prod-eu-1',
      namespaces: ['payments'],
      stale: false,
      warnings: [],
      workloads: [],
      objects: [],
      tools: [
        {
          tool: 'istio',
          capability: 'service-mesh',
          layer: 4,
          evidence: [
            {
              kind: 'Pod',
              apiVersion: 'v1',
              namespace: 'payments',
              name: 'p-1',
              field: 'spec.containers[1].name',
              value: 'istio-proxy',
            },
          ],
        },
        { tool: 'argo-cd', capability: 'gitops', layer: 4, evidence: [] },
      ],
    },
  ],
};

const images: EntityImages = {
  entityRef: 'component:default/payments-api',
  images: [
    {
      reference: 'registry.example.com/payments/payments-api:1.0.0',
      registry: 'registry.example.com',
      repository: 'payments/payments-api',
      tag: '1.0.0',
      running: [{ cluster: 'prod-eu-1', namespace: 'payments', pod: 'p-1' }],
      declared: false,
      registryConfigured: true,
      current: { tag: '1.0.0', digest: `sha256:${'a'.repeat(64)}` },
      newest: [],
      drift: [],
    },
  ],
};

function service(observabilityFails: boolean) {
  const clusterState = {
    entityClustersWithObjects: async () => ({
      clusters,
      objects: new Map([['prod-eu-1', [deployment]]]),
    }),
    clusters: async () => [
      {
        name: 'prod-eu-1',
        stale: false,
        warnings: [],
        objectCount: 1,
        platformTools: [
          {
            tool: 'velero',
            capability: 'data-protection',
            layer: 3,
            evidence: [],
          },
        ],
      },
    ],
  } as unknown as ClusterStateService;
  const observability = {
    entityObservability: async () => {
      if (observabilityFails) throw new Error('prometheus is down');
      return {
        evidence: [
          {
            capability: 'metrics',
            status: 'evidenced',
            summary: '2 of 2 targets healthy',
          },
          { capability: 'logging', status: 'linked', summary: '1 link' },
        ],
      };
    },
  } as unknown as ObservabilityService;
  return new CoverageService({
    layerModel: defaultLayerModel,
    settings: readCoverageSettings(new ConfigReader({}), defaultLayerModel),
    catalog: catalogServiceMock({ entities: [entity] }),
    clusterState,
    images: { entityImages: async () => images } as unknown as ImageService,
    observability,
  });
}

describe('CoverageService', () => {
  it('combines declared, cluster, registry and telemetry evidence under the lifecycle’s profile', async () => {
    const coverage = await service(false).entityCoverage(
      entity,
      mockCredentials.user(),
    );
    expect(coverage.profile).toMatchObject({
      id: 'tier-1',
      reason: expect.stringContaining('production'),
    });
    const byId = Object.fromEntries(
      coverage.capabilities.map(c => [c.capability, c]),
    );
    // Declared and observed: covered.
    expect(byId.gitops).toMatchObject({
      status: 'covered',
      tools: ['argo-cd'],
    });
    // Declared Linkerd, observed Istio: shown, not hidden.
    expect(byId['service-mesh'].conflict).toEqual({
      declared: ['linkerd'],
      observed: ['istio'],
    });
    expect(byId.workloads.status).toBe('covered');
    expect(byId['container-registry'].status).toBe('covered');
    expect(byId.metrics.status).toBe('covered');
    expect(byId.logging.status).toBe('partial');
    // A gap, with what the cluster offers to close it.
    expect(byId['data-protection']).toMatchObject({
      status: 'missing',
      hint: expect.stringContaining('prod-eu-1 offers velero'),
    });
    expect(coverage.gaps.map(g => g.capability)).toContain('data-protection');
    expect(coverage.overall.ratio).toBeGreaterThan(0);
    expect(coverage.overall.ratio).toBeLessThan(1);
    expect(coverage.sourceErrors).toEqual([]);
  });

  it('names a failed source and computes coverage from the others', async () => {
    const coverage = await service(true).entityCoverage(
      entity,
      mockCredentials.user(),
    );
    expect(coverage.sourceErrors).toEqual([
      { source: 'observability', message: 'prometheus is down' },
    ]);
    const metrics = coverage.capabilities.find(
      c => c.capability === 'metrics',
    )!;
    expect(metrics.status).toBe('missing');
    expect(
      coverage.capabilities.find(c => c.capability === 'workloads')!.status,
    ).toBe('covered');
  });

  it('refuses requirement profiles that name unknown capabilities, naming them', () => {
    expect(() =>
      readCoverageSettings(
        new ConfigReader({
          runtimeStack: {
            coverage: {
              profiles: [{ id: 'gold', required: ['teleportation'] }],
            },
          },
        }),
        defaultLayerModel,
      ),
    ).toThrow(/teleportation/);
    expect(() =>
      readCoverageSettings(
        new ConfigReader({
          runtimeStack: { coverage: { defaultProfile: 'platinum' } },
        }),
        defaultLayerModel,
      ),
    ).toThrow(/no requirement profile 'platinum'/);
  });
});
