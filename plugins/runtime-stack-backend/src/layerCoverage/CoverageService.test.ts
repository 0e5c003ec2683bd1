import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  defaultLayerModel,
  type CapabilityCoverage,
  type ClusterObject,
  type EntityClusters,
  type EntityImages,
} from '@internal/backstage-plugin-runtime-stack-common';
import type { ClusterStateService } from '../clusters/ClusterStateService';
import type { ImageService } from '../images/ImageService';
import { migrateToLatest } from '../database/migrations';
import { findFreePort } from '../observability/__testUtils__/prometheusProcess';
import { readObservabilitySettings } from '../observability/observabilityConfig';
import { ObservabilityService } from '../observability/ObservabilityService';
import type { EffectiveOwnershipService } from '../ownership/EffectiveOwnershipService';
import { readCoverageSettings } from './coverageConfig';
import { CoverageEvaluationService } from './CoverageEvaluationService';
import { CoverageService, type RegressionListener } from './CoverageService';
import { CoverageStore } from './CoverageStore';
import { ExemptionStore } from '../scorecards/ExemptionStore';
import { ScorecardStore } from '../scorecards/ScorecardStore';

jest.setTimeout(30_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

/** A caller who may read ownership, as the router and actions tell. */
const ownersShown = {
  withOwners: true,
  withExemptionReasons: true,
  withheld: new Set<never>(),
};

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    annotations: {
      'runtime-stack.io/tools': 'gitops=argo-cd,service-mesh=linkerd',
      'github.com/project-slug': 'acme/payments-api',
      'jenkins.io/job-full-name': 'payments/payments-api',
      'backstage.io/managed-by-location':
        'url:https://git.acme.internal/payments/api/blob/main/catalog-info.yaml',
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
      ageSeconds: 120,
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
      running: [
        {
          cluster: 'prod-eu-1',
          namespace: 'payments',
          pod: 'p-1',
          container: 'app',
        },
      ],
      declared: false,
      registryConfigured: true,
      current: {
        tag: '1.0.0',
        digest: `sha256:${'a'.repeat(64)}`,
        source: 'https://github.com/acme/payments-api',
        revision: '0b5c1e9',
      },
      newest: [],
      drift: [],
    },
  ],
};

const otherComponent: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-worker', namespace: 'default' },
  spec: {
    type: 'service',
    owner: 'payments-team',
    lifecycle: 'experimental',
    system: 'payments',
  },
  relations: [{ type: 'partOf', targetRef: 'system:default/payments' }],
};

const system: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { owner: 'payments-team' },
};

const platformOwnsGitops = {
  entityRef: 'component:default/payments-api',
  scopes: [],
  capabilities: [
    {
      layer: 4,
      capability: 'gitops',
      owners: [
        {
          owner: 'group:default/platform-team',
          responsibility: 'operates' as const,
          inheritedFrom: {
            kind: 'system' as const,
            ref: 'system:default/payments',
            source: 'store' as const,
          },
          via: 'layer' as const,
        },
      ],
    },
  ],
};

async function service(
  observabilityFails: boolean,
  options: {
    entities?: Entity[];
    ownershipFails?: boolean;
    /** Whether Prometheus shows alert rules for the service, read per evaluation. */
    alertRules?: () => boolean;
    /** Default SQLite; the store's own tests cover both databases. */
    databaseId?: 'SQLITE_3' | 'POSTGRES_15';
    onRegressions?: RegressionListener;
    /** Also keep team and System history. */
    scorecards?: boolean;
    /** In place of the fake, which reads nothing. */
    observability?: ObservabilityService;
    /** Exemptions, granted at the time this clock tells. */
    exemptionsClock?: () => Date;
    /** When an evaluation run reads the catalog. */
    evaluatedAt?: Date;
    /** Why the entity's label selector cannot be read, if it cannot. */
    selectorProblem?: () => string | undefined;
  } = {},
) {
  const objects = new Map([['prod-eu-1', [deployment]]]);
  const contexts = new Map([['prod-eu-1', []]]);
  const clusterState = {
    entityClustersWithObjects: async () => ({
      clusters: {
        ...clusters,
        selector: {
          ...clusters.selector,
          ...(options.selectorProblem?.()
            ? { problem: options.selectorProblem() }
            : {}),
        },
      },
      objects: options.selectorProblem?.() ? new Map() : objects,
      contexts,
      platformTools: new Map([
        [
          'prod-eu-1',
          [
            {
              tool: 'velero',
              capability: 'data-protection',
              layer: 3,
              evidence: [],
            },
          ],
        ],
      ]),
    }),
  } as unknown as ClusterStateService;
  const observability = {
    entityObservability: jest.fn(async () => {
      if (observabilityFails) throw new Error('prometheus is down');
      return {
        evidence: [
          {
            capability: 'metrics',
            status: 'evidenced',
            summary: '2 of 2 targets healthy',
          },
          ...((options.alertRules ?? (() => true))()
            ? [
                {
                  capability: 'alerting',
                  status: 'evidenced',
                  summary: '3 alert rules (1 in Grafana), 0 firing',
                  tools: ['alertmanager', 'grafana-alerting'],
                },
              ]
            : []),
          { capability: 'logging', status: 'linked', summary: '1 link' },
        ],
        errors: [] as Array<{ source: string; message: string }>,
      };
    }),
  };
  const serviceLogger = mockServices.logger.mock();
  const knex = await databases.init(options.databaseId ?? 'SQLITE_3');
  await migrateToLatest(knex);
  const store = new CoverageStore(knex);
  const catalog = catalogServiceMock({
    entities: options.entities ?? [entity],
  });
  const ownership = {
    forEntity: jest.fn(async () => {
      if (options.ownershipFails) throw new Error('ownership store is down');
      return platformOwnsGitops;
    }),
  };
  const imageService = { entityImages: jest.fn(async () => images) };
  const exemptions = options.exemptionsClock
    ? new ExemptionStore(knex, options.exemptionsClock)
    : undefined;
  const coverage = new CoverageService({
    ...(exemptions ? { exemptions } : {}),
    layerModel: defaultLayerModel,
    settings: readCoverageSettings(new ConfigReader({}), defaultLayerModel),
    catalog,
    clusterState,
    images: imageService as unknown as ImageService,
    observability:
      options.observability ??
      (observability as unknown as ObservabilityService),
    store,
    ownership: ownership as unknown as EffectiveOwnershipService,
    auth: mockServices.auth(),
    ...(options.onRegressions ? { onRegressions: options.onRegressions } : {}),
    logger: serviceLogger,
  });
  const onEvaluated = jest.fn();
  const logger = mockServices.logger.mock();
  const evaluation = new CoverageEvaluationService({
    coverage,
    store,
    catalog,
    auth: mockServices.auth(),
    logger,
    settings: {
      schedule: { frequency: { minutes: 10 }, timeout: { minutes: 1 } },
      concurrency: 2,
      retentionDays: 30,
    },
    onEvaluated,
    ...(options.scorecards ? { scorecards: new ScorecardStore(knex) } : {}),
    ...(exemptions ? { exemptions } : {}),
    ...(options.evaluatedAt ? { now: () => options.evaluatedAt! } : {}),
  });
  return Object.assign(coverage, {
    exemptions,
    serviceLogger,
    catalog,
    store,
    evaluation,
    knex,
    logger,
    onEvaluated,
    objects,
    contexts,
    imageService,
    observability,
    ownership,
  });
}

describe('CoverageService', () => {
  it('combines declared, cluster, registry and telemetry evidence under the lifecycle’s profile', async () => {
    const sources = await service(false);
    const coverage = await sources.entityCoverage(
      entity,
      mockCredentials.user(),
      ownersShown,
    );
    // The platform of the service's cluster offers what closes a gap.
    expect(
      coverage.capabilities.find(c => c.capability === 'data-protection')?.hint,
    ).toMatch(/^prod-eu-1 offers Velero/);
    // The cluster objects are read once, for every source that needs them.
    expect(sources.imageService.entityImages).toHaveBeenCalledWith(
      entity,
      sources.objects,
      sources.contexts,
    );
    expect(sources.observability.entityObservability).toHaveBeenCalledWith(
      entity,
      sources.objects,
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
    // Seen when the cluster was last collected, two minutes before.
    const seenAt = Date.parse(
      byId.workloads.evidence.find(e => e.source === 'cluster')!.seenAt!,
    );
    expect(Date.now() - seenAt).toBeGreaterThanOrEqual(120_000);
    expect(Date.now() - seenAt).toBeLessThan(180_000);
    expect(byId['container-registry'].status).toBe('covered');
    // Where the code lives: claimed by the slug, seen by the catalog (on a
    // host of unknown make) and on the image's source label.
    expect(byId['source-control']).toMatchObject({
      requirement: 'required',
      status: 'covered',
      tools: ['github'],
    });
    expect(
      byId['source-control'].evidence.map(e => [e.source, e.tool, e.detail]),
    ).toEqual([
      ['declared', 'github', 'github.com/project-slug: acme/payments-api'],
      [
        'catalog',
        undefined,
        'the catalog reads this entity from https://git.acme.internal/payments/api/blob/main/catalog-info.yaml',
      ],
      [
        'registry',
        'github',
        'registry.example.com/payments/payments-api:1.0.0 was built from https://github.com/acme/payments-api at 0b5c1e9 (org.opencontainers.image.source)',
      ],
    ]);
    // What builds it is a claim nothing here observes.
    expect(byId['ci-cd']).toMatchObject({
      requirement: 'recommended',
      status: 'partial',
      tools: ['jenkins'],
    });
    expect(byId.metrics.status).toBe('covered');
    // Each tool the telemetry names: Prometheus and Grafana alert rules.
    expect(byId.alerting).toMatchObject({
      status: 'covered',
      tools: ['alertmanager', 'grafana-alerting'],
    });
    expect(byId.metrics.tools).toEqual(['prometheus']);
    expect(byId.logging.status).toBe('partial');
    // A gap, with what the cluster offers to close it.
    expect(byId['data-protection']).toMatchObject({
      status: 'missing',
      hint: expect.stringContaining('prod-eu-1 offers Velero'),
    });
    expect(coverage.gaps.map(g => g.capability)).toContain('data-protection');
    expect(coverage.overall.ratio).toBeGreaterThan(0);
    expect(coverage.overall.ratio).toBeLessThan(1);
    expect(coverage.sourceErrors).toEqual([]);
  });

  it('names a failed source and computes coverage from the others', async () => {
    const coverage = await (
      await service(true)
    ).entityCoverage(entity, mockCredentials.user(), ownersShown);
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

  it('names a label selector that cannot be read as a failed cluster source, keeping what the clusters showed last and telling no one of regressions', async () => {
    const selector: { problem?: string } = {};
    const onRegressions = jest.fn();
    const sources = await service(false, {
      selectorProblem: () => selector.problem,
      onRegressions,
    });
    await sources.evaluation.run();
    const before = await sources.store.get('component:default/payments-api');
    const workloadsBefore = before!.capabilities.find(
      c => c.capability === 'workloads',
    )!;
    expect(workloadsBefore.status).toBe('covered');

    const problem =
      "The backstage.io/kubernetes-label-selector annotation cannot be read, so it matches no objects: Invalid label selector 'app=x,'";
    selector.problem = problem;
    await sources.evaluation.run();
    const after = await sources.store.get('component:default/payments-api');
    expect(after!.sourceErrors).toContainEqual({
      source: 'clusters',
      message: problem,
    });
    expect(
      after!.capabilities.find(c => c.capability === 'workloads'),
    ).toMatchObject({
      status: 'covered',
      evidence: workloadsBefore.evidence.map(e =>
        expect.objectContaining({ detail: e.detail }),
      ),
    });
    expect(onRegressions).not.toHaveBeenCalled();
  });

  it('names each Prometheus the observability service could not read, which it answers with rather than throws', async () => {
    const closedPort = await findFreePort();
    const observability = new ObservabilityService({
      settings: readObservabilitySettings(
        new ConfigReader({
          runtimeStack: {
            observability: {
              prometheus: [
                { name: 'prom-eu', url: `http://127.0.0.1:${closedPort}` },
              ],
            },
          },
        }),
      ),
      // The coverage hands it the objects it read.
      clusterState: {} as ClusterStateService,
      cache: mockServices.cache.mock(),
      logger: mockServices.logger.mock(),
    });
    const coverage = await (
      await service(false, { observability })
    ).entityCoverage(entity, mockCredentials.user(), ownersShown);
    expect(coverage.sourceErrors).toEqual([
      {
        source: 'observability',
        message: expect.stringMatching(
          new RegExp(`^prom-eu: .*127\\.0\\.0\\.1:${closedPort}`),
        ),
      },
    ]);
    expect(
      coverage.capabilities.find(c => c.capability === 'metrics')!.status,
    ).toBe('missing');
  });

  it('evaluates an unevaluated entity on first read and stores it; later reads are lookups', async () => {
    const coverage = await service(false);
    expect(
      await coverage.store.get('component:default/payments-api'),
    ).toBeUndefined();
    const first = await coverage.entityCoverage(
      entity,
      mockCredentials.user(),
      ownersShown,
    );
    const stored = await coverage.store.get('component:default/payments-api');
    expect(stored?.evaluatedAt).toBe(first.evaluatedAt);

    // A second read does not evaluate again: it returns what was stored.
    const evaluate = jest.spyOn(coverage, 'evaluate');
    const second = await coverage.entityCoverage(
      entity,
      mockCredentials.user(),
      ownersShown,
    );
    expect(evaluate).not.toHaveBeenCalled();
    expect(second.overall).toEqual(first.overall);
  });

  it('reads an entity evaluated on first view as the backend, since what it stores serves everyone', async () => {
    const coverage = await service(false);
    const getEntityByRef = jest.spyOn(coverage.catalog, 'getEntityByRef');
    await coverage.entityCoverage(entity, mockCredentials.user(), ownersShown);
    expect(getEntityByRef).toHaveBeenCalledWith(
      'component:default/payments-api',
      {
        credentials: expect.objectContaining({
          principal: expect.objectContaining({ type: 'service' }),
        }),
      },
    );
  });

  it.each(databases.eachSupportedId())(
    'answers two first views at once on %s, though both evaluate',
    async databaseId => {
      const coverage = await service(false, {
        databaseId: databaseId as 'SQLITE_3' | 'POSTGRES_15',
      });
      await coverage.store.remove(['component:default/payments-api']);
      const views = await Promise.all(
        Array.from({ length: 4 }, () =>
          coverage.entityCoverage(entity, mockCredentials.user(), ownersShown),
        ),
      );
      expect(views.map(v => v.entityRef)).toEqual(
        Array(4).fill('component:default/payments-api'),
      );
      const rows = await coverage
        .knex('service_coverage')
        .where({ entity_ref: 'component:default/payments-api' });
      expect(rows).toHaveLength(1);
    },
  );

  it('puts the current owners on each capability, and names ownership when it fails', async () => {
    const withOwners = await (
      await service(false)
    ).entityCoverage(entity, mockCredentials.user(), ownersShown);
    expect(
      withOwners.capabilities.find(c => c.capability === 'gitops')?.owners,
    ).toEqual(platformOwnsGitops.capabilities[0].owners);
    expect(
      withOwners.capabilities.find(c => c.capability === 'metrics')?.owners,
    ).toEqual([]);

    const failing = await (
      await service(false, { ownershipFails: true })
    ).entityCoverage(entity, mockCredentials.user(), ownersShown);
    expect(failing.sourceErrors).toEqual([
      { source: 'ownership', message: 'ownership store is down' },
    ]);
    expect(failing.overall.ratio).toBe(withOwners.overall.ratio);
  });

  it('asks for owners with the caller’s credentials and the backend’s, to tell a hidden System from one the catalog lacks', async () => {
    const coverage = await service(false);
    const caller = mockCredentials.user('user:default/olly');
    await coverage.entityCoverage(entity, caller, ownersShown);
    expect(coverage.ownership.forEntity).toHaveBeenCalledWith(
      'component:default/payments-api',
      {
        caller,
        service: expect.objectContaining({
          principal: expect.objectContaining({ type: 'service' }),
        }),
      },
    );
  });

  it('leaves owners out, as not known, for a caller who may not read ownership, and stores coverage as it would for anyone', async () => {
    const coverage = await service(false);
    const withoutOwners = await coverage.entityCoverage(
      entity,
      mockCredentials.user(),
      { ...ownersShown, withOwners: false },
    );
    expect(coverage.ownership.forEntity).not.toHaveBeenCalled();
    expect(
      [...withoutOwners.capabilities, ...withoutOwners.gaps].filter(
        c => c.owners !== undefined,
      ),
    ).toEqual([]);
    expect(withoutOwners.sourceErrors).toEqual([]);

    // The stored evaluation is the one a caller with owners is served.
    const shown = await coverage.entityCoverage(
      entity,
      mockCredentials.user(),
      ownersShown,
    );
    expect(shown.evaluatedAt).toBe(withoutOwners.evaluatedAt);
    expect(shown.overall).toEqual(withoutOwners.overall);
    expect(
      shown.capabilities.find(c => c.capability === 'gitops')?.owners,
    ).toEqual(platformOwnsGitops.capabilities[0].owners);
  });

  it('tells why a capability is exempt only to a caller who may read exemptions', async () => {
    const coverage = await service(false, {
      exemptionsClock: () => new Date(),
    });
    const user = mockCredentials.user();
    const gap = (await coverage.entityCoverage(entity, user, ownersShown))
      .gaps[0].capability;
    const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    await coverage.exemptions!.create(
      {
        scope: { kind: 'component', ref: 'component:default/payments-api' },
        capability: gap,
        reason: 'batch job, takes no traffic',
        expiresAt,
        requestedBy: 'user:default/dana',
      },
      'user:default/dana',
    );
    await coverage.evaluation.run();

    const exempt = (c: { capabilities: CapabilityCoverage[] }) =>
      c.capabilities.find(x => x.capability === gap);
    expect(
      exempt(await coverage.entityCoverage(entity, user, ownersShown)),
    ).toMatchObject({
      status: 'exempt',
      exemption: { reason: 'batch job, takes no traffic', expiresAt },
    });
    const withoutReasons = await coverage.entityCoverage(entity, user, {
      ...ownersShown,
      withExemptionReasons: false,
    });
    expect(exempt(withoutReasons)).toMatchObject({
      status: 'exempt',
      exemption: { capability: gap, expiresAt },
    });
    expect(JSON.stringify(withoutReasons)).not.toContain('batch job');
  });

  it('evaluates every component on a run, and removes entities the catalog no longer has', async () => {
    const coverage = await service(false, {
      entities: [
        {
          ...entity,
          metadata: { ...entity.metadata, title: 'Payments API' },
          relations: [{ type: 'partOf', targetRef: 'system:default/payments' }],
        },
        otherComponent,
        system,
      ],
    });
    await coverage.store.put([
      {
        coverage: {
          ...(
            await coverage.evaluate({
              entity,
              entityRef: 'component:default/gone',
            })
          ).coverage,
          entityRef: 'component:default/gone',
        },
      },
    ]);

    const result = await coverage.evaluation.run();
    expect(result).toMatchObject({ evaluated: 2, failed: 0, removed: 1 });
    expect(coverage.onEvaluated).toHaveBeenCalledWith(result);
    expect((await coverage.store.entityRefs()).sort()).toEqual([
      'component:default/payments-api',
      'component:default/payments-worker',
    ]);
    // The System's profile and ref come from the catalog read of the run.
    const summary = await coverage
      .knex('service_coverage')
      .where({ entity_ref: 'component:default/payments-worker' })
      .first();
    expect(summary).toMatchObject({
      system_ref: 'system:default/payments',
      owner_ref: 'group:default/payments-team',
      profile_id: 'experimental',
      title: null,
    });
    // The title the services table shows is stored, for its search.
    expect(
      await coverage
        .knex('service_coverage')
        .where({ entity_ref: 'component:default/payments-api' })
        .first('title'),
    ).toEqual({ title: 'Payments API' });
  });

  it('names the System whose annotation chose the profile, and the one that names an unknown profile', async () => {
    const annotated = (profile: string): Entity => ({
      ...system,
      metadata: {
        ...system.metadata,
        annotations: { 'runtime-stack.io/requirement-profile': profile },
      },
    });
    for (const [profile, expected] of [
      [
        'tier-1',
        { rule: 'system-annotation', system: 'system:default/payments' },
      ],
      ['gold', { rule: 'lifecycle', lifecycle: 'experimental' }],
    ] as const) {
      const coverage = await service(false, {
        entities: [otherComponent, annotated(profile)],
      });
      await coverage.evaluation.run();
      const stored = await coverage.store.get(
        'component:default/payments-worker',
      );
      expect(stored?.profile.reasonParts).toMatchObject(expected);
      expect(stored?.profile.reason).toContain(
        'System system:default/payments',
      );
    }
  });

  it('removes the exemptions of Components and Systems the catalog no longer has, none granted since it was read', async () => {
    let clock = new Date('2026-12-01T10:00:00Z');
    const evaluatedAt = new Date('2026-12-01T11:00:00Z');
    const coverage = await service(false, {
      entities: [entity, system],
      exemptionsClock: () => clock,
      evaluatedAt,
    });
    const grant = (kind: 'component' | 'system', ref: string, cap: string) =>
      coverage.exemptions!.create(
        {
          scope: { kind, ref },
          capability: cap,
          reason: 'accepted',
          expiresAt: '2027-01-01T00:00:00.000Z',
          requestedBy: 'user:default/dana',
        },
        'user:default/dana',
      );
    await grant('component', 'component:default/payments-api', 'gitops');
    await grant('component', 'component:default/gone', 'gitops');
    await grant('system', 'system:default/payments', 'gitops');
    await grant('system', 'system:default/gone', 'gitops');
    // Granted while the run works from its earlier read of the catalog.
    clock = new Date('2026-12-01T11:00:01Z');
    await grant('component', 'component:default/registered-since', 'gitops');

    await coverage.evaluation.run();

    expect(
      (await coverage.exemptions!.list()).map(e => e.scope.ref).sort(),
    ).toEqual([
      'component:default/payments-api',
      'component:default/registered-since',
      'system:default/payments',
    ]);
    expect(coverage.logger.info).toHaveBeenCalledWith(
      'Removed 1 exemption(s) of components no longer in the catalog: component:default/gone (gitops)',
    );
    expect(coverage.logger.info).toHaveBeenCalledWith(
      'Removed 1 exemption(s) of systems no longer in the catalog: system:default/gone (gitops)',
    );
  });

  it.each(databases.eachSupportedId())(
    'sorts the services table by the names the catalog shows, again after a Group is renamed, on %s',
    async databaseId => {
      const component = (name: string, owner: string, title?: string) => ({
        ...entity,
        metadata: { name, namespace: 'default', ...(title ? { title } : {}) },
        spec: { ...entity.spec, owner },
      });
      const team = (name: string, displayName: string): Entity => ({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name, namespace: 'default' },
        spec: { type: 'team', children: [], profile: { displayName } },
      });
      const renamed = team('team-a', 'Zulu Team');
      const coverage = await service(false, {
        databaseId: databaseId as 'SQLITE_3' | 'POSTGRES_15',
        scorecards: true,
        entities: [
          component('a-service', 'team-z', 'Zeta'),
          component('z-service', 'team-a', 'Alpha'),
          team('team-z', 'Alpha Team'),
          renamed,
        ],
      });
      const scorecards = new ScorecardStore(coverage.knex);
      const sorted = async (sort: 'entityRef' | 'owner') =>
        (await scorecards.services({ sort, limit: 50, offset: 0 })).items.map(
          i => i.entityRef,
        );

      await coverage.evaluation.run();
      expect(await sorted('entityRef')).toEqual([
        'component:default/z-service',
        'component:default/a-service',
      ]);
      expect(await sorted('owner')).toEqual([
        'component:default/a-service',
        'component:default/z-service',
      ]);

      (renamed.spec!.profile as { displayName: string }).displayName =
        'Able Team';
      await coverage.evaluation.run();
      expect(await sorted('owner')).toEqual([
        'component:default/z-service',
        'component:default/a-service',
      ]);
    },
  );

  it('goes on with the run when the database refuses a batch, and counts it as failed', async () => {
    const coverage = await service(false, {
      entities: [entity, otherComponent],
      scorecards: true,
    });
    jest
      .spyOn(coverage.store, 'put')
      .mockRejectedValueOnce(new Error('value too long for type'));

    const result = await coverage.evaluation.run();
    expect(result).toMatchObject({ evaluated: 0, failed: 2 });
    expect(coverage.logger.warn).toHaveBeenCalledWith(
      'Coverage of 2 component(s) not stored (component:default/payments-api, component:default/payments-worker): value too long for type',
    );
    // The steps after the batches still ran: today's snapshot is there.
    expect(
      await coverage.knex('coverage_history').count({ n: '*' }).first(),
    ).not.toEqual({ n: 0 });
  });

  it('keeps stored coverage when the catalog answers with no Components at all', async () => {
    const coverage = await service(false, {
      entities: [system],
      scorecards: true,
      exemptionsClock: () => new Date(Date.now() - 60_000),
    });
    await coverage.exemptions!.create(
      {
        scope: { kind: 'component', ref: 'component:default/payments-api' },
        capability: 'gitops',
        reason: 'accepted',
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        requestedBy: 'user:default/dana',
      },
      'user:default/dana',
    );
    // A team's history stays too, though the answer has no Groups either.
    const teamDay = {
      // Yesterday: today's snapshot is rewritten by the run.
      day: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
      subject_kind: 'team',
      subject_ref: 'group:default/payments-team',
      layer: -1,
      required: 10,
      covered: 7,
      partial: 1,
      services: 2,
    };
    await coverage.knex('coverage_history').insert(teamDay);
    const stored = await coverage.evaluate({
      entity,
      entityRef: 'component:default/payments-api',
    });
    await coverage.store.put([stored]);

    const result = await coverage.evaluation.run();
    expect(result).toMatchObject({ evaluated: 0, removed: 0 });
    expect(await coverage.store.entityRefs()).toEqual([
      'component:default/payments-api',
    ]);
    expect(coverage.logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/no Components; keeping the stored coverage of 1/),
    );
    expect(
      await coverage
        .knex('coverage_history')
        .where({ subject_kind: 'team' })
        .select('subject_ref'),
    ).toEqual([{ subject_ref: 'group:default/payments-team' }]);
    expect(await coverage.exemptions!.list()).toHaveLength(1);
  });

  it('reports a required capability that stopped being covered, once, and not while a source fails', async () => {
    let alertRules = true;
    let observabilityFails = false;
    const onRegressions = jest.fn(async () => {});
    const coverage = await service(false, {
      alertRules: () => {
        if (observabilityFails) throw new Error('prometheus is down');
        return alertRules;
      },
      onRegressions,
    });

    await coverage.evaluation.run();
    expect(onRegressions).not.toHaveBeenCalled();

    alertRules = false;
    await coverage.evaluation.run();
    expect(onRegressions).toHaveBeenCalledTimes(1);
    expect(onRegressions).toHaveBeenCalledWith(
      'component:default/payments-api',
      [
        {
          capability: expect.objectContaining({
            capability: 'alerting',
            status: 'missing',
          }),
          was: 'covered',
        },
      ],
    );

    // Still missing: nothing new to say.
    await coverage.evaluation.run();
    expect(onRegressions).toHaveBeenCalledTimes(1);

    // Covered again, then Prometheus cannot be read: the gap is the
    // source's, so the owners are not told.
    alertRules = true;
    await coverage.evaluation.run();
    observabilityFails = true;
    await coverage.evaluation.run();
    expect(onRegressions).toHaveBeenCalledTimes(1);
  });

  it('reports a regression no failed source explains while one fails', async () => {
    let observabilityFails = false;
    const onRegressions = jest.fn(async () => {});
    const coverage = await service(false, {
      alertRules: () => {
        if (observabilityFails) throw new Error('prometheus is down');
        return true;
      },
      onRegressions,
    });
    await coverage.evaluation.run();

    // Prometheus goes down, and the workload goes from the cluster.
    observabilityFails = true;
    coverage.objects.set('prod-eu-1', []);
    const storedReads = jest.spyOn(coverage.store, 'get');
    await coverage.evaluation.run();

    // What was stored is read once, for the carried evidence and the notice.
    expect(storedReads).toHaveBeenCalledTimes(1);
    expect(onRegressions).toHaveBeenCalledTimes(1);
    const [, regressions] = onRegressions.mock.calls[0] as unknown as [
      string,
      Array<{ capability: { capability: string } }>,
    ];
    const capabilities = regressions.map(r => r.capability.capability);
    expect(capabilities).toContain('workloads');
    expect(capabilities).not.toContain('metrics');
    expect(capabilities).not.toContain('alerting');
  });

  it('tells no one of the gaps a Prometheus it cannot read leaves, and stores which one failed', async () => {
    const onRegressions = jest.fn(async () => {});
    const coverage = await service(false, { onRegressions });
    await coverage.evaluation.run();

    // What the observability service answers when its only Prometheus is
    // down: no targets or rules, and the source named.
    coverage.observability.entityObservability.mockImplementation(async () => ({
      evidence: [
        { capability: 'logging', status: 'linked', summary: '1 link' },
      ],
      errors: [
        {
          source: 'prom-eu',
          message: 'connect ECONNREFUSED 10.0.0.7:9090',
        },
      ],
    }));
    await coverage.evaluation.run();
    expect(onRegressions).not.toHaveBeenCalled();
    const stored = await coverage.store.get('component:default/payments-api');
    expect(stored!.sourceErrors).toEqual([
      {
        source: 'observability',
        message: 'prom-eu: connect ECONNREFUSED 10.0.0.7:9090',
      },
    ]);
  });

  describe('the scheduled evaluation', () => {
    async function scheduledWith(
      sources: Awaited<ReturnType<typeof service>>,
      onEvaluated?: () => void,
    ) {
      const evaluation = new CoverageEvaluationService({
        coverage: sources,
        store: sources.store,
        catalog: sources.catalog,
        auth: mockServices.auth(),
        logger: sources.logger,
        settings: {
          schedule: {
            frequency: { minutes: 10 },
            timeout: { minutes: 1 },
            // As config may give it.
            scope: 'local',
          },
          concurrency: 2,
          retentionDays: 30,
        },
        ...(onEvaluated ? { onEvaluated } : {}),
      });
      const tasks: Array<{ scope?: string; fn: Function }> = [];
      await evaluation.schedule({
        scheduleTask: async (task: any) => {
          tasks.push(task);
        },
        triggerTask: async () => {},
      } as any);
      return { evaluation, task: tasks[0] };
    }

    it('runs on one replica at a time, whatever scope config gives', async () => {
      const { task } = await scheduledWith(await service(false));
      expect(task.scope).toBe('global');
    });

    it('stops at its task’s signal, storing nothing more', async () => {
      const sources = await service(false);
      const { task } = await scheduledWith(sources);
      const timedOut = new AbortController();
      timedOut.abort(new Error('task timed out'));
      await expect(task.fn(timedOut.signal)).rejects.toThrow('task timed out');
      expect(
        await sources.store.get('component:default/payments-api'),
      ).toBeUndefined();
    });

    it('goes round again for collections during a run, but not for ever', async () => {
      const started: { evaluation?: CoverageEvaluationService } = {};
      let runs = 0;
      // Every run sees a collection end: as with many clusters.
      const scheduled = await scheduledWith(await service(false), () => {
        runs += 1;
        void started.evaluation!.requestEvaluation();
      });
      started.evaluation = scheduled.evaluation;
      await scheduled.task.fn(new AbortController().signal);
      expect(runs).toBe(3);
    });
  });

  it('keeps what Prometheus showed last while it cannot be read, so an outage stores no dip', async () => {
    let observabilityFails = false;
    const coverage = await service(false, {
      alertRules: () => {
        if (observabilityFails) throw new Error('prometheus is down');
        return true;
      },
    });
    const ref = 'component:default/payments-api';
    const statuses = async () => {
      const stored = (await coverage.store.get(ref))!;
      return {
        stored,
        metrics: stored.capabilities.find(c => c.capability === 'metrics')!,
        alerting: stored.capabilities.find(c => c.capability === 'alerting')!,
      };
    };
    await coverage.evaluation.run();
    const before = await statuses();
    expect(before.metrics.status).toBe('covered');

    observabilityFails = true;
    await coverage.evaluation.run();
    const during = await statuses();
    expect(during.stored.sourceErrors).toEqual([
      { source: 'observability', message: 'prometheus is down' },
    ]);
    expect(during.stored.overall).toEqual(before.stored.overall);
    expect(during.metrics.status).toBe('covered');
    // Shown with when it was last seen.
    expect(
      during.metrics.evidence.find(e => e.source === 'observability'),
    ).toMatchObject({ seenAt: before.stored.evaluatedAt });

    // Carried again through a longer outage, still dated from the last read.
    await coverage.evaluation.run();
    const later = await statuses();
    expect(later.alerting.status).toBe('covered');
    expect(
      later.alerting.evidence.find(e => e.source === 'observability'),
    ).toMatchObject({ seenAt: before.stored.evaluatedAt });

    // Read again: fresh evidence, nothing carried.
    observabilityFails = false;
    await coverage.evaluation.run();
    const after = await statuses();
    expect(after.stored.sourceErrors).toEqual([]);
    expect(
      after.metrics.evidence.find(e => e.source === 'observability')?.seenAt,
    ).toBeUndefined();
  });

  it('tells no one of a registry gap while the registry cannot be read, and stores which repository failed', async () => {
    const onRegressions = jest.fn(async () => {});
    const coverage = await service(false, { onRegressions });
    await coverage.evaluation.run();

    // A new tag rolled out while the registry is unreachable: none of its
    // tags kept from earlier reads is the one running.
    const { current: _current, ...unread } = images.images[0];
    coverage.imageService.entityImages.mockResolvedValue({
      ...images,
      images: [
        {
          ...unread,
          reference: 'registry.example.com/payments/payments-api:1.1.0',
          tag: '1.1.0',
          lastError: 'connect ECONNREFUSED 10.0.0.8:443',
        },
      ],
    });
    await coverage.evaluation.run();
    expect(onRegressions).not.toHaveBeenCalled();
    const stored = await coverage.store.get('component:default/payments-api');
    expect(stored!.sourceErrors).toEqual([
      {
        source: 'images',
        message:
          'registry.example.com/payments/payments-api: connect ECONNREFUSED 10.0.0.8:443',
      },
    ]);
  });

  it('reports a regression found by an evaluation on demand (an exemption revoked), and the next run does not repeat it', async () => {
    let alertRules = true;
    const onRegressions = jest.fn(async () => {});
    const coverage = await service(false, {
      alertRules: () => alertRules,
      onRegressions,
    });
    await coverage.evaluation.run();

    alertRules = false;
    await coverage.reevaluate(
      ['component:default/payments-api'],
      mockCredentials.service(),
    );
    expect(onRegressions).toHaveBeenCalledTimes(1);
    expect(onRegressions).toHaveBeenCalledWith(
      'component:default/payments-api',
      [expect.objectContaining({ was: 'covered' })],
    );
    await coverage.evaluation.run();
    expect(onRegressions).toHaveBeenCalledTimes(1);
  });

  it('tells of a regression once when two writers store it at once', async () => {
    let alertRules = true;
    const onRegressions = jest.fn(async () => {});
    const coverage = await service(false, {
      alertRules: () => alertRules,
      onRegressions,
    });
    await coverage.evaluation.run();

    // A scheduled run and an evaluation on demand (two replicas, say) find
    // the same regression; both read the old statuses before either writes.
    alertRules = false;
    const context = {
      entity,
      entityRef: 'component:default/payments-api',
      systemRef: 'system:default/payments',
      system,
    };
    const [first, second] = await Promise.all([
      coverage.evaluate(context),
      coverage.evaluate(context),
    ]);
    await Promise.all([
      coverage.storeEvaluated([first]),
      coverage.storeEvaluated([second]),
    ]);
    expect(onRegressions).toHaveBeenCalledTimes(1);
  });

  it('keeps a stored evaluation when telling of its regression fails', async () => {
    let alertRules = true;
    const onRegressions = jest.fn(async () => {
      throw new Error('notifications backend down');
    });
    const coverage = await service(false, {
      alertRules: () => alertRules,
      onRegressions,
    });
    await coverage.evaluation.run();
    alertRules = false;
    const result = await coverage.evaluation.run();
    expect(onRegressions).toHaveBeenCalledTimes(1);
    expect(result).toMatchObject({ failed: 0 });
    expect(coverage.serviceLogger.warn).toHaveBeenCalledWith(
      'Could not report the regressions of component:default/payments-api: notifications backend down',
    );
  });

  it('adds up a System’s evaluated components and lists the pending ones', async () => {
    const coverage = await service(false, {
      entities: [
        {
          ...entity,
          relations: [{ type: 'partOf', targetRef: 'system:default/payments' }],
        },
        otherComponent,
        system,
      ],
    });
    const evaluated = await coverage.evaluate({
      entity,
      entityRef: 'component:default/payments-api',
      systemRef: 'system:default/payments',
      system,
    });
    await coverage.store.put([evaluated]);

    const result = await coverage.systemCoverage(
      system,
      mockCredentials.user(),
    );
    expect(result.components.map(c => c.entityRef)).toEqual([
      'component:default/payments-api',
    ]);
    expect(result.pending).toEqual(['component:default/payments-worker']);
    expect(result.overall).toEqual(evaluated.coverage.overall);
    expect(result.topGaps.map(g => g.capability).sort()).toEqual(
      evaluated.coverage.gaps.map(g => g.capability).sort(),
    );
    expect(result.topGaps[0].components).toEqual([
      'component:default/payments-api',
    ]);
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
