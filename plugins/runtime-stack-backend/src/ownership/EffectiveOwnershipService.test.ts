import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { ClusterDirectory } from '../clusters/ClusterDirectory';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  defaultLayerModel,
  resolveOwnershipTarget,
  type ClusterObject,
  type EffectiveOwnership,
} from '@internal/backstage-plugin-runtime-stack-common';
import type { Knex } from 'knex';
import { ClusterSnapshotStore } from '../clusters/ClusterSnapshotStore';
import { ClusterStateService } from '../clusters/ClusterStateService';
import { migrateToLatest } from '../database/migrations';
import { DatabaseOwnershipStore } from './DatabaseOwnershipStore';
import { EffectiveOwnershipService } from './EffectiveOwnershipService';
import { readOrganizationDefaults } from './organizationDefaults';
import { createRequestMemo } from './requestMemo';
import { catalogMockWithVisibility } from '../__testUtils__/portalBackend';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const component = (
  name: string,
  annotations: Record<string, string>,
  system?: string,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'team-payments',
    ...(system ? { system } : {}),
  },
});
const clusterResource = (name: string, environment: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'runtime-stack.io/environment': environment },
  },
  spec: { type: 'kubernetes-cluster', owner: 'platform-team' },
});
const deployment = (
  name: string,
  namespace: string,
  labels: Record<string, string>,
): ClusterObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace, labels },
});

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'payments', namespace: 'default' },
    spec: { owner: 'team-payments' },
  },
  // Runs on both production clusters; no cluster annotation.
  component(
    'payments-api',
    {
      'backstage.io/kubernetes-id': 'payments-api',
      'backstage.io/kubernetes-namespace': 'payments',
    },
    'payments',
  ),
  // Found by its label selector, on prod-us-1 only.
  component('search-indexer', {
    'backstage.io/kubernetes-label-selector': 'app=search-indexer',
  }),
  // Never seen on a cluster: its objects are in another namespace.
  component(
    'order-history',
    {
      'backstage.io/kubernetes-id': 'order-history',
      'backstage.io/kubernetes-namespace': 'orders',
    },
    'payments',
  ),
  // Declares a cluster nothing has been collected from yet.
  component('fraud-scoring', {
    'backstage.io/kubernetes-cluster': 'staging-eu-1',
  }),
  // The comma form of the annotation, still read as declared clusters.
  component('legacy-batch', {
    'backstage.io/kubernetes-cluster': 'prod-eu-1, prod-us-1',
  }),
  // Named in mixed case, as its record was stored before entity refs were
  // written in lower case.
  component('Ledger-API', {}),
  // On clusters of two environments.
  component('checkout', {
    'backstage.io/kubernetes-cluster': 'prod-eu-1, staging-eu-1',
  }),
  clusterResource('prod-eu-1', 'production'),
  clusterResource('prod-us-1', 'production'),
  // Written with spaces, which the environment's records must still match.
  clusterResource('staging-eu-1', ' staging '),
  // Hidden, with the payments System, from OLLY.
  component('secret-api', {}, 'payments'),
];

const OLLY = 'user:default/olly';

const ownersOf = (
  ownership: EffectiveOwnership,
  capability: string,
  responsibility = 'operates',
) =>
  ownership.capabilities
    .find(c => c.capability === capability)!
    .owners.filter(o => o.responsibility === responsibility)
    .map(o => [o.owner, o.inheritedFrom.kind, o.inheritedFrom.ref])
    .sort();

const clusterScopes = (ownership: EffectiveOwnership) =>
  ownership.scopes
    .filter(s => s.kind === 'cluster' || s.kind === 'environment')
    .map(s => `${s.kind}:${s.ref}`);

describe.each(databases.eachSupportedId())(
  'EffectiveOwnershipService on %s',
  databaseId => {
    let knex: Knex;
    let clusterStore: ClusterSnapshotStore;
    let store: DatabaseOwnershipStore;
    let service: EffectiveOwnershipService;
    const credentials = {
      caller: mockCredentials.service(),
      service: mockCredentials.service(),
    };
    const serviceOn = (catalog: CatalogService) =>
      new EffectiveOwnershipService({
        store,
        catalog,
        clusterState: new ClusterStateService({
          clusters: new ClusterDirectory(
            ['prod-eu-1', 'prod-us-1', 'staging-eu-1'].map(name => ({
              name,
              url: 'http://127.0.0.1:9',
              skipTLSVerify: false,
            })),
          ),
          store: clusterStore,
          staleAfterMs: 15 * 60_000,
          detectServiceTools: () => [],
        }),
        layerModel: defaultLayerModel,
        organizationDefaults: readOrganizationDefaults(
          new ConfigReader({
            runtimeStack: {
              ownership: {
                defaults: [
                  { owner: 'platform-team', layers: [1] },
                  { owner: 'platform-team', capabilities: ['metrics'] },
                ],
              },
            },
          }),
          defaultLayerModel,
        ),
      });

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await migrateToLatest(knex);
      store = new DatabaseOwnershipStore(knex);
      clusterStore = new ClusterSnapshotStore(knex);

      const snapshot = (objects: ClusterObject[]) => ({
        objects,
        collectedAt: new Date(),
        warnings: [],
        platformTools: [],
      });
      await clusterStore.replaceSnapshot(
        'prod-eu-1',
        snapshot([
          deployment('payments-api', 'payments', {
            'backstage.io/kubernetes-id': 'payments-api',
          }),
          deployment('order-history', 'sandbox', {
            'backstage.io/kubernetes-id': 'order-history',
          }),
        ]),
      );
      await clusterStore.replaceSnapshot(
        'prod-us-1',
        snapshot([
          deployment('payments-api', 'payments', {
            'backstage.io/kubernetes-id': 'payments-api',
          }),
          deployment('search-indexer', 'search', { app: 'search-indexer' }),
        ]),
      );

      const assign = async (
        scope: { kind: any; ref: string },
        capability: string,
        owner: string,
      ) =>
        store.create(
          {
            scope,
            ...resolveOwnershipTarget(defaultLayerModel, { capability }),
            owner,
            responsibility: 'operates',
          },
          'user:default/pat',
        );
      await assign(
        { kind: 'cluster', ref: 'prod-eu-1' },
        'metrics',
        'group:default/team-a',
      );
      await assign(
        { kind: 'cluster', ref: 'prod-us-1' },
        'metrics',
        'group:default/team-b',
      );
      await assign(
        { kind: 'cluster', ref: 'staging-eu-1' },
        'metrics',
        'group:default/team-c',
      );
      await assign(
        { kind: 'environment', ref: 'production' },
        'alerting',
        'group:default/sre',
      );
      await assign(
        { kind: 'system', ref: 'system:default/payments' },
        'logging',
        'group:default/team-payments',
      );
      // Only one cluster of payments-api and checkout has its own owner.
      await assign(
        { kind: 'cluster', ref: 'prod-eu-1' },
        'scheduling',
        'group:default/eu-ops',
      );
      await assign(
        { kind: 'cluster', ref: 'prod-eu-1' },
        'service-discovery',
        'group:default/eu-ops',
      );
      await assign(
        { kind: 'environment', ref: 'staging' },
        'service-discovery',
        'group:default/staging-ops',
      );
      await assign(
        { kind: 'component', ref: 'component:default/Ledger-API' },
        'tracing',
        'group:default/team-ledger',
      );
      await assign(
        { kind: 'component', ref: 'component:default/checkout' },
        'metrics',
        'group:default/team-checkout',
      );

      service = serviceOn(catalogServiceMock({ entities }));
    });

    afterEach(() => jest.restoreAllMocks());

    it('shows the owner of each cluster a service was seen on, each saying where it comes from', async () => {
      const ownership = await service.forEntity(
        'component:default/payments-api',
        credentials,
      );
      expect(clusterScopes(ownership)).toEqual([
        'cluster:prod-eu-1',
        'cluster:prod-us-1',
        'environment:production',
      ]);
      expect(ownersOf(ownership, 'metrics')).toEqual([
        ['group:default/team-a', 'cluster', 'prod-eu-1'],
        ['group:default/team-b', 'cluster', 'prod-us-1'],
      ]);
      // The clusters' environment applies too.
      expect(ownersOf(ownership, 'alerting')).toEqual([
        ['group:default/sre', 'environment', 'production'],
      ]);
    });

    it('resolves each cluster on its own, so a cluster without a record of its own keeps what it inherits', async () => {
      const withClusters = (
        ownership: EffectiveOwnership,
        capability: string,
      ) =>
        ownership.capabilities
          .find(c => c.capability === capability)!
          .owners.map(o => [
            o.owner,
            `${o.inheritedFrom.kind}:${o.inheritedFrom.ref}`,
            o.clusters,
          ])
          .sort();

      const paymentsApi = await service.forEntity(
        'component:default/payments-api',
        credentials,
      );
      // prod-us-1 has no record: it inherits the organisation's default.
      expect(withClusters(paymentsApi, 'scheduling')).toEqual([
        ['group:default/eu-ops', 'cluster:prod-eu-1', ['prod-eu-1']],
        [
          'group:default/platform-team',
          'organization:organization',
          ['prod-us-1'],
        ],
      ]);
      // Where every cluster agrees, no cluster is named.
      expect(withClusters(paymentsApi, 'alerting')).toEqual([
        ['group:default/sre', 'environment:production', undefined],
      ]);

      const checkout = await service.forEntity(
        'component:default/checkout',
        credentials,
      );
      expect(clusterScopes(checkout)).toEqual([
        'cluster:prod-eu-1',
        'cluster:staging-eu-1',
        'environment:production',
        'environment:staging',
      ]);
      // staging-eu-1 inherits from its own environment, not prod-eu-1's.
      expect(withClusters(checkout, 'service-discovery')).toEqual([
        ['group:default/eu-ops', 'cluster:prod-eu-1', ['prod-eu-1']],
        ['group:default/staging-ops', 'environment:staging', ['staging-eu-1']],
      ]);
      // production's alerting owner is not staging-eu-1's.
      expect(withClusters(checkout, 'alerting')).toEqual([
        ['group:default/sre', 'environment:production', ['prod-eu-1']],
      ]);
      // The component's own record holds on every cluster.
      expect(withClusters(checkout, 'metrics')).toEqual([
        [
          'group:default/team-checkout',
          'component:component:default/checkout',
          undefined,
        ],
      ]);
    });

    it("counts every cluster's owner as a current owner of the component", async () => {
      const owners = await service.currentOwners(
        {
          scope: {
            kind: 'component',
            ref: 'component:default/payments-api',
          },
          layer: 1,
          capability: 'scheduling',
          owner: 'group:default/eu-ops',
          responsibility: 'operates',
        },
        credentials,
      );
      expect(owners.sort()).toEqual([
        'group:default/eu-ops',
        'group:default/platform-team',
      ]);
    });

    it("counts a record of the service whose ref differs from the catalog's only in case", async () => {
      const ownership = await service.forEntity(
        'component:default/Ledger-API',
        credentials,
      );
      expect(ownership.entityRef).toBe('component:default/ledger-api');
      expect(ownersOf(ownership, 'tracing')).toEqual([
        [
          'group:default/team-ledger',
          'component',
          'component:default/Ledger-API',
        ],
      ]);
    });

    it('finds the clusters of a service by its label selector', async () => {
      const ownership = await service.forEntity(
        'component:default/search-indexer',
        credentials,
      );
      expect(clusterScopes(ownership)).toEqual([
        'cluster:prod-us-1',
        'environment:production',
      ]);
      expect(ownersOf(ownership, 'metrics')).toEqual([
        ['group:default/team-b', 'cluster', 'prod-us-1'],
      ]);
      expect(ownersOf(ownership, 'scheduling')).toEqual([
        ['group:default/platform-team', 'organization', 'organization'],
      ]);
    });

    it('falls back to the System and the organisation for a service seen on no cluster', async () => {
      const ownership = await service.forEntity(
        'component:default/order-history',
        credentials,
      );
      expect(clusterScopes(ownership)).toEqual([]);
      expect(ownersOf(ownership, 'logging')).toEqual([
        ['group:default/team-payments', 'system', 'system:default/payments'],
      ]);
      // No cluster's metrics owner applies: the organisation's does.
      expect(ownersOf(ownership, 'metrics')).toEqual([
        ['group:default/platform-team', 'organization', 'organization'],
      ]);
      expect(ownersOf(ownership, 'alerting')).toEqual([]);

      const alone = await service.forEntity(
        'component:default/search-indexer',
        credentials,
      );
      expect(ownersOf(alone, 'logging')).toEqual([]);
    });

    it('counts a declared cluster before anything was collected from it', async () => {
      const ownership = await service.forEntity(
        'component:default/fraud-scoring',
        credentials,
      );
      expect(clusterScopes(ownership)).toEqual([
        'cluster:staging-eu-1',
        'environment:staging',
      ]);
      expect(ownersOf(ownership, 'metrics')).toEqual([
        ['group:default/team-c', 'cluster', 'staging-eu-1'],
      ]);
    });

    it('still reads a comma-separated cluster annotation as declared clusters', async () => {
      const ownership = await service.forEntity(
        'component:default/legacy-batch',
        credentials,
      );
      expect(ownersOf(ownership, 'metrics')).toEqual([
        ['group:default/team-a', 'cluster', 'prod-eu-1'],
        ['group:default/team-b', 'cluster', 'prod-us-1'],
      ]);
    });

    it('reads the cluster state with one query per request, without reading objects', async () => {
      const clustersHolding = jest.spyOn(clusterStore, 'clustersHolding');
      const findObjects = jest.spyOn(clusterStore, 'findObjects');
      await service.forEntity('component:default/payments-api', credentials);
      expect(findObjects).not.toHaveBeenCalled();
      expect(clustersHolding).toHaveBeenCalledTimes(1);
      expect(clustersHolding).toHaveBeenCalledWith(
        expect.objectContaining({
          clusters: ['prod-eu-1', 'prod-us-1', 'staging-eu-1'],
          kubernetesId: 'payments-api',
          namespaces: ['payments'],
        }),
      );
    });

    it("resolves a scope's current owners once for every record of a request", async () => {
      const findForScopes = jest.spyOn(store, 'findForScopes');
      const memo = createRequestMemo();
      const assignment = (capability: string) => ({
        scope: {
          kind: 'component' as const,
          ref: 'component:default/payments-api',
        },
        layer: 4,
        capability,
        owner: 'group:default/team-payments',
        responsibility: 'operates' as const,
      });
      const owners = [];
      for (const capability of ['metrics', 'logging', 'alerting']) {
        owners.push(
          await service.currentOwners(
            assignment(capability),
            credentials,
            undefined,
            memo,
          ),
        );
      }
      expect(owners).toEqual([
        // Each cluster it runs on has its metrics owner.
        ['group:default/team-a', 'group:default/team-b'],
        ['group:default/team-payments'],
        ['group:default/sre'],
      ]);
      expect(findForScopes).toHaveBeenCalledTimes(1);

      // Without a memo, each call resolves again.
      await service.currentOwners(assignment('metrics'), credentials);
      await service.currentOwners(assignment('metrics'), credentials);
      expect(findForScopes).toHaveBeenCalledTimes(3);
    });

    describe('for a caller the catalog hides scopes from', () => {
      const olly = mockCredentials.user(OLLY);
      const riley = mockCredentials.user('user:default/riley');
      const backend = mockCredentials.service();
      let hiding: EffectiveOwnershipService;
      const secretApi = component('secret-api', {}, 'payments');
      const fromStore = (ownership: EffectiveOwnership) =>
        ownership.capabilities
          .flatMap(c => c.owners)
          .filter(o => o.inheritedFrom.source === 'store')
          .map(o => [o.owner, o.inheritedFrom.ref, o.note]);

      beforeAll(async () => {
        hiding = serviceOn(
          catalogMockWithVisibility(entities, {
            user: OLLY,
            entityRefs: [
              'system:default/payments',
              'component:default/secret-api',
            ],
          }),
        );
        for (const [ref, capability] of [
          ['component:default/secret-api', 'workloads'],
          ['system:default/being-created', 'tracing'],
        ]) {
          await store.create(
            {
              scope: {
                kind: ref.startsWith('system:') ? 'system' : 'component',
                ref,
              },
              ...resolveOwnershipTarget(defaultLayerModel, { capability }),
              owner: 'group:default/team-a',
              responsibility: 'operates',
              note: `Ask about ${capability} in #secret`,
            },
            'user:default/pat',
          );
        }
      });

      it('adds no record of a System hidden from the caller to a service it sees', async () => {
        const ownership = await hiding.forEntity(
          'component:default/order-history',
          { caller: olly, service: backend },
        );
        expect(ownersOf(ownership, 'logging')).toEqual([]);
        expect(ownership.scopes.map(s => s.ref)).not.toContain(
          'system:default/payments',
        );

        const seen = await hiding.forEntity('component:default/order-history', {
          caller: riley,
          service: backend,
        });
        expect(ownersOf(seen, 'logging')).toEqual([
          ['group:default/team-payments', 'system', 'system:default/payments'],
        ]);
      });

      it('adds no record of a planned entity, or its System, that the catalog has but hides from the caller', async () => {
        const ownership = await hiding.forEntity(secretApi, {
          caller: olly,
          service: backend,
        });
        expect(fromStore(ownership)).toEqual([]);
        expect(ownership.scopes.map(s => s.ref)).toEqual(['organization']);

        const seen = await hiding.forEntity(secretApi, {
          caller: riley,
          service: backend,
        });
        expect(fromStore(seen).sort()).toEqual([
          [
            'group:default/team-a',
            'component:default/secret-api',
            'Ask about workloads in #secret',
          ],
          ['group:default/team-payments', 'system:default/payments', undefined],
        ]);
      });

      it('counts a System the catalog lacks', async () => {
        const planned = component('new-api', {}, 'being-created');
        const withBackend = await hiding.forEntity(planned, {
          caller: olly,
          service: backend,
        });
        expect(ownersOf(withBackend, 'tracing')).toEqual([
          ['group:default/team-a', 'system', 'system:default/being-created'],
        ]);
      });
    });
  },
);
