/*
 * Layer ownership at enterprise scale: 5,000 services x 40 capabilities of
 * component-scoped records (200,000 rows), 300 teams, 50 clusters with
 * layer-wide records (each service collected on two of them), 200 Systems. Measures effective ownership for one
 * service and paging through the full list (by offset, and by the cursor's
 * sort key), on SQLite and PostgreSQL.
 *
 *   yarn bench            (from the repository root)
 */
import { ClusterDirectory } from '../src/clusters/ClusterDirectory';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { defaultLayerModel } from '@internal/backstage-plugin-runtime-stack-common';
import { randomUUID } from 'node:crypto';
import { ClusterSnapshotStore } from '../src/clusters/ClusterSnapshotStore';
import { ClusterStateService } from '../src/clusters/ClusterStateService';
import { migrateToLatest } from '../src/database/migrations';
import { DatabaseOwnershipStore } from '../src/ownership/DatabaseOwnershipStore';
import { EffectiveOwnershipService } from '../src/ownership/EffectiveOwnershipService';
import type { Page, SortKey } from '../src/ownership/OwnershipStore';
import { benchDatabases, fmt, percentiles, timed } from './benchUtils';

const SERVICES = 5_000;
const CAPABILITIES_PER_SERVICE = 40;
const TEAMS = 300;
const CLUSTERS = 50;
const SYSTEMS = 200;
const LOOKUPS = 300;
const PAGE_SIZE = 500;

const capabilities = defaultLayerModel.layers
  .flatMap(l => l.capabilities.map(c => ({ layer: l.id, capability: c.id })))
  .slice(0, CAPABILITIES_PER_SERVICE);

const team = (i: number) => `group:default/team-${i % TEAMS}`;
const service = (i: number) => `component:default/service-${i}`;
const clusterOf = (i: number) => `cluster-${i % CLUSTERS}`;

function serviceEntity(i: number): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: `service-${i}`,
      namespace: 'default',
      annotations: { 'backstage.io/kubernetes-id': `service-${i}` },
    },
    spec: { type: 'service', owner: team(i), system: `system-${i % SYSTEMS}` },
  };
}

/** The catalog as an in-memory map: the bench measures our code, not the catalog's. */
function inMemoryCatalog(): CatalogService {
  const byRef = new Map<string, Entity>();
  for (let i = 0; i < SERVICES; i++) byRef.set(service(i), serviceEntity(i));
  for (let c = 0; c < CLUSTERS; c++) {
    byRef.set(`resource:default/cluster-${c}`, {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: `cluster-${c}`,
        namespace: 'default',
        annotations: {
          'runtime-stack.io/environment': c % 5 ? 'production' : 'staging',
        },
      },
      spec: { type: 'kubernetes-cluster', owner: 'platform-team' },
    });
  }
  return {
    async getEntityByRef(ref: string) {
      return byRef.get(ref);
    },
    async getEntitiesByRefs({ entityRefs }: { entityRefs: string[] }) {
      return { items: entityRefs.map(r => byRef.get(r)) };
    },
  } as unknown as CatalogService;
}

/**
 * Each service runs on two clusters (a Deployment with its kubernetes-id
 * label on each), which is how effective ownership finds its clusters.
 */
async function seedClusters(knex: import('knex').Knex) {
  const store = new ClusterSnapshotStore(knex);
  const clusters = Array.from({ length: CLUSTERS }, (_, c) => ({
    name: `cluster-${c}`,
    url: 'http://127.0.0.1:9',
    skipTLSVerify: false,
  }));
  for (const cluster of clusters) {
    const objects = [];
    for (let i = 0; i < SERVICES; i++) {
      if (clusterOf(i) !== cluster.name && clusterOf(i + 7) !== cluster.name) {
        continue;
      }
      objects.push({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: {
          name: `service-${i}`,
          namespace: 'default',
          labels: { 'backstage.io/kubernetes-id': `service-${i}` },
        },
        spec: { replicas: 2 },
      });
    }
    await store.replaceSnapshot(cluster.name, {
      objects,
      collectedAt: new Date(),
      warnings: [],
      platformTools: [],
    });
  }
  return new ClusterStateService({
    clusters: new ClusterDirectory(clusters),
    store,
    staleAfterMs: 15 * 60_000,
    detectServiceTools: () => [],
  });
}

async function seed(knex: import('knex').Knex) {
  const now = new Date();
  const base = {
    version: 1,
    created_at: now,
    created_by: 'user:default/bench',
    updated_at: now,
    updated_by: 'user:default/bench',
    note: null,
    link: null,
  };
  const rows: object[] = [];
  for (let i = 0; i < SERVICES; i++) {
    for (const [j, c] of capabilities.entries()) {
      rows.push({
        ...base,
        id: randomUUID(),
        scope_kind: 'component',
        scope_ref: service(i),
        layer: c.layer,
        capability: c.capability,
        target_key: c.capability,
        owner_ref: team(i + j),
        responsibility: 'operates',
      });
    }
  }
  for (let c = 0; c < CLUSTERS; c++) {
    for (const layer of [1, 2, 3, 4]) {
      rows.push({
        ...base,
        id: randomUUID(),
        scope_kind: 'cluster',
        scope_ref: `cluster-${c}`,
        layer,
        capability: null,
        target_key: '*',
        owner_ref: 'group:default/platform-team',
        responsibility: 'operates',
      });
    }
  }
  for (let s = 0; s < SYSTEMS; s++) {
    rows.push({
      ...base,
      id: randomUUID(),
      scope_kind: 'system',
      scope_ref: `system:default/system-${s}`,
      layer: 6,
      capability: null,
      target_key: '*',
      owner_ref: team(s),
      responsibility: 'supports',
    });
  }
  // SQLite allows 999 bound variables per statement: 60 rows x 15 columns.
  await knex.batchInsert('layer_ownership', rows as any[], 60);
  return rows.length;
}

/** The page after one that ended at `next`, `seen` rows in. */
function pageAfter(
  walk: 'offset' | 'cursor',
  next: SortKey,
  seen: number,
): Page {
  return walk === 'cursor'
    ? { limit: PAGE_SIZE, after: next }
    : { limit: PAGE_SIZE, offset: seen };
}

async function main() {
  console.log(
    `Layer ownership: ${SERVICES} services x ${CAPABILITIES_PER_SERVICE} capabilities, ${TEAMS} teams, ${CLUSTERS} clusters, ${SYSTEMS} systems\n`,
  );
  const table: string[][] = [];
  for (const db of await benchDatabases()) {
    try {
      await migrateToLatest(db.knex);
      const [seedMs, rowCount] = await timed(() => seed(db.knex));
      if (db.name === 'PostgreSQL')
        await db.knex.raw('ANALYZE layer_ownership');
      console.log(`${db.name}: seeded ${rowCount} records in ${fmt(seedMs)}`);

      const store = new DatabaseOwnershipStore(db.knex);
      const effective = new EffectiveOwnershipService({
        store,
        catalog: inMemoryCatalog(),
        clusterState: await seedClusters(db.knex),
        layerModel: defaultLayerModel,
        organizationDefaults: [],
      });

      const lookups: number[] = [];
      for (let k = 0; k < LOOKUPS; k++) {
        const i = (k * 7919) % SERVICES;
        const [ms, result] = await timed(() =>
          effective.forEntity(service(i), {} as any),
        );
        if (result.capabilities.length === 0)
          throw new Error('no capabilities resolved');
        lookups.push(ms);
      }
      const one = percentiles(lookups);
      table.push([
        db.name,
        'effective ownership, one service',
        `${one.n}`,
        fmt(one.p50),
        fmt(one.p95),
        fmt(one.max),
      ]);

      const [allMs] = await timed(async () => {
        for (let i = 0; i < SERVICES; i++) {
          await effective.forEntity(service(i), {} as any);
        }
      });
      table.push([
        db.name,
        `effective ownership, all ${SERVICES} services`,
        '1',
        fmt(allMs),
        '',
        '',
      ]);

      for (const walk of ['offset', 'cursor'] as const) {
        const pages: number[] = [];
        let seen = 0;
        const [totalMs] = await timed(async () => {
          let page: Page = { limit: PAGE_SIZE, offset: 0 };
          for (;;) {
            const asked = page;
            const [ms, result] = await timed(() => store.list({}, asked));
            pages.push(ms);
            seen += result.items.length;
            if (!result.next) break;
            page = pageAfter(walk, result.next, seen);
          }
        });
        if (seen !== rowCount)
          throw new Error(`listed ${seen} of ${rowCount} records`);
        const list = percentiles(pages);
        table.push([
          db.name,
          `full list by ${walk}, page of ${PAGE_SIZE}`,
          `${list.n}`,
          fmt(list.p50),
          fmt(list.p95),
          fmt(list.max),
        ]);
        table.push([
          db.name,
          `full list by ${walk}, all ${seen} records`,
          '1',
          fmt(totalMs),
          '',
          '',
        ]);
      }

      const byTeam: number[] = [];
      for (let t = 0; t < 100; t++) {
        const [ms] = await timed(() =>
          store.list({ owners: [team(t)] }, { limit: PAGE_SIZE, offset: 0 }),
        );
        byTeam.push(ms);
      }
      const teamStats = percentiles(byTeam);
      table.push([
        db.name,
        'list filtered by owner team',
        `${teamStats.n}`,
        fmt(teamStats.p50),
        fmt(teamStats.p95),
        fmt(teamStats.max),
      ]);
    } finally {
      await db.dispose();
    }
  }
  const header = ['database', 'operation', 'runs', 'p50', 'p95', 'max'];
  const widths = header.map((h, c) =>
    Math.max(h.length, ...table.map(r => r[c].length)),
  );
  const line = (r: string[]) =>
    `| ${r.map((v, c) => v.padEnd(widths[c])).join(' | ')} |`;
  console.log(
    `\n${line(header)}\n|${widths.map(w => '-'.repeat(w + 2)).join('|')}|`,
  );
  table.forEach(r => console.log(line(r)));
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
