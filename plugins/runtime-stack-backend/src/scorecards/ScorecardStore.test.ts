import { TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import {
  computeCoverage,
  defaultLayerModel,
  defaultRequirementProfiles,
  type CoverageEvidence,
  type CoverageExemption,
  type EntityCoverage,
  type TrendPoint,
} from '@internal/backstage-plugin-runtime-stack-common';
import type { Knex } from 'knex';
import { migrateAllDown, migrateToLatest } from '../database/migrations';
import { serializeTransaction } from '../database/serializeTransaction';
import {
  COVERAGE_WRITE_LOCK,
  CoverageStore,
} from '../layerCoverage/CoverageStore';
import { ExemptionStore } from './ExemptionStore';
import { ScorecardStore } from './ScorecardStore';
import { teamSortNames } from './sortText';
import { teamClosure } from './teamClosure';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const tier1 = defaultRequirementProfiles.find(p => p.id === 'tier-1')!;

const group = (name: string, parent?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
  relations: parent
    ? [{ type: 'childOf', targetRef: `group:default/${parent}` }]
    : [],
});

const evidence = (capability: string, tool: string): CoverageEvidence => ({
  source: 'cluster',
  capability,
  tool,
  detail: `${tool} seen`,
  strength: 'full',
});

function coverageOf(
  name: string,
  evidenceList: CoverageEvidence[],
  exemptions: CoverageExemption[] = [],
  profile = tier1,
): EntityCoverage {
  return {
    entityRef: `component:default/${name}`,
    evaluatedAt: '2026-11-23T10:00:00.000Z',
    sourceErrors: [],
    ...computeCoverage({
      layerModel: defaultLayerModel,
      choice: { profile, reason: 'test' },
      evidence: evidenceList,
      exemptions,
      now: new Date('2026-11-23T10:00:00Z'),
    }),
  };
}

describe.each(databases.eachSupportedId())(
  'ScorecardStore on %s',
  databaseId => {
    let knex: Knex;
    let coverage: CoverageStore;
    let store: ScorecardStore;

    const services = {
      'pay-api': {
        owner: 'payments',
        system: 'payments',
        lifecycle: 'production',
        evidence: [
          evidence('gitops', 'argo-cd'),
          evidence('service-proxy', 'ingress-nginx'),
          evidence('metrics', 'prometheus'),
        ],
      },
      'pay-worker': {
        owner: 'payments',
        system: 'payments',
        lifecycle: 'experimental',
        evidence: [evidence('gitops', 'argo-cd')],
      },
      'checkout-web': {
        owner: 'checkout',
        system: 'checkout',
        lifecycle: 'production',
        evidence: [
          evidence('gitops', 'flux'),
          evidence('service-proxy', 'traefik'),
        ],
      },
      'edge-proxy': {
        owner: 'platform',
        system: 'platform',
        lifecycle: 'production',
        evidence: [evidence('service-proxy', 'ingress-nginx')],
      },
    };

    async function load() {
      await coverage.put(
        Object.entries(services).map(([name, s]) => ({
          coverage: coverageOf(name, s.evidence),
          ownerRef: `group:default/${s.owner}`,
          systemRef: `system:default/${s.system}`,
          lifecycle: s.lifecycle,
        })),
      );
      const groups = [
        group('engineering'),
        group('product', 'engineering'),
        group('payments', 'product'),
        group('checkout', 'product'),
        group('platform', 'engineering'),
      ];
      await store.replaceTeamClosure(
        teamClosure(groups),
        teamSortNames(groups),
      );
    }

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      await migrateToLatest(knex);
      coverage = new CoverageStore(knex);
      store = new ScorecardStore(knex);
      await load();
    });

    it('rolls teams up through nested groups, overall and per layer', async () => {
      const card = await store.teamScorecard(defaultLayerModel, {
        limit: 50,
        offset: 0,
      });
      const row = (team: string) =>
        card.items.find(i => i.team === `group:default/${team}`)!;
      expect(card.totalCount).toBe(5);
      expect(card.columns.map(c => c.id)).toEqual([
        '0',
        '1',
        '2',
        '3',
        '4',
        '5',
        '6',
      ]);
      expect(row('payments').services).toBe(2);
      expect(row('checkout').services).toBe(1);
      expect(row('product').services).toBe(3);
      expect(row('engineering').services).toBe(4);
      // Each row names the group above it, whose row counts it in.
      expect(row('payments').parent).toBe('group:default/product');
      expect(row('product').parent).toBe('group:default/engineering');
      expect(row('engineering')).not.toHaveProperty('parent');

      const one = coverageOf('x', services['pay-api'].evidence);
      const worker = coverageOf('x', services['pay-worker'].evidence);
      expect(row('payments').overall).toMatchObject({
        required: one.overall.required + worker.overall.required,
        covered: one.overall.covered + worker.overall.covered,
      });
      // The parent's layer-4 cell adds up its children's services.
      const layer4 = (team: string) =>
        row(team).cells.find(c => c.column === '4')!;
      expect(layer4('product').required).toBe(
        layer4('payments').required + layer4('checkout').required,
      );
      expect(layer4('product').covered).toBe(
        layer4('payments').covered + layer4('checkout').covered,
      );
    });

    it('names the groups whose rollups count services of given owners', async () => {
      expect(
        (
          await store.teamsCounting([
            'group:default/payments',
            'group:default/platform',
          ])
        ).sort(),
      ).toEqual([
        'group:default/engineering',
        'group:default/payments',
        'group:default/platform',
        'group:default/product',
      ]);
      expect(await store.teamsCounting(['group:default/unknown'])).toEqual([]);
    });

    it('drills down into the capabilities of one layer, and pages teams', async () => {
      const card = await store.teamScorecard(defaultLayerModel, {
        layer: 4,
        limit: 2,
        offset: 1,
      });
      expect(card.items.map(i => i.team)).toEqual([
        'group:default/engineering',
        'group:default/payments',
      ]);
      expect(card.columns.map(c => c.id)).toContain('gitops');
      const gitops = card.items[0].cells.find(c => c.column === 'gitops')!;
      expect(gitops).toMatchObject({ required: 4, covered: 3, services: 4 });
    });

    it('counts which tools cover each capability across the estate', async () => {
      const adoption = await store.adoption(defaultLayerModel);
      expect(adoption.services).toBe(4);
      const proxy = adoption.capabilities.find(
        c => c.capability === 'service-proxy',
      )!;
      expect(proxy.tools).toEqual([
        { tool: 'ingress-nginx', services: 2, declaredOnly: 0 },
        { tool: 'traefik', services: 1, declaredOnly: 0 },
      ]);
      const gitops = adoption.capabilities.find(
        c => c.capability === 'gitops',
      )!;
      expect(gitops).toMatchObject({ covered: 3, missing: 1 });
    });

    it('filters, sorts and pages the services table in SQL', async () => {
      const product = await store.services({
        team: 'group:default/product',
        sort: 'ratio',
        order: 'desc',
        limit: 2,
        offset: 0,
      });
      expect(product.totalCount).toBe(3);
      expect(product.items).toHaveLength(2);
      expect(product.items[0].ratio).toBeGreaterThanOrEqual(
        product.items[1].ratio,
      );
      expect(product.items[0].entityRef).toBe('component:default/pay-api');

      const experimental = await store.services({
        lifecycle: 'experimental',
        limit: 50,
        offset: 0,
      });
      expect(experimental.items.map(i => i.entityRef)).toEqual([
        'component:default/pay-worker',
      ]);

      const gitopsMissing = await store.services({
        layer: 4,
        status: 'missing',
        search: 'EDGE',
        limit: 50,
        offset: 0,
      });
      expect(gitopsMissing.items.map(i => i.entityRef)).toEqual([
        'component:default/edge-proxy',
      ]);

      const bySystem = await store.services({
        system: 'system:default/checkout',
        limit: 50,
        offset: 0,
      });
      expect(bySystem.items.map(i => i.owner)).toEqual([
        'group:default/checkout',
      ]);
    });

    it('searches names with _ and % as themselves, and sorts services without an owner or System last', async () => {
      await coverage.put([
        { coverage: coverageOf('my_api', []), ownerRef: 'group:default/zeta' },
        { coverage: coverageOf('myxapi', []) },
        { coverage: coverageOf('100%-api', []) },
      ]);
      const search = async (text: string) =>
        (
          await store.services({ search: text, limit: 50, offset: 0 })
        ).items.map(i => i.entityRef);
      expect(await search('my_')).toEqual(['component:default/my_api']);
      expect(await search('0%-')).toEqual(['component:default/100%-api']);

      for (const order of ['asc', 'desc'] as const) {
        const owners = (
          await store.services({ sort: 'owner', order, limit: 50, offset: 0 })
        ).items.map(i => i.owner ?? null);
        expect(owners.slice(-2)).toEqual([null, null]);
        expect(owners[order === 'asc' ? 4 : 0]).toBe('group:default/zeta');
        const systems = (
          await store.services({ sort: 'system', order, limit: 50, offset: 0 })
        ).items.map(i => i.system ?? null);
        expect(systems.slice(-3)).toEqual([null, null, null]);
      }
    });

    it('sorts services that require nothing last by coverage, in either order', async () => {
      const nothingRequired = { id: 'none', title: 'None', required: [] };
      await coverage.put([
        {
          coverage: coverageOf('sandbox', [], [], nothingRequired),
          ownerRef: 'group:default/payments',
        },
      ]);
      for (const order of ['asc', 'desc'] as const) {
        const { items } = await store.services({
          sort: 'ratio',
          order,
          limit: 50,
          offset: 0,
        });
        expect(items.map(i => i.entityRef).slice(-1)).toEqual([
          'component:default/sandbox',
        ]);
        const rated = items.slice(0, -1).map(i => i.ratio);
        expect(rated).toEqual(
          [...rated].sort((a, b) => (order === 'asc' ? a - b : b - a)),
        );
      }
    });

    it('sorts services by what the table shows of them: the title, else the name, without case or accents', async () => {
      await coverage.put([
        { coverage: coverageOf('a-service', []), title: 'Zeta' },
        { coverage: coverageOf('z-service', []), title: 'Alpha' },
        { coverage: coverageOf('uber-service', []), title: 'Über' },
        { coverage: coverageOf('vault-sync', []) },
        { coverage: coverageOf('Quota-Keeper', []) },
        { coverage: coverageOf('twin-b', []), title: 'Twin' },
        { coverage: coverageOf('twin-a', []), title: 'twin' },
      ]);
      const sorted = async (order?: 'asc' | 'desc') =>
        (
          await store.services({
            ...(order ? { sort: 'entityRef', order } : {}),
            limit: 50,
            offset: 0,
          })
        ).items.map(i => i.entityRef.slice('component:default/'.length));
      const asc = [
        'z-service', // Alpha
        'checkout-web',
        'edge-proxy',
        'pay-api',
        'pay-worker',
        'Quota-Keeper',
        'twin-a', // twin
        'twin-b', // Twin
        'uber-service', // Über, with the u's
        'vault-sync',
        'a-service', // Zeta
      ];
      // The default sort, as the table first shows it.
      expect(await sorted()).toEqual(asc);
      expect(await sorted('asc')).toEqual(asc);
      // The same name shown twice stays in entity-ref order.
      expect(await sorted('desc')).toEqual([
        'a-service',
        'vault-sync',
        'uber-service',
        'twin-a',
        'twin-b',
        'Quota-Keeper',
        'pay-worker',
        'pay-api',
        'edge-proxy',
        'checkout-web',
        'z-service',
      ]);
      // Paged in the same order.
      expect(
        (
          await store.services({ sort: 'entityRef', limit: 3, offset: 8 })
        ).items.map(i => i.entityRef),
      ).toEqual([
        'component:default/uber-service',
        'component:default/vault-sync',
        'component:default/a-service',
      ]);
    });

    it('sorts services by the name their owner’s Group shows, as the last closure written says, the unowned last', async () => {
      const shown = (
        name: string,
        names: { displayName?: string; title?: string },
      ): Entity => {
        const g = group(name);
        return {
          ...g,
          metadata: {
            ...g.metadata,
            ...(names.title ? { title: names.title } : {}),
          },
          spec: {
            ...g.spec,
            ...(names.displayName
              ? { profile: { displayName: names.displayName } }
              : {}),
          },
        };
      };
      const writeClosure = async (groups: Entity[]) =>
        store.replaceTeamClosure(teamClosure(groups), teamSortNames(groups));
      await coverage.put([
        { coverage: coverageOf('lonely', []) },
        {
          coverage: coverageOf('user-owned', []),
          ownerRef: 'user:default/abe',
        },
      ]);
      await writeClosure([
        // The profile's display name comes before the title.
        shown('checkout', { displayName: 'Webshop', title: 'Checkout' }),
        shown('payments', { title: 'Billing' }),
        shown('platform', { displayName: 'Über Platform' }),
      ]);
      const sorted = async (order: 'asc' | 'desc') =>
        (
          await store.services({ sort: 'owner', order, limit: 50, offset: 0 })
        ).items.map(i => i.entityRef.slice('component:default/'.length));

      // abe (a User, by its name), Billing, Über Platform, Webshop.
      expect(await sorted('asc')).toEqual([
        'user-owned',
        'pay-api',
        'pay-worker',
        'edge-proxy',
        'checkout-web',
        'lonely',
      ]);
      expect(await sorted('desc')).toEqual([
        'checkout-web',
        'edge-proxy',
        'pay-api',
        'pay-worker',
        'user-owned',
        'lonely',
      ]);

      // A display name changed in the catalog: the next closure re-sorts.
      await writeClosure([
        shown('checkout', { displayName: 'Acme Checkout' }),
        shown('payments', { title: 'Billing' }),
        shown('platform', { displayName: 'Über Platform' }),
      ]);
      expect(await sorted('asc')).toEqual([
        'user-owned',
        'checkout-web',
        'pay-api',
        'pay-worker',
        'edge-proxy',
        'lonely',
      ]);
      // A service stored after it sorts by its owner's new name too.
      await coverage.put([
        {
          coverage: coverageOf('checkout-api', []),
          ownerRef: 'group:default/checkout',
        },
      ]);
      expect((await sorted('asc')).slice(0, 3)).toEqual([
        'user-owned',
        'checkout-api',
        'checkout-web',
      ]);
      expect((await sorted('desc')).slice(-1)).toEqual(['lonely']);
      // A Group the catalog no longer has sorts by its name again.
      await writeClosure([shown('payments', { title: 'Billing' })]);
      expect(await sorted('asc')).toEqual([
        'user-owned',
        'pay-api',
        'pay-worker',
        'checkout-api',
        'checkout-web',
        'edge-proxy',
        'lonely',
      ]);
    });

    it('searches titles as well as entity refs, without case and with _ and % as themselves', async () => {
      await coverage.put([
        {
          coverage: coverageOf('order-history-api', []),
          title: 'Order History',
        },
        { coverage: coverageOf('orders-db', []), title: 'Orders_DB (100%)' },
        { coverage: coverageOf('history-export', []) },
      ]);
      const search = async (text: string) =>
        (
          await store.services({ search: text, limit: 50, offset: 0 })
        ).items.map(i => i.entityRef);
      expect(await search('order hist')).toEqual([
        'component:default/order-history-api',
      ]);
      expect(await search('HISTORY')).toEqual([
        'component:default/history-export',
        'component:default/order-history-api',
      ]);
      expect(await search('s_db (100%')).toEqual([
        'component:default/orders-db',
      ]);
      expect(await search('sxdb')).toEqual([]);
      // The other filters still narrow a title match.
      expect(
        (
          await store.services({
            search: 'order history',
            lifecycle: 'production',
            limit: 50,
            offset: 0,
          })
        ).totalCount,
      ).toBe(0);
    });

    it('searches titles by letters beyond ASCII, in either case', async () => {
      await coverage.put([
        { coverage: coverageOf('uber-service', []), title: 'Über Service' },
        { coverage: coverageOf('ubersicht', []), title: 'ÜBERSICHT' },
        { coverage: coverageOf('payments-api', []), title: 'Payments API' },
      ]);
      const search = async (text: string) =>
        (
          await store.services({ search: text, limit: 50, offset: 0 })
        ).items.map(i => i.entityRef);
      expect(await search('über')).toEqual([
        'component:default/uber-service',
        'component:default/ubersicht',
      ]);
      expect(await search('ÜBER S')).toEqual([
        'component:default/uber-service',
      ]);
      // Ref and title are searched each on its own, not as one text.
      expect(await search('api payments')).toEqual([]);
    });

    it('lists a service under a status in a layer for its required capabilities only', async () => {
      const tier1Required = new Set(tier1.required);
      const fullyCovered = defaultLayerModel.layers.flatMap(layer =>
        layer.capabilities
          .filter(c => tier1Required.has(c.id))
          .map(c => evidence(c.id, c.tools[0].id)),
      );
      await coverage.put([
        { coverage: coverageOf('complete-api', fullyCovered) },
      ]);
      const complete = coverageOf('complete-api', fullyCovered);
      expect(complete.overall.ratio).toBe(1);
      // Missing, but only recommended: not a gap, nothing to list it for.
      const recommendedMissing = complete.capabilities.find(
        c => c.requirement === 'recommended' && c.status === 'missing',
      )!;
      expect(recommendedMissing).toBeDefined();

      const listed = async (status: 'missing' | 'covered') =>
        (
          await store.services({
            layer: recommendedMissing.layer,
            status,
            search: 'complete',
            limit: 50,
            offset: 0,
          })
        ).items.map(i => i.entityRef);
      expect(await listed('missing')).toEqual([]);
      expect(await listed('covered')).toEqual([
        'component:default/complete-api',
      ]);
    });

    it('snapshots each day, trends per subject, prunes by retention and forgets deleted services, groups and Systems', async () => {
      await store.snapshot('2026-11-21');
      // pay-worker gains gitops coverage of its proxy the next day.
      await coverage.put([
        {
          coverage: coverageOf('pay-worker', [
            evidence('gitops', 'argo-cd'),
            evidence('service-proxy', 'ingress-nginx'),
          ]),
          ownerRef: 'group:default/payments',
          systemRef: 'system:default/payments',
          lifecycle: 'experimental',
        },
      ]);
      await store.snapshot('2026-11-22');
      await store.snapshot('2026-11-22'); // retaken, not doubled

      const team = await store.trend(
        { kind: 'team', ref: 'group:default/product' },
        '2026-11-01',
      );
      expect(team.points.map(p => p.day)).toEqual(['2026-11-21', '2026-11-22']);
      expect(team.points[1].covered).toBe(team.points[0].covered + 1);
      expect(team.points.every(p => p.services === 3)).toBe(true);
      expect(team.layers.map(l => l.layer)).toContain(3);

      const service = await store.trend(
        { kind: 'service', ref: 'component:default/pay-worker' },
        '2026-11-22',
      );
      expect(service.points.map(p => p.day)).toEqual(['2026-11-22']);
      expect(service.layers).toEqual([]);

      // A System adds up the components it has each day: pay-api and pay-worker.
      const system = await store.trend(
        { kind: 'system', ref: 'system:default/payments' },
        '2026-11-01',
      );
      expect(system.points.map(p => p.day)).toEqual([
        '2026-11-21',
        '2026-11-22',
      ]);
      expect(system.points.every(p => p.services === 2)).toBe(true);
      expect(system.points[1].covered).toBe(system.points[0].covered + 1);
      expect(system.points[1].required).toBe(
        service.points[0].required +
          (
            await store.trend(
              { kind: 'service', ref: 'component:default/pay-api' },
              '2026-11-22',
            )
          ).points[0].required,
      );
      expect(system.layers).toEqual([]);

      const layer3 = await store.trend(
        { kind: 'layer', layer: 3 },
        '2026-11-01',
      );
      expect(layer3.points.map(p => p.services)).toEqual([4, 4]);

      const estate = await store.trend({ kind: 'estate' }, '2026-11-01');
      expect(estate.points[1].covered - estate.points[0].covered).toBe(1);

      expect(await store.prune('2026-11-22')).toBeGreaterThan(0);
      expect(
        (await store.trend({ kind: 'estate' }, '2026-01-01')).points.map(
          p => p.day,
        ),
      ).toEqual(['2026-11-22']);

      await coverage.remove(['component:default/pay-worker']);
      await store.prune('2026-11-22');
      const pointsOf = async (subject: Parameters<typeof store.trend>[0]) =>
        (await store.trend(subject, '2026-01-01')).points;
      expect(
        await pointsOf({
          kind: 'service',
          ref: 'component:default/pay-worker',
        }),
      ).toEqual([]);
      // Its team keeps the history it had.
      const payments = { kind: 'team', ref: 'group:default/payments' } as const;
      expect(await pointsOf(payments)).toHaveLength(1);

      // Until the group leaves the catalog; other teams keep theirs.
      expect(
        await store.removeHistoryOutside(
          'team',
          new Set(['group:default/product', 'group:default/checkout']),
        ),
      ).toContain('group:default/payments');
      expect(await pointsOf(payments)).toEqual([]);
      expect(
        await pointsOf({ kind: 'team', ref: 'group:default/product' }),
      ).toHaveLength(1);
      // A System likewise.
      const paymentsSystem = {
        kind: 'system',
        ref: 'system:default/payments',
      } as const;
      expect(await pointsOf(paymentsSystem)).toHaveLength(1);
      expect(
        await store.removeHistoryOutside(
          'system',
          new Set(['system:default/checkout', 'system:default/platform']),
        ),
      ).toEqual(['system:default/payments']);
      expect(await pointsOf(paymentsSystem)).toEqual([]);
    });

    it('counts per layer, in the trend as in the heatmap, the services that require something of the layer', async () => {
      // checkout-web on a profile that requires nothing of most layers tier
      // 1 requires something of.
      const experimental = defaultRequirementProfiles.find(
        p => p.id === 'experimental',
      )!;
      const checkoutWeb: EntityCoverage = {
        ...coverageOf('checkout-web', services['checkout-web'].evidence),
        ...computeCoverage({
          layerModel: defaultLayerModel,
          choice: { profile: experimental, reason: 'test' },
          evidence: services['checkout-web'].evidence,
          now: new Date('2026-11-23T10:00:00Z'),
        }),
      };
      await coverage.put([
        {
          coverage: checkoutWeb,
          ownerRef: 'group:default/checkout',
          systemRef: 'system:default/checkout',
          lifecycle: 'production',
        },
      ]);
      await store.snapshot('2026-11-22');

      const stored = [
        ...(['pay-api', 'pay-worker', 'edge-proxy'] as const).map(name =>
          coverageOf(name, services[name].evidence),
        ),
        checkoutWeb,
      ];
      const requiring = (layer: number) =>
        stored.filter(c => c.layers.find(l => l.layer === layer)!.required > 0)
          .length;
      const layerIds = defaultLayerModel.layers.map(l => l.id);
      // The case this is about: a layer some services require nothing of.
      expect(layerIds.some(l => requiring(l) > 0 && requiring(l) < 4)).toBe(
        true,
      );

      const estate = await store.trend({ kind: 'estate' }, '2026-11-01');
      const latest = (points: TrendPoint[]) => points[points.length - 1];
      expect(
        estate.layers.map(l => [l.layer, latest(l.points).services]),
      ).toEqual(layerIds.map(l => [l, requiring(l)]));
      for (const layer of layerIds) {
        const point = latest(
          (await store.trend({ kind: 'layer', layer }, '2026-11-01')).points,
        );
        // Nothing required of a layer is no coverage to read: the chart's gap.
        expect([point.services, point.required > 0]).toEqual([
          requiring(layer),
          requiring(layer) > 0,
        ]);
      }

      // A team's layers as its heatmap row has them, cell by cell.
      const card = await store.teamScorecard(defaultLayerModel, {
        limit: 50,
        offset: 0,
      });
      const product = card.items.find(i => i.team === 'group:default/product')!;
      const team = await store.trend(
        { kind: 'team', ref: 'group:default/product' },
        '2026-11-01',
      );
      for (const { layer, points } of team.layers) {
        const cell = product.cells.find(c => c.column === String(layer));
        expect([layer, latest(points)]).toEqual([
          layer,
          expect.objectContaining({
            services: cell?.services ?? 0,
            required: cell?.required ?? 0,
            covered: cell?.covered ?? 0,
            partial: cell?.partial ?? 0,
          }),
        ]);
      }
    });

    it('forgets, when pruning, the history of services whose coverage went without it', async () => {
      await store.snapshot('2026-11-22');
      // A run that failed after removing the coverage, before the history.
      await coverage.remove(['component:default/pay-worker']);
      const historyOf = (ref: string) =>
        knex('coverage_history')
          .where({ subject_kind: 'service', subject_ref: ref })
          .select('day');

      await store.prune('2026-11-01');

      expect(await historyOf('component:default/pay-worker')).toEqual([]);
      expect(await historyOf('component:default/pay-api')).toEqual([
        { day: '2026-11-22' },
      ]);
      // Teams and Systems keep the days it counted in.
      expect(
        (
          await store.trend(
            { kind: 'system', ref: 'system:default/payments' },
            '2026-11-01',
          )
        ).points.map(p => p.services),
      ).toEqual([2]);
    });

    it('takes snapshots of one day at once, each after the other', async () => {
      await store.snapshot('2026-11-22');
      const rowsOfDay = () =>
        knex('coverage_history')
          .where({ day: '2026-11-22' })
          .orderBy(['subject_kind', 'subject_ref', 'layer'])
          .select('subject_kind', 'subject_ref', 'layer', 'required');
      const once = await rowsOfDay();

      // As every exemption grant and revoke, and the scheduled run, take it.
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, () => store.snapshot('2026-11-22')),
      );
      expect(results.filter(r => r.status === 'rejected')).toEqual([]);
      expect(await rowsOfDay()).toEqual(once);
    });

    it('lists a team’s services with their gaps and the groups it spans', async () => {
      const view = await store.teamServices('group:default/product', 100);
      expect(view.groups).toEqual([
        'group:default/product',
        'group:default/checkout',
        'group:default/payments',
      ]);
      const worker = view.services.find(
        s => s.entityRef === 'component:default/pay-worker',
      )!;
      expect(worker.gaps).toContainEqual({
        capability: 'service-proxy',
        layer: 3,
        status: 'missing',
      });
      const required = view.services.reduce((n, x) => n + x.required, 0);
      expect(view.overall.required).toBe(required);

      // The overall counts every service, also when the list is cut short.
      const firstOnly = await store.teamServices('group:default/product', 1);
      expect(firstOnly.services).toHaveLength(1);
      expect(firstOnly.overall).toEqual(view.overall);
      // And says how many it counts, which the list no longer does.
      expect(firstOnly.totalServices).toBe(view.services.length);
      expect(view.totalServices).toBe(view.services.length);
    });

    it('finds the exemptions of every service of a team and their Systems, listed or not', async () => {
      const now = new Date('2026-11-23T10:00:00Z');
      const exemptions = new ExemptionStore(knex, () => now);
      const grant = (kind: 'component' | 'system', ref: string) =>
        exemptions.create(
          {
            scope: { kind, ref },
            capability: 'data-protection',
            reason: 'stateless',
            expiresAt: '2026-12-01T00:00:00.000Z',
            requestedBy: 'user:default/jane',
          },
          'user:default/priya',
        );
      await grant('component', 'component:default/pay-worker');
      await grant('system', 'system:default/payments');
      await grant('component', 'component:default/checkout-web');
      await grant('component', 'component:default/edge-proxy');
      await grant('system', 'system:default/platform');

      const scopesOf = async (team: string) =>
        (
          await exemptions.list({
            scopeRefs: store.teamScopeRefs(team),
            expiringBefore: new Date('2026-12-24T00:00:00Z'),
          })
        )
          .map(e => e.scope.ref)
          .sort();
      // A one-service page of the team view would list only one of these.
      expect(await scopesOf('group:default/product')).toEqual([
        'component:default/checkout-web',
        'component:default/pay-worker',
        'system:default/payments',
      ]);
      expect(await scopesOf('group:default/platform')).toEqual([
        'component:default/edge-proxy',
        'system:default/platform',
      ]);
    });

    it('pages services for search, each tool with its capability’s status, the tools of a page in one query', async () => {
      const declared = (capability: string, tool: string) => ({
        ...evidence(capability, tool),
        source: 'declared' as const,
        detail: 'runtime-stack.io/tools',
      });
      await coverage.put([
        {
          // Declared and not seen on a cluster: named, but only partly
          // covered.
          coverage: coverageOf('pay-ledger', [
            evidence('gitops', 'argo-cd'),
            declared('service-mesh', 'linkerd'),
          ]),
          ownerRef: 'group:default/payments',
        },
        {
          // Covered by the mesh a cluster runs, not by the one declared.
          coverage: coverageOf('pay-router', [
            declared('service-mesh', 'linkerd'),
            evidence('service-mesh', 'istio'),
          ]),
          ownerRef: 'group:default/payments',
        },
      ]);
      const queries: string[] = [];
      const onQuery = (query: { sql: string }) => queries.push(query.sql);
      knex.on('query', onQuery);
      const page = await store.searchableServices(undefined, 10);
      knex.removeListener('query', onQuery);

      expect(page).toHaveLength(6);
      const toolsOf = (name: string) =>
        page.find(s => s.entityRef === `component:default/${name}`)!.tools;
      expect(toolsOf('pay-ledger')).toEqual([
        {
          capability: 'gitops',
          tool: 'argo-cd',
          status: 'covered',
          confirmed: true,
        },
        {
          capability: 'service-mesh',
          tool: 'linkerd',
          status: 'partial',
          confirmed: false,
        },
      ]);
      expect(toolsOf('pay-router')).toEqual([
        {
          capability: 'service-mesh',
          tool: 'istio',
          status: 'covered',
          confirmed: true,
        },
        {
          capability: 'service-mesh',
          tool: 'linkerd',
          status: 'covered',
          confirmed: false,
        },
      ]);
      const mesh = (await store.adoption(defaultLayerModel)).capabilities.find(
        c => c.capability === 'service-mesh',
      )!;
      expect(mesh.tools).toEqual([
        { tool: 'istio', services: 1, declaredOnly: 0 },
        { tool: 'linkerd', services: 0, declaredOnly: 2 },
      ]);
      // The services, their tools, their gaps: not a query per service.
      expect(queries).toHaveLength(3);

      const after = await store.searchableServices(
        'component:default/pay-api',
        10,
      );
      expect(after.map(s => s.entityRef)).toEqual([
        'component:default/pay-ledger',
        'component:default/pay-router',
        'component:default/pay-worker',
      ]);
    });

    it('migrates down and up again', async () => {
      await migrateAllDown(knex);
      expect(await knex.schema.hasTable('coverage_history')).toBe(false);
      await migrateToLatest(knex);
      expect(await knex.schema.hasColumn('service_coverage', 'lifecycle')).toBe(
        true,
      );
      expect(await knex.schema.hasColumn('service_coverage', 'title')).toBe(
        true,
      );
    });
  },
);

// Where statements of one transaction can see others commit in between, and
// where a failed migration can be half applied.
/**
 * A transaction that takes the coverage write lock, does `work` and holds
 * the lock until `release` is called; resolves once the lock is taken.
 */
async function holdCoverageWriteLock(
  knex: Knex,
  work: (tx: Knex.Transaction) => Promise<void> = async () => {},
) {
  let locked!: () => void;
  let release!: () => void;
  const lockTaken = new Promise<void>(resolve => (locked = resolve));
  const released = new Promise<void>(resolve => (release = resolve));
  const done = knex.transaction(async tx => {
    await serializeTransaction(tx, COVERAGE_WRITE_LOCK);
    await work(tx);
    locked();
    await released;
  });
  await lockTaken;
  return { release, done };
}

describe('ScorecardStore on PostgreSQL', () => {
  it('takes its snapshot between coverage writes, not in the middle of one', async () => {
    const knex = await databases.init('POSTGRES_15');
    await migrateToLatest(knex);
    const coverage = new CoverageStore(knex);
    const store = new ScorecardStore(knex);
    await coverage.put([
      {
        coverage: coverageOf('pay-api', [evidence('gitops', 'argo-cd')]),
      },
    ]);

    // A coverage write under way, as CoverageStore.put makes them.
    const { release, done: write } = await holdCoverageWriteLock(
      knex,
      async tx => {
        await tx('service_coverage').increment('required', 100);
        await tx('layer_coverage')
          .where({ layer: 0 })
          .increment('required', 100);
      },
    );
    let taken = false;
    const snapshot = store.snapshot('2026-11-23').then(() => {
      taken = true;
    });
    await new Promise(resolve => setTimeout(resolve, 300));
    expect(taken).toBe(false);
    release();
    await Promise.all([write, snapshot]);

    const history = await knex('coverage_history')
      .where({ day: '2026-11-23', subject_kind: 'service' })
      .first('required');
    const stored = await knex('service_coverage').first('required');
    expect(Number(history.required)).toBe(Number(stored.required));
    const layer0 = await knex('coverage_history')
      .where({ day: '2026-11-23', subject_kind: 'estate', layer: 0 })
      .first('required');
    expect(Number(layer0.required)).toBeGreaterThanOrEqual(100);
  });

  it('replaces the team closure between snapshots, not in the middle of one', async () => {
    const knex = await databases.init('POSTGRES_15');
    await migrateToLatest(knex);
    const store = new ScorecardStore(knex);
    await store.replaceTeamClosure(
      [
        {
          team_ref: 'group:default/a',
          member_ref: 'group:default/a',
          depth: 0,
        },
      ],
      [],
    );

    // A snapshot under way holds the coverage write lock until it commits.
    const { release, done: snapshot } = await holdCoverageWriteLock(knex);
    let replaced = false;
    const replace = store
      .replaceTeamClosure(
        [
          {
            team_ref: 'group:default/b',
            member_ref: 'group:default/b',
            depth: 0,
          },
        ],
        [],
      )
      .then(() => {
        replaced = true;
      });
    await new Promise(resolve => setTimeout(resolve, 300));
    expect(replaced).toBe(false);
    expect(await knex('team_closure').pluck('team_ref')).toEqual([
      'group:default/a',
    ]);
    release();
    await Promise.all([snapshot, replace]);
    expect(await knex('team_closure').pluck('team_ref')).toEqual([
      'group:default/b',
    ]);
  });

  it('undoes the whole scorecards migration when a step fails, so the next attempt can run it', async () => {
    const knex = await databases.init('POSTGRES_15');
    // Its last step creates this table: one already there fails it.
    await knex.schema.createTable('coverage_exemptions', table => {
      table.string('id');
    });
    // knex logs the failure this test expects.
    const log = jest.spyOn(console, 'log').mockImplementation(() => {});
    await expect(migrateToLatest(knex)).rejects.toThrow(/coverage_exemptions/);
    log.mockRestore();
    expect(await knex.schema.hasTable('layer_coverage')).toBe(false);
    expect(await knex.schema.hasColumn('service_coverage', 'lifecycle')).toBe(
      false,
    );

    await knex.schema.dropTable('coverage_exemptions');
    await migrateToLatest(knex);
    expect(await knex.schema.hasTable('coverage_exemptions')).toBe(true);
  });
});

describe.each(databases.eachSupportedId())(
  'ExemptionStore on %s',
  databaseId => {
    let knex: Knex;
    let now = new Date('2026-11-23T10:00:00Z');
    let exemptions: ExemptionStore;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      await migrateToLatest(knex);
      now = new Date('2026-11-23T10:00:00Z');
      exemptions = new ExemptionStore(knex, () => now);
    });

    const grant = (expiresAt: string, ref = 'component:default/pay-api') =>
      exemptions.create(
        {
          scope: { kind: 'component', ref },
          capability: 'data-protection',
          reason: 'stateless, nothing to back up',
          expiresAt,
          requestedBy: 'user:default/priya-nair',
        },
        'user:default/guest',
      );

    it('grants one exemption per scope and capability, refusing a second while active', async () => {
      const first = await grant('2027-01-01T00:00:00.000Z');
      expect(first).toMatchObject({
        grantedBy: 'user:default/guest',
        requestedBy: 'user:default/priya-nair',
        expiresAt: '2027-01-01T00:00:00.000Z',
      });
      await expect(grant('2027-02-01T00:00:00.000Z')).rejects.toThrow(
        /already exempt .* until 2027-01-01/,
      );
    });

    it('pages exemptions, soonest expiry first, with the total', async () => {
      await grant('2027-03-01T00:00:00.000Z', 'component:default/a');
      await grant('2027-01-01T00:00:00.000Z', 'component:default/b');
      await grant('2027-02-01T00:00:00.000Z', 'component:default/c');
      const page = await exemptions.page({}, { limit: 2, offset: 1 });
      expect(page.totalCount).toBe(3);
      expect(page.items.map(e => e.scope.ref)).toEqual([
        'component:default/c',
        'component:default/a',
      ]);
      const filtered = await exemptions.page(
        { scopeRefs: ['component:default/a'] },
        { limit: 10, offset: 0 },
      );
      expect(filtered).toMatchObject({
        totalCount: 1,
        items: [{ scope: { ref: 'component:default/a' } }],
      });
    });

    it('replaces an expired exemption, and an expired one counts as missing again', async () => {
      const first = await grant('2026-12-01T00:00:00.000Z');
      const during = coverageOf(
        'pay-api',
        [],
        await exemptions.forCoverage(['component:default/pay-api']),
      );
      expect(
        during.capabilities.find(c => c.capability === 'data-protection')
          ?.status,
      ).toBe('exempt');

      now = new Date('2026-12-02T00:00:00Z');
      const after = computeCoverage({
        layerModel: defaultLayerModel,
        choice: { profile: tier1, reason: 'test' },
        evidence: [],
        exemptions: await exemptions.forCoverage(['component:default/pay-api']),
        now,
      });
      expect(
        after.capabilities.find(c => c.capability === 'data-protection')
          ?.status,
      ).toBe('missing');

      const second = await grant('2027-03-01T00:00:00.000Z');
      expect(second.id).not.toBe(first.id);
      expect(await exemptions.get(first.id)).toBeUndefined();
    });

    it('lists those expiring soon, and revokes', async () => {
      const soon = await grant('2026-12-01T00:00:00.000Z');
      await grant('2027-06-01T00:00:00.000Z', 'component:default/pay-worker');
      expect(
        (
          await exemptions.list({
            expiringBefore: new Date('2026-12-23T00:00:00Z'),
          })
        ).map(e => e.id),
      ).toEqual([soon.id]);
      await exemptions.delete(soon.id);
      await expect(exemptions.delete(soon.id)).rejects.toThrow(/No exemption/);
    });
  },
);

describe('ExemptionStore.create', () => {
  it.each([['23505'], ['SQLITE_CONSTRAINT_UNIQUE']])(
    'answers a grant that lost the race to an equal one (%s) with a conflict',
    async code => {
      const racing = {
        transaction: async () => {
          throw Object.assign(new Error('duplicate key value'), { code });
        },
      } as unknown as Knex;
      await expect(
        new ExemptionStore(racing).create(
          {
            scope: { kind: 'component', ref: 'component:default/pay-api' },
            capability: 'data-protection',
            reason: 'stateless',
            expiresAt: '2027-01-01T00:00:00.000Z',
            requestedBy: 'user:default/priya-nair',
          },
          'user:default/guest',
        ),
      ).rejects.toMatchObject({
        name: 'ConflictError',
        message:
          'component:default/pay-api was just exempted from data-protection by another request; reload to see it',
      });
    },
  );
});
