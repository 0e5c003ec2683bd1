import type { Entity } from '@backstage/catalog-model';
import {
  computeCoverage,
  defaultLayerModel,
  defaultRequirementProfiles,
  type ClusterObject,
  type EntityClusters,
  type EntityImages,
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

  it('names an image pinned by digest alone by the tag found to point at it, else by its digest', () => {
    const digest = `sha256:${'c'.repeat(64)}`;
    const pinned = (tag: string): EntityImages => {
      const [image] = images().images;
      return {
        ...images(),
        images: [
          {
            ...image,
            reference: `registry.acme.internal/payments/api@${digest}`,
            tag: undefined,
            digest,
            current: { tag, digest },
          },
        ],
      };
    };
    expect(imageEvidence(pinned('1.3.0'))[0].detail).toBe(
      `registry.acme.internal/payments/api:1.3.0 → ${digest}`,
    );
    expect(imageEvidence(pinned(''))[0].detail).toBe(
      `registry.acme.internal/payments/api@${digest}`,
    );
  });

  it('says a digest the registry answered it lacks is not in the registry, not that it is still to read', () => {
    const digest = `sha256:${'d'.repeat(64)}`;
    const running = [
      {
        cluster: 'prod-eu-1',
        namespace: 'payments',
        pod: 'api-1',
        container: 'api',
      },
    ];
    /** Pinned by digest alone, as the image service tells the registry's answer. */
    const pinnedTo = (pinned?: { notFound: true }) => {
      const [image] = images().images;
      return imageEvidence(
        {
          ...images(),
          images: [
            {
              ...image,
              reference: `registry.acme.internal/payments/api@${digest}`,
              tag: undefined,
              digest,
              running,
              checkedAt: '2026-06-01T00:00:00.000Z',
              current: undefined,
              ...(pinned?.notFound ? { digestNotInRegistry: true } : {}),
              drift: [],
            },
          ],
        },
        undefined,
        () => 'harbor',
      ).filter(e => e.capability === 'container-registry');
    };

    expect(pinnedTo({ notFound: true })).toEqual([
      {
        source: 'registry',
        capability: 'container-registry',
        tool: 'harbor',
        strength: 'partial',
        detail: `registry.acme.internal/payments/api: the pinned digest ${digest} is not in the registry`,
        detailParts: {
          kind: 'digest-not-in-registry',
          repository: 'registry.acme.internal/payments/api',
          digest,
        },
      },
    ]);
    // Not read by digest yet (a reference new since the last read): still to read.
    expect(pinnedTo()).toEqual([
      expect.objectContaining({
        strength: 'partial',
        detail: 'registry.acme.internal/payments/api: not read yet',
      }),
    ]);
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

describe('clusterEvidence for health', () => {
  const view = (cluster: string) => ({
    cluster,
    stale: false,
    warnings: [],
    namespaces: ['payments'],
    workloads: [],
    objects: [],
    tools: [],
  });
  const onClusters = (
    byCluster: Record<string, ClusterObject[]>,
  ): [Pick<EntityClusters, 'clusters'>, Map<string, ClusterObject[]>] => [
    { clusters: Object.keys(byCluster).map(view) },
    new Map(Object.entries(byCluster)),
  ];

  const probed = { httpGet: { path: '/healthz', port: 'http' } };
  const limited = {
    requests: { cpu: '100m' },
    limits: { cpu: '500m', memory: '256Mi' },
  };
  const healthy = (name: string) => ({
    name,
    livenessProbe: probed,
    readinessProbe: probed,
    resources: limited,
  });
  const bare = (name: string) => ({ name });
  const workload = (
    kind: string,
    name: string,
    ...containers: object[]
  ): ClusterObject => {
    const template = { spec: { containers } };
    return {
      apiVersion: kind.endsWith('Job') ? 'batch/v1' : 'apps/v1',
      kind,
      metadata: { name, namespace: 'payments' },
      spec:
        kind === 'CronJob'
          ? { jobTemplate: { spec: { template } } }
          : ({ template } as any),
    };
  };
  const other = (kind: string, name: string): ClusterObject => ({
    apiVersion: 'v1',
    kind,
    metadata: { name, namespace: 'payments' },
    spec: {},
  });

  const healthOf = (byCluster: Record<string, ClusterObject[]>) =>
    clusterEvidence(...onClusters(byCluster)).filter(
      e => e.capability === 'health',
    );
  const rows = (byCluster: Record<string, ClusterObject[]>) =>
    healthOf(byCluster).map(e => [e.tool, e.strength, e.detail]);

  /** Health's status for a tier-2 service, where health is required. */
  const statusOf = (byCluster: Record<string, ClusterObject[]>) => {
    const profile = defaultRequirementProfiles.find(p => p.id === 'tier-2')!;
    const coverage = computeCoverage({
      layerModel: defaultLayerModel,
      choice: { profile, reason: 'test' },
      evidence: clusterEvidence(...onClusters(byCluster)),
      now: new Date('2026-12-06T12:00:00Z'),
    });
    return coverage.capabilities.find(c => c.capability === 'health')!.status;
  };

  it('covers a service whose workloads all have probes and limits, with no disruption budget or autoscaler', () => {
    const api = workload('Deployment', 'api', healthy('api'), healthy('proxy'));
    expect(statusOf({ 'prod-eu-1': [api] })).toBe('covered');
    expect(rows({ 'prod-eu-1': [api] })).toEqual([
      [
        'liveness-probe',
        'full',
        'Deployment payments/api: every container has it',
      ],
      [
        'readiness-probe',
        'full',
        'Deployment payments/api: every container has it',
      ],
      [
        'resource-limits',
        'full',
        'Deployment payments/api: every container has it',
      ],
    ]);
  });

  it('counts a disruption budget or an autoscaler only partly, with or without probes and limits', () => {
    const budgetOnly = {
      'prod-eu-1': [
        workload('Deployment', 'api', bare('api')),
        other('PodDisruptionBudget', 'api'),
        other('HorizontalPodAutoscaler', 'api'),
      ],
    };
    expect(statusOf(budgetOnly)).toBe('partial');
    expect(rows(budgetOnly)).toEqual([
      ['pod-disruption-budget', 'partial', 'PodDisruptionBudget payments/api'],
      [
        'horizontal-pod-autoscaler',
        'partial',
        'HorizontalPodAutoscaler payments/api',
      ],
    ]);

    const both = {
      'prod-eu-1': [
        workload('Deployment', 'api', healthy('api')),
        other('PodDisruptionBudget', 'api'),
      ],
    };
    expect(statusOf(both)).toBe('covered');
    expect(
      healthOf(both).find(e => e.tool === 'pod-disruption-budget')?.strength,
    ).toBe('partial');
  });

  it('covers health only partly while one workload on any cluster lacks a probe or limits, and says which lacks what', () => {
    const estate = {
      'prod-eu-1': [workload('Deployment', 'api', healthy('api'))],
      'prod-us-1': [
        workload('Deployment', 'api', healthy('api')),
        workload(
          'StatefulSet',
          'ledger',
          { ...healthy('ledger'), readinessProbe: undefined },
          { ...bare('backup'), livenessProbe: probed },
        ),
      ],
    };
    expect(statusOf(estate)).toBe('partial');
    const ledger = healthOf(estate).filter(e =>
      e.detail.startsWith('StatefulSet'),
    );
    expect(ledger.map(e => [e.tool, e.strength, e.detail])).toEqual([
      [
        'liveness-probe',
        'partial',
        'StatefulSet payments/ledger: every container has it',
      ],
      [
        'readiness-probe',
        'partial',
        'StatefulSet payments/ledger: containers ledger, backup have no readiness probe',
      ],
      [
        'resource-limits',
        'partial',
        'StatefulSet payments/ledger: container backup has no resource limits',
      ],
    ]);
    expect(ledger.every(e => e.cluster === 'prod-us-1')).toBe(true);
    // What the others show counts only partly too.
    expect(healthOf(estate).every(e => e.strength === 'partial')).toBe(true);
  });

  it("leaves a mesh's injected proxies to the mesh: their missing probes are not the service's", () => {
    const meshed = {
      'prod-eu-1': [
        workload('Deployment', 'api', healthy('api'), {
          name: 'istio-proxy',
          readinessProbe: probed,
          resources: limited,
        }),
      ],
      'prod-us-1': [
        workload('Deployment', 'api', bare('linkerd-proxy'), healthy('api')),
      ],
    };
    expect(statusOf(meshed)).toBe('covered');
    expect(healthOf(meshed).every(e => e.strength === 'full')).toBe(true);
    // A container of the service's own by another name is asked all the same.
    const own = {
      'prod-eu-1': [
        workload('Deployment', 'api', healthy('api'), bare('istio-proxy-2')),
      ],
    };
    expect(statusOf(own)).toBe('partial');
    expect(healthOf(own)[0]?.detailParts).toEqual({
      kind: 'containers-lack',
      object: 'Deployment payments/api',
      containers: ['istio-proxy-2'],
      check: 'liveness-probe',
    });
  });

  it('names no tool that no workload shows, even to say it is lacking', () => {
    const unlimited = {
      'prod-eu-1': [
        workload('Deployment', 'api', { ...healthy('api'), resources: {} }),
        workload('Deployment', 'worker', {
          ...healthy('worker'),
          resources: { requests: { cpu: '1' }, limits: {} },
        }),
      ],
    };
    expect(statusOf(unlimited)).toBe('partial');
    expect(healthOf(unlimited).map(e => e.tool)).not.toContain(
      'resource-limits',
    );
  });

  it('asks only limits of the workloads that run to completion', () => {
    const withJobs = (cleanup: object) => ({
      'prod-eu-1': [
        workload('Deployment', 'api', healthy('api')),
        workload('CronJob', 'cleanup', cleanup),
        workload('Job', 'migrate', { ...bare('migrate'), resources: limited }),
      ],
    });
    expect(statusOf(withJobs({ ...bare('cleanup'), resources: limited }))).toBe(
      'covered',
    );
    expect(statusOf(withJobs(bare('cleanup')))).toBe('partial');
    expect(
      healthOf(withJobs(bare('cleanup')))
        .filter(e => e.detail.startsWith('CronJob'))
        .map(e => [e.tool, e.detail]),
    ).toEqual([
      [
        'resource-limits',
        'CronJob payments/cleanup: container cleanup has no resource limits',
      ],
    ]);
  });
});
