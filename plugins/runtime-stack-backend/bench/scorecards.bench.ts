/*
 * Scorecards at estate scale: 5,000 services owned by 300 teams (5 divisions
 * of 5 departments of 11 or 12 teams), evaluated and snapshotted, with 90
 * days of history. Measures the teams × layers scorecard, its capability
 * drill-down, the filtered services table, a team's 90-day trend and the
 * adoption view through the backend over HTTP (p50/p95), granting and
 * revoking an exemption (each evaluates its scope again and snapshots the
 * day), and the size of the stored history per service per day, on SQLite
 * and PostgreSQL.
 *
 *   yarn bench            (from the repository root)
 */
import type { Entity } from '@backstage/catalog-model';
import { dayOf } from '../src/scorecards/ScorecardStore';
import { startCoverageBackend } from './coverageBackend';
import {
  benchDatabases,
  fmt,
  percentiles,
  printTable,
  timed,
} from './benchUtils';

const SERVICES = 5000;
const DIVISIONS = 5;
const DEPARTMENTS_PER_DIVISION = 5;
const TEAMS = 300;
const SYSTEMS = 100;
const DAYS = 90;
const QUERIES = 100;
const EXEMPTION_CHANGES = 20;

const TOOLS = [
  'gitops=argo-cd,service-mesh=linkerd,policy=kyverno',
  'gitops=flux,service-proxy=traefik',
  'service-mesh=istio,policy=kyverno,gitops=argo-cd',
  'service-proxy=ingress-nginx',
  '',
];

const groupEntity = (name: string, parent?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  // Shown, and sorted by, under a name of its own.
  spec: {
    type: 'team',
    children: [],
    profile: { displayName: `Team ${name.split('').reverse().join('')}` },
  },
  relations: parent
    ? [{ type: 'childOf', targetRef: `group:default/${parent}` }]
    : [],
});

function estate(): Entity[] {
  const entities: Entity[] = [];
  const leafTeams: string[] = [];
  const departments: string[] = [];
  for (let d = 0; d < DIVISIONS; d++) {
    entities.push(groupEntity(`division-${d}`));
    for (let p = 0; p < DEPARTMENTS_PER_DIVISION; p++) {
      const department = `department-${d}-${p}`;
      departments.push(department);
      entities.push(groupEntity(department, `division-${d}`));
    }
  }
  const leaves = TEAMS - DIVISIONS - departments.length;
  for (let t = 0; t < leaves; t++) {
    const team = `team-${String(t).padStart(3, '0')}`;
    leafTeams.push(team);
    entities.push(groupEntity(team, departments[t % departments.length]));
  }
  for (let s = 0; s < SERVICES; s++) {
    const name = `svc-${String(s).padStart(4, '0')}`;
    const team = leafTeams[s % leafTeams.length];
    const tools = TOOLS[s % TOOLS.length];
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        namespace: 'default',
        annotations: tools ? { 'runtime-stack.io/tools': tools } : {},
      },
      spec: {
        type: 'service',
        lifecycle: s % 4 ? 'production' : 'experimental',
        owner: team,
        system: `system-${s % SYSTEMS}`,
      },
      relations: [
        { type: 'ownedBy', targetRef: `group:default/${team}` },
        { type: 'partOf', targetRef: `system:default/system-${s % SYSTEMS}` },
      ],
    });
  }
  for (let y = 0; y < SYSTEMS; y++) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: `system-${y}`, namespace: 'default' },
      spec: { owner: leafTeams[y % leafTeams.length] },
    });
  }
  return entities;
}

async function measure(db: { name: string; knex: any }): Promise<string[][]> {
  const { knex } = db;
  const entities = estate();
  const { get, send, evaluate, stop } = await startCoverageBackend(
    knex,
    entities,
  );
  try {
    process.stderr.write(`  ${db.name}: evaluating\n`);
    const [evaluationMs] = await timed(() => evaluate());
    process.stderr.write(`  ${db.name}: writing history\n`);
    // 89 earlier days, copied from today's snapshot in SQL.
    const today = dayOf(new Date());
    const [historyMs] = await timed(async () => {
      for (let d = 1; d < DAYS; d++) {
        const day = dayOf(new Date(Date.now() - d * 86_400_000));
        await knex.raw(
          `insert into coverage_history (day, subject_kind, subject_ref, layer, required, covered, partial, services)
           select ?, subject_kind, subject_ref, layer, required, earlier_covered, partial, services from (
             select subject_kind, subject_ref, layer, required, partial, services,
                    case when covered > ? then covered - ? else 0 end as earlier_covered
             from coverage_history where day = ?) h`,
          [day, d % 3, d % 3, today],
        );
      }
    });
    if (db.name === 'PostgreSQL') {
      // What autovacuum does within a minute of writes like these; without
      // statistics the planner guesses, and a fresh database is not what
      // the portal reads from for the rest of its life.
      await knex.raw('analyze');
    }
    const [{ rows }] = await knex('coverage_history').count({ rows: '*' });
    const [{ serviceRows }] = await knex('coverage_history')
      .where({ subject_kind: 'service' })
      .count({ serviceRows: '*' });
    const bytes = await historyBytes(db);

    const series = async (label: string, path: (q: number) => string) => {
      process.stderr.write(`  ${db.name}: ${label}\n`);
      await get(path(0));
      const samples: number[] = [];
      for (let q = 0; q < QUERIES; q++) {
        samples.push((await timed(() => get(path(q))))[0]);
      }
      const p = percentiles(samples);
      return [label, `${p.n}`, fmt(p.p50), fmt(p.p95), fmt(p.max)];
    };
    // Each change answers once its scope is evaluated again and the day's
    // history is written anew, so the caller sees its effect at once.
    const exemptionChanges = async (
      label: string,
      scope: (q: number) => { kind: string; ref: string },
    ) => {
      process.stderr.write(`  ${db.name}: ${label}\n`);
      const grants: number[] = [];
      const revocations: number[] = [];
      for (let q = 0; q < EXEMPTION_CHANGES; q++) {
        const [grantMs, created] = await timed(() =>
          send('POST', '/exemptions', 201, {
            scope: scope(q),
            capability: 'policy',
            reason: 'bench',
            expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
          }),
        );
        grants.push(grantMs);
        revocations.push(
          (
            await timed(() => send('DELETE', `/exemptions/${created.id}`, 204))
          )[0],
        );
      }
      return [grants, revocations].map((samples, i) => {
        const p = percentiles(samples);
        return [
          `${i === 0 ? 'grant' : 'revoke'} an exemption, ${label}`,
          `${p.n}`,
          fmt(p.p50),
          fmt(p.p95),
          fmt(p.max),
        ];
      });
    };
    const card = await get('/scorecards/teams?limit=500');
    if (card.totalCount !== TEAMS) {
      throw new Error(`scorecard has ${card.totalCount} teams, not ${TEAMS}`);
    }
    return [
      [
        `evaluate ${SERVICES} services, closure and snapshot`,
        '1',
        fmt(evaluationMs),
        '',
        '',
      ],
      [`write ${DAYS - 1} more days of history`, '1', fmt(historyMs), '', ''],
      await series(
        `teams × layers, all ${TEAMS} teams`,
        () => '/scorecards/teams?limit=500',
      ),
      await series(
        'teams × layers, page of 50',
        q => `/scorecards/teams?limit=50&offset=${(q * 50) % TEAMS}`,
      ),
      await series(
        'teams × capabilities of layer 4, page of 50',
        q => `/scorecards/teams?layer=4&limit=50&offset=${(q * 50) % TEAMS}`,
      ),
      await series(
        'services table: division, layer 4 missing, by coverage, page of 50',
        q =>
          `/scorecards/services?team=division-${
            q % DIVISIONS
          }&layer=4&status=missing&sort=ratio&order=asc&limit=50`,
      ),
      await series(
        'services table: all, default sort (by shown name), page of 50',
        q => `/scorecards/services?limit=50&offset=${(q * 50) % SERVICES}`,
      ),
      await series(
        'services table: all, by owner’s shown name, desc, page of 50',
        q =>
          `/scorecards/services?sort=owner&order=desc&limit=50&offset=${
            (q * 50) % SERVICES
          }`,
      ),
      await series(
        'services table: search + lifecycle, page of 50',
        q =>
          `/scorecards/services?search=svc-${
            q % 10
          }&lifecycle=production&limit=50`,
      ),
      await series(
        `trend of a division, ${DAYS} days by layer`,
        q =>
          `/scorecards/trend?subject=team&ref=division-${
            q % DIVISIONS
          }&days=${DAYS}`,
      ),
      await series('adoption across the estate', () => '/scorecards/adoption'),
      ...(await exemptionChanges('one service', q => ({
        kind: 'component',
        ref: `component:default/svc-${String(q * 7).padStart(4, '0')}`,
      }))),
      ...(await exemptionChanges(
        `a System of ${SERVICES / SYSTEMS} services`,
        q => ({
          kind: 'system',
          ref: `system:default/system-${q}`,
        }),
      )),
      [
        'history stored',
        `${rows}`,
        `${serviceRows} service rows`,
        '',
        bytes === undefined
          ? ''
          : `${((bytes / SERVICES / DAYS) | 0).toString()} B/service/day`,
      ],
    ];
  } finally {
    await stop();
  }
}

/** Bytes of the history table with its indexes. */
async function historyBytes(db: {
  name: string;
  knex: any;
}): Promise<number | undefined> {
  try {
    if (db.name === 'PostgreSQL') {
      const r = await db.knex.raw(
        `select pg_total_relation_size('coverage_history') as bytes`,
      );
      return Number(r.rows[0].bytes);
    }
    const r = await db.knex.raw(
      `select sum(pgsize) as bytes from dbstat where name = 'coverage_history' or name like 'coverage_history_%' or name like 'sqlite_autoindex_coverage_history%'`,
    );
    return Number(r[0].bytes);
  } catch {
    return undefined;
  }
}

async function main() {
  console.log(
    `Scorecards: ${SERVICES} services, ${TEAMS} teams in 3 levels, ${DAYS} days of history, through the backend over HTTP\n`,
  );
  const rows: string[][] = [];
  for (const db of await benchDatabases()) {
    try {
      rows.push(...(await measure(db)).map(r => [db.name, ...r]));
    } finally {
      await db.dispose();
    }
  }
  printTable(
    ['database', 'measure', 'n', 'p50 / time', 'p95', 'max / size'],
    rows,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
