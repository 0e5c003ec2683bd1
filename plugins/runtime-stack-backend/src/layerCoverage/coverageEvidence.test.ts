import type { Entity } from '@backstage/catalog-model';
import type {
  EntityClusters,
  EntityImages,
} from '@internal/backstage-plugin-runtime-stack-common';
import {
  catalogEvidence,
  clusterEvidence,
  imageEvidence,
} from './coverageEvidence';

const entityAt = (location: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    annotations: { 'backstage.io/managed-by-location': location },
  },
  spec: {},
});

const acmeGitLab = (host: string) =>
  host === 'git.acme.internal' ? 'gitlab' : undefined;

describe('catalogEvidence', () => {
  it('takes a url location as where the code lives', () => {
    expect(
      catalogEvidence(
        entityAt(
          'url:https://github.com/acme/payments-api/blob/main/catalog-info.yaml',
        ),
      ),
    ).toEqual([
      {
        source: 'catalog',
        capability: 'source-control',
        tool: 'github',
        detail:
          'the catalog reads this entity from https://github.com/acme/payments-api/blob/main/catalog-info.yaml',
        detailParts: {
          kind: 'catalog-location',
          address:
            'https://github.com/acme/payments-api/blob/main/catalog-info.yaml',
        },
        strength: 'full',
      },
    ]);
  });

  it('names the tool of a company host through the integrations', () => {
    const location =
      'url:https://git.acme.internal/payments/api/-/blob/main/catalog-info.yaml';
    expect(catalogEvidence(entityAt(location))[0].tool).toBeUndefined();
    expect(catalogEvidence(entityAt(location), acmeGitLab)[0].tool).toBe(
      'gitlab',
    );
  });

  it('keeps no credentials a location URL carries', () => {
    const [evidence] = catalogEvidence(
      entityAt(
        'url:https://bot:ghp_secret@github.com/acme/api/blob/main/catalog-info.yaml',
      ),
    );
    expect(evidence.tool).toBe('github');
    expect(evidence.detail).toBe(
      'the catalog reads this entity from https://github.com/acme/api/blob/main/catalog-info.yaml',
    );
  });

  it('says nothing of a file location, or of an entity without one', () => {
    expect(catalogEvidence(entityAt('file:/work/examples/all.yaml'))).toEqual(
      [],
    );
    expect(
      catalogEvidence({ ...entityAt(''), metadata: { name: 'x' } }),
    ).toEqual([]);
  });
});

describe('imageEvidence', () => {
  const images = (source?: string): EntityImages => ({
    entityRef: 'component:default/payments-api',
    images: [
      {
        reference: 'registry.acme.internal/payments/api:1.2.0',
        registry: 'registry.acme.internal',
        repository: 'payments/api',
        tag: '1.2.0',
        running: [],
        declared: true,
        registryConfigured: true,
        current: {
          tag: '1.2.0',
          digest: `sha256:${'b'.repeat(64)}`,
          ...(source ? { source, revision: '9f1c2d3' } : {}),
        },
        newest: [],
        drift: [],
      },
    ],
  });

  it("takes the image's source label as where the code lives", () => {
    const [, sourceControl] = imageEvidence(
      images('https://git.acme.internal/payments/api'),
      acmeGitLab,
    );
    expect(sourceControl).toEqual({
      source: 'registry',
      capability: 'source-control',
      tool: 'gitlab',
      detail:
        'registry.acme.internal/payments/api:1.2.0 was built from https://git.acme.internal/payments/api at 9f1c2d3 (org.opencontainers.image.source)',
      detailParts: {
        kind: 'image-built-from',
        image: 'registry.acme.internal/payments/api:1.2.0',
        address: 'https://git.acme.internal/payments/api',
        revision: '9f1c2d3',
        label: 'org.opencontainers.image.source',
      },
      strength: 'full',
    });
  });

  it('counts the pods an image runs in, not its containers', () => {
    const runningIn = (
      ...pods: Array<[cluster: string, pod: string, container: string]>
    ): EntityImages => {
      const [image] = images().images;
      return {
        ...images(),
        images: [
          {
            ...image,
            running: pods.map(([cluster, pod, container]) => ({
              cluster,
              namespace: 'payments',
              pod,
              container,
            })),
          },
        ],
      };
    };
    const detailOf = (data: EntityImages) =>
      imageEvidence(data).find(e => e.capability === 'images')?.detail;
    expect(
      detailOf(
        runningIn(
          ['prod-eu-1', 'api-1', 'istio-proxy'],
          ['prod-eu-1', 'api-1', 'istio-init'],
          ['prod-eu-1', 'api-2', 'istio-proxy'],
          ['prod-eu-1', 'api-2', 'istio-init'],
          ['prod-us-1', 'api-1', 'istio-proxy'],
        ),
      ),
    ).toBe('registry.acme.internal/payments/api:1.2.0 runs in 3 pods');
    expect(detailOf(runningIn(['prod-eu-1', 'api-1', 'app']))).toBe(
      'registry.acme.internal/payments/api:1.2.0 runs in 1 pod',
    );
  });

  it('gives only the registry evidence for an image without a source label', () => {
    expect(imageEvidence(images()).map(e => e.capability)).toEqual([
      'container-registry',
    ]);
  });

  it("names the registry's tool, and each image of an unconfigured registry by its repository", () => {
    const harborAtAcme = (host: string) =>
      host === 'registry.acme.internal' ? 'harbor' : undefined;
    const [registry] = imageEvidence(images(), undefined, harborAtAcme);
    expect(registry).toMatchObject({
      capability: 'container-registry',
      tool: 'harbor',
      strength: 'full',
    });

    const elsewhere = (repository: string) => ({
      ...images().images[0],
      reference: `cr.l5d.io/${repository}:stable-2.14.10`,
      registry: 'cr.l5d.io',
      repository,
      tag: 'stable-2.14.10',
      running: [
        {
          cluster: 'prod-eu-1',
          namespace: 'payments',
          pod: 'api-1',
          container: repository,
        },
      ],
      declared: false,
      registryConfigured: false,
      current: undefined,
    });
    const unconfigured = imageEvidence(
      {
        entityRef: 'component:default/payments-api',
        images: [elsewhere('linkerd/proxy'), elsewhere('linkerd/proxy-init')],
      } as EntityImages,
      undefined,
      harborAtAcme,
    ).filter(e => e.capability === 'container-registry');
    expect(unconfigured.map(e => [e.detail, e.tool, e.strength])).toEqual([
      [
        'cr.l5d.io/linkerd/proxy: not a configured registry',
        undefined,
        'partial',
      ],
      [
        'cr.l5d.io/linkerd/proxy-init: not a configured registry',
        undefined,
        'partial',
      ],
    ]);
  });
});

describe('clusterEvidence', () => {
  const node = {
    kind: 'Node',
    apiVersion: 'v1',
    name: 'ip-10-0-1-12',
    field: 'status.nodeInfo.containerRuntimeVersion',
    value: 'containerd://1.7.22',
  };
  const clusters: EntityClusters = {
    entityRef: 'component:default/payments-api',
    selector: { labelSelector: 'backstage.io/kubernetes-id=payments-api' },
    clusters: [
      {
        cluster: 'prod-eu-1',
        stale: false,
        warnings: [],
        ageSeconds: 60,
        namespaces: ['payments'],
        workloads: [],
        objects: [],
        tools: [
          {
            tool: 'istio',
            capability: 'service-mesh',
            layer: 5,
            evidence: [
              {
                kind: 'Pod',
                apiVersion: 'v1',
                namespace: 'payments',
                name: 'payments-api-1',
                field: 'metadata.annotations[sidecar.istio.io/status]',
                value: '{}',
              },
            ],
          },
        ],
        providedByCluster: [
          {
            tool: 'containerd',
            capability: 'container-runtime',
            layer: 1,
            evidence: [node],
          },
          { tool: 'aws', capability: 'platform', layer: 0, evidence: [] },
        ],
      },
    ],
    unavailable: [],
  };
  const now = new Date('2026-12-06T12:00:00Z');

  it("counts the tools of the cluster a service runs on, saying they are the cluster's", () => {
    const evidence = clusterEvidence(clusters, new Map(), now);
    expect(evidence.find(e => e.tool === 'containerd')).toEqual({
      source: 'cluster',
      capability: 'container-runtime',
      tool: 'containerd',
      cluster: 'prod-eu-1',
      strength: 'full',
      detail:
        'every workload on prod-eu-1 runs with it (Node ip-10-0-1-12: status.nodeInfo.containerRuntimeVersion = containerd://1.7.22)',
      detailParts: {
        kind: 'provided-by-cluster',
        cluster: 'prod-eu-1',
        object:
          'Node ip-10-0-1-12: status.nodeInfo.containerRuntimeVersion = containerd://1.7.22',
      },
      seenAt: '2026-12-06T11:59:00.000Z',
    });
    expect(evidence.find(e => e.tool === 'aws')).toMatchObject({
      capability: 'platform',
      detail: 'every workload on prod-eu-1 runs with it',
    });
    // The service's own tools keep the object that shows them.
    expect(evidence.find(e => e.tool === 'istio')).toMatchObject({
      detail:
        'Pod payments/payments-api-1: metadata.annotations[sidecar.istio.io/status] = {}',
    });
  });
});
