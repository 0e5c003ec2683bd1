import { TestDatabases } from '@backstage/backend-test-utils';
import {
  computeCoverage,
  defaultLayerModel,
  defaultRequirementProfiles,
  type EntityCoverage,
} from '@internal/backstage-plugin-runtime-stack-common';
import type { Knex } from 'knex';
import {
  migrateAllDown,
  migrateDownThrough,
  migrateToLatest,
} from '../database/migrations';
import { CoverageStore } from './CoverageStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

function coverageOf(name: string, gitops?: string): EntityCoverage {
  return {
    entityRef: `component:default/${name}`,
    evaluatedAt: '2026-11-23T10:00:00.000Z',
    sourceErrors: [],
    ...computeCoverage({
      layerModel: defaultLayerModel,
      choice: { profile: defaultRequirementProfiles[0], reason: 'test' },
      evidence: gitops
        ? [
            {
              source: 'cluster',
              capability: 'gitops',
              tool: gitops,
              detail: 'Application payments',
              strength: 'full',
            },
          ]
        : [],
      now: new Date('2026-11-23T10:00:00Z'),
    }),
  };
}

describe.each(databases.eachSupportedId())(
  'CoverageStore on %s',
  databaseId => {
    let knex: Knex;
    let store: CoverageStore;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await migrateToLatest(knex);
      store = new CoverageStore(knex);
    });

    beforeEach(async () => {
      await knex('capability_coverage').delete();
      await knex('layer_coverage').delete();
      await knex('capability_tool_usage').delete();
      await knex('service_coverage').delete();
    });

    it('stores the whole answer and a row per capability, without owners', async () => {
      const coverage = coverageOf('payments-api', 'argo-cd');
      coverage.capabilities[0].owners = [
        {
          owner: 'group:default/platform-team',
          responsibility: 'operates',
          inheritedFrom: {
            kind: 'organization',
            ref: 'organization',
            source: 'config',
          },
          via: 'layer',
        },
      ];
      await store.put([
        {
          coverage,
          systemRef: 'system:default/payments',
          ownerRef: 'group:default/team-payments',
        },
      ]);

      const stored = await store.get('component:default/payments-api');
      expect(stored?.overall).toEqual(coverage.overall);
      expect(stored?.capabilities[0].owners).toBeUndefined();
      expect(
        stored?.capabilities.find(c => c.capability === 'gitops'),
      ).toMatchObject({
        status: 'covered',
        tools: ['argo-cd'],
      });

      const summary = await knex('service_coverage').first();
      expect(summary).toMatchObject({
        system_ref: 'system:default/payments',
        owner_ref: 'group:default/team-payments',
        profile_id: coverage.profile.id,
        gap_count: coverage.gaps.length,
      });
      const rows = await knex('capability_coverage')
        .where({ entity_ref: 'component:default/payments-api' })
        .select('capability', 'status', 'tools');
      expect(rows).toHaveLength(coverage.capabilities.length);
      expect(rows).toContainEqual({
        capability: 'gitops',
        status: 'covered',
        tools: 'argo-cd',
      });
    });

    it('replaces an entity’s coverage on the next evaluation', async () => {
      await store.put([{ coverage: coverageOf('payments-api') }]);
      await store.put([{ coverage: coverageOf('payments-api', 'flux') }]);
      const gitops = await knex('capability_coverage')
        .where({
          entity_ref: 'component:default/payments-api',
          capability: 'gitops',
        })
        .select('status', 'tools');
      expect(gitops).toEqual([{ status: 'covered', tools: 'flux' }]);
      expect(await store.entityRefs()).toEqual([
        'component:default/payments-api',
      ]);
    });

    it('rewrites the per-capability rows only when they changed', async () => {
      const ref = 'component:default/payments-api';
      const gitopsRow = () =>
        knex('capability_coverage')
          .where({ entity_ref: ref, capability: 'gitops' })
          .first('status', 'tools');
      await store.put([{ coverage: coverageOf('payments-api', 'argo-cd') }]);
      // Marks the stored row, to see whether the next put writes it again.
      await knex('capability_coverage')
        .where({ entity_ref: ref, capability: 'gitops' })
        .update({ tools: 'kept' });

      // Later, with the same statuses and tools but newer evidence.
      const later = coverageOf('payments-api', 'argo-cd');
      later.evaluatedAt = '2026-11-23T11:00:00.000Z';
      later.capabilities.find(
        c => c.capability === 'gitops',
      )!.evidence[0].seenAt = '2026-11-23T10:59:00.000Z';
      await store.put([
        { coverage: later, ownerRef: 'group:default/payments' },
      ]);
      expect(await gitopsRow()).toEqual({ status: 'covered', tools: 'kept' });
      const summary = await knex('service_coverage')
        .where({ entity_ref: ref })
        .first('owner_ref');
      expect(summary.owner_ref).toBe('group:default/payments');
      const stored = await store.get(ref);
      expect(stored?.evaluatedAt).toBe(later.evaluatedAt);
      expect(
        stored?.capabilities.find(c => c.capability === 'gitops')?.evidence[0]
          .seenAt,
      ).toBe('2026-11-23T10:59:00.000Z');

      // A changed tool rewrites them, layer and tool rows alike.
      await store.put([{ coverage: coverageOf('payments-api', 'flux') }]);
      expect(await gitopsRow()).toEqual({ status: 'covered', tools: 'flux' });
      expect(
        await knex('capability_tool_usage')
          .where({ entity_ref: ref })
          .select('tool'),
      ).toEqual([{ tool: 'flux' }]);

      // A stored row without a digest (written before there were digests)
      // is rewritten.
      await knex('capability_coverage')
        .where({ entity_ref: ref, capability: 'gitops' })
        .update({ tools: 'stale' });
      await knex('service_coverage')
        .where({ entity_ref: ref })
        .update({ rows_digest: null });
      await store.put([{ coverage: coverageOf('payments-api', 'flux') }]);
      expect(await gitopsRow()).toEqual({ status: 'covered', tools: 'flux' });
    });

    it('takes concurrent evaluations of the same services, new and stored', async () => {
      // Two page views of an unevaluated service, or a scheduled run beside
      // an on-demand one, write the same entities at once.
      const batch = (gitops: string) =>
        ['stored', 'new-a', 'new-b'].map(name => ({
          coverage: coverageOf(name, gitops),
        }));
      await store.put([{ coverage: coverageOf('stored') }]);
      for (let round = 0; round < 5; round++) {
        // The new ones are new again each round.
        await store.remove([
          'component:default/new-a',
          'component:default/new-b',
        ]);
        const results = await Promise.allSettled([
          store.put(batch('argo-cd')),
          store.put(batch('flux')),
          store.put([...batch('argo-cd')].reverse()),
        ]);
        expect(results.filter(r => r.status === 'rejected')).toEqual([]);
      }
      for (const name of ['stored', 'new-a', 'new-b']) {
        const ref = `component:default/${name}`;
        const { document } = await knex('service_coverage')
          .where({ entity_ref: ref })
          .first('document');
        const tool = (JSON.parse(document) as EntityCoverage).capabilities.find(
          c => c.capability === 'gitops',
        )?.tools[0];
        // Each table holds one evaluation's rows, all from the same one.
        expect(
          await knex('capability_tool_usage')
            .where({ entity_ref: ref })
            .select('tool'),
        ).toEqual([{ tool }]);
        expect(
          await knex('capability_coverage')
            .where({ entity_ref: ref, capability: 'gitops' })
            .select('tools'),
        ).toEqual([{ tools: tool }]);
      }
    });

    it('marks each tool row by whether anything observed confirms the tool', async () => {
      const ref = 'component:default/payments-api';
      const meshOf = (declared: string, observed: string): EntityCoverage => ({
        ...coverageOf('payments-api'),
        ...computeCoverage({
          layerModel: defaultLayerModel,
          choice: { profile: defaultRequirementProfiles[0], reason: 'test' },
          evidence: [
            {
              source: 'declared',
              capability: 'service-mesh',
              tool: declared,
              detail: 'runtime-stack.io/tools',
              strength: 'full',
            },
            {
              source: 'cluster',
              capability: 'service-mesh',
              tool: observed,
              detail: 'Pod payments-api-0',
              strength: 'full',
            },
          ],
          now: new Date('2026-11-23T10:00:00Z'),
        }),
      });
      const toolRows = async () =>
        (
          await knex('capability_tool_usage')
            .where({ entity_ref: ref })
            .orderBy('tool')
            .select('tool', 'confirmed')
        ).map(row => ({ ...row, confirmed: Boolean(row.confirmed) }));

      await store.put([{ coverage: meshOf('istio', 'linkerd') }]);
      expect(await toolRows()).toEqual([
        { tool: 'istio', confirmed: false },
        { tool: 'linkerd', confirmed: true },
      ]);

      // Declaring what runs confirms it, and rewrites the rows.
      await store.put([{ coverage: meshOf('linkerd', 'linkerd') }]);
      expect(await toolRows()).toEqual([{ tool: 'linkerd', confirmed: true }]);
    });

    it('marks the tool rows stored before per tool confirmation by their capability status', async () => {
      const other = await databases.init(databaseId);
      await migrateToLatest(other);
      const coverage = coverageOf('payments-api', 'argo-cd');
      const mesh = coverage.capabilities.find(
        c => c.capability === 'service-mesh',
      )!;
      // As a declaration alone leaves it: partial, the tool unconfirmed.
      Object.assign(mesh, { status: 'partial', tools: ['istio'] });
      await new CoverageStore(other).put([{ coverage }]);
      await migrateDownThrough(other, '20261207130000_tool_usage_confirmed.js');

      await migrateToLatest(other);

      const rows = await other('capability_tool_usage')
        .orderBy('tool')
        .select('tool', 'confirmed');
      expect(
        rows.map(row => ({ ...row, confirmed: Boolean(row.confirmed) })),
      ).toEqual([
        { tool: 'argo-cd', confirmed: true },
        { tool: 'istio', confirmed: false },
      ]);
    });

    it('tells, after storing, which entities changed their statuses, tools or counts', async () => {
      const heard: string[][] = [];
      const signalling = new CoverageStore(knex, {
        onChanged: async changed => {
          // Called after the commit: what it announces can be read.
          for (const { coverage } of changed) {
            expect(await store.get(coverage.entityRef)).toEqual(coverage);
          }
          heard.push(changed.map(r => r.coverage.entityRef));
        },
      });
      const first = await signalling.put([
        { coverage: coverageOf('a') },
        { coverage: coverageOf('b', 'flux') },
      ]);
      expect(first.map(r => r.coverage.entityRef)).toEqual([
        'component:default/a',
        'component:default/b',
      ]);
      const later = coverageOf('b', 'flux');
      later.evaluatedAt = '2026-11-23T11:00:00.000Z';
      // b evaluated again alike (newer evidence only), a gains GitOps.
      expect(
        await signalling.put([
          { coverage: coverageOf('a', 'argo-cd') },
          { coverage: later },
        ]),
      ).toEqual([{ coverage: coverageOf('a', 'argo-cd') }]);
      expect(await signalling.put([{ coverage: later }])).toEqual([]);
      expect(heard).toEqual([
        ['component:default/a', 'component:default/b'],
        ['component:default/a'],
      ]);
    });

    it('stores and reads back many entities in batches', async () => {
      const many = Array.from({ length: 250 }, (_, i) => ({
        coverage: coverageOf(`svc-${i}`, i % 2 ? 'argo-cd' : undefined),
      }));
      await store.put(many);
      expect((await store.entityRefs()).length).toBe(250);
      const read = await store.getMany(many.map(m => m.coverage.entityRef));
      expect(read).toHaveLength(250);
      const covered = await knex('capability_coverage')
        .where({ capability: 'gitops', status: 'covered' })
        .count({ n: '*' })
        .first();
      expect(Number(covered?.n)).toBe(125);
    });

    it('removes entities with all their capability rows', async () => {
      await store.put([
        { coverage: coverageOf('a') },
        { coverage: coverageOf('b') },
      ]);
      await store.remove(['component:default/a']);
      expect(await store.get('component:default/a')).toBeUndefined();
      expect(await store.get('component:default/b')).toBeDefined();
      const orphans = await knex('capability_coverage')
        .where({ entity_ref: 'component:default/a' })
        .count({ n: '*' })
        .first();
      expect(Number(orphans?.n)).toBe(0);
    });

    it('keeps a long lifecycle whole, and an absurd one cut to what its index takes', async () => {
      const lifecycle = `experimental-${'x'.repeat(120)}`;
      const absurd = '€'.repeat(3000);
      await store.put([
        { coverage: coverageOf('payments-api'), lifecycle },
        { coverage: coverageOf('payments-worker'), lifecycle: absurd },
      ]);
      const stored = await knex('service_coverage')
        .orderBy('entity_ref')
        .select('lifecycle');
      expect(stored).toEqual([
        { lifecycle },
        { lifecycle: absurd.slice(0, 512) },
      ]);
    });

    it('keeps the title of an entity that has one, for the services search', async () => {
      await store.put([
        { coverage: coverageOf('payments-api'), title: 'Payments API' },
        { coverage: coverageOf('payments-worker') },
      ]);
      const stored = await knex('service_coverage')
        .orderBy('entity_ref')
        .select('title');
      expect(stored).toEqual([{ title: 'Payments API' }, { title: null }]);

      // A renamed entity is renamed on its next evaluation.
      await store.put([
        { coverage: coverageOf('payments-api'), title: 'Payments' },
      ]);
      expect(
        await knex('service_coverage')
          .where({ entity_ref: 'component:default/payments-api' })
          .first('title'),
      ).toEqual({ title: 'Payments' });
    });

    it('fills the search text of services stored before it was kept, titles beyond ASCII too', async () => {
      const other = await databases.init(databaseId);
      await migrateToLatest(other);
      await new CoverageStore(other).put([
        { coverage: coverageOf('uber-service'), title: 'Über Service' },
        { coverage: coverageOf('Payments-API'), title: 'Payments API' },
        { coverage: coverageOf('payments-worker') },
      ]);
      const searchTexts = () =>
        other('service_coverage')
          .orderBy('entity_ref')
          .select('entity_ref', 'search_text');
      const written = await searchTexts();
      expect(written.map(row => row.search_text)).toEqual([
        'component:default/payments-api\npayments api',
        'component:default/payments-worker\n',
        'component:default/uber-service\nüber service',
      ]);

      await migrateDownThrough(
        other,
        '20261208100000_service_coverage_search_text.js',
      );
      await migrateToLatest(other);

      expect(await searchTexts()).toEqual(written);
    });

    it('stores what the services table sorts a service and its owner by, and fills it for services stored before', async () => {
      const other = await databases.init(databaseId);
      await migrateToLatest(other);
      await other('team_sort_names').insert({
        team_ref: 'group:default/payments',
        sort_name: 'billing',
      });
      await new CoverageStore(other).put([
        { coverage: coverageOf('uber-service'), title: 'Über Service' },
        {
          coverage: coverageOf('Payments-API'),
          ownerRef: 'group:default/Team-A',
        },
        { coverage: coverageOf('spaced'), title: '  Spaced Out ' },
        { coverage: coverageOf('blank'), title: ' ' },
        { coverage: coverageOf('long'), title: `${'Ä'.repeat(300)}` },
        {
          coverage: coverageOf('payments-worker'),
          ownerRef: 'group:default/payments',
        },
      ]);
      const sortTexts = () =>
        other('service_coverage')
          .orderBy('entity_ref')
          .select('entity_ref', 'name_sort', 'owner_sort');
      const written = await sortTexts();
      expect(written).toEqual([
        {
          entity_ref: 'component:default/Payments-API',
          name_sort: 'payments-api',
          owner_sort: 'team-a',
        },
        {
          entity_ref: 'component:default/blank',
          name_sort: 'blank',
          owner_sort: null,
        },
        {
          entity_ref: 'component:default/long',
          name_sort: 'a'.repeat(255),
          owner_sort: null,
        },
        {
          entity_ref: 'component:default/payments-worker',
          name_sort: 'payments-worker',
          // The Group's shown name, as the last closure stored it.
          owner_sort: 'billing',
        },
        {
          entity_ref: 'component:default/spaced',
          name_sort: 'spaced out',
          owner_sort: null,
        },
        {
          entity_ref: 'component:default/uber-service',
          name_sort: 'uber service',
          owner_sort: null,
        },
      ]);

      await migrateDownThrough(
        other,
        '20261209100000_service_coverage_sort_names.js',
      );
      expect(await other.schema.hasTable('team_sort_names')).toBe(false);
      await migrateToLatest(other);

      // Until the next evaluation reads the Groups, an owner sorts by its
      // name.
      expect(await sortTexts()).toEqual(
        written.map(row =>
          row.owner_sort === 'billing'
            ? { ...row, owner_sort: 'payments' }
            : row,
        ),
      );
    });

    it('keeps the rows of every evaluated service through the down steps that change its table', async () => {
      const other = await databases.init(databaseId);
      await migrateToLatest(other);
      const otherStore = new CoverageStore(other);
      await otherStore.put([
        { coverage: coverageOf('payments-api', 'argo-cd') },
      ]);
      const counted = async () =>
        Object.fromEntries(
          await Promise.all(
            ['service_coverage', 'capability_coverage'].map(async table => [
              table,
              Number((await other(table).count({ n: '*' }))[0].n),
            ]),
          ),
        );
      const before = await counted();
      expect(before.capability_coverage).toBeGreaterThan(0);

      // Each drops a column of service_coverage, which SQLite does by
      // building the table anew.
      for (const migration of [
        '20261209100000_service_coverage_sort_names.js',
        '20261208100000_service_coverage_search_text.js',
        '20261207030000_service_coverage_title.js',
        '20261205210000_coverage_rows_digest.js',
        '20261123180000_scorecards.js',
      ]) {
        await migrateDownThrough(other, migration);
        expect({ migration, rows: await counted() }).toEqual({
          migration,
          rows: before,
        });
      }
    });

    it('migrates down and up again', async () => {
      const other = await databases.init(databaseId);
      await migrateToLatest(other);
      await migrateAllDown(other);
      expect(await other.schema.hasTable('service_coverage')).toBe(false);
      expect(await other.schema.hasTable('capability_coverage')).toBe(false);
      await migrateToLatest(other);
      expect(await other.schema.hasTable('capability_coverage')).toBe(true);
    });
  },
);
