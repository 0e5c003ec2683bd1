/*
 * The entity stack API over a store of 5,000 services: every Component of a
 * catalog of 5,000 (100 Systems of 50) evaluated by the scheduled task, then
 * the coverage of one service (a lookup with its current owners) and of one
 * System (50 components added up), through the real backend and HTTP, on
 * SQLite and PostgreSQL.
 *
 *   yarn bench            (from the repository root)
 */
import type { Entity } from '@backstage/catalog-model';
import { startCoverageBackend } from './coverageBackend';
import {
  benchDatabases,
  fmt,
  percentiles,
  printTable,
  timed,
} from './benchUtils';

const SYSTEMS = 100;
const PER_SYSTEM = 50;
const QUERIES = 300;
const SEARCH_PAGE = 200;

const TOOLS = [
  'gitops=argo-cd,service-mesh=linkerd',
  'gitops=flux',
  'service-mesh=istio,policy=kyverno',
  '',
];

function estate(): Entity[] {
  const entities: Entity[] = [];
  for (let s = 0; s < SYSTEMS; s++) {
    const system = `system-${String(s).padStart(3, '0')}`;
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: system, namespace: 'default' },
      spec: { owner: `team-${s % 30}` },
    });
    for (let c = 0; c < PER_SYSTEM; c++) {
      const name = `${system}-svc-${String(c).padStart(2, '0')}`;
      const tools = TOOLS[(s + c) % TOOLS.length];
      entities.push({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name,
          namespace: 'default',
          annotations: {
            'backstage.io/kubernetes-id': name,
            ...(tools ? { 'runtime-stack.io/tools': tools } : {}),
          },
        },
        spec: {
          type: 'service',
          lifecycle: c % 3 ? 'production' : 'experimental',
          owner: `team-${s % 30}`,
          system,
        },
        relations: [
          { type: 'partOf', targetRef: `system:default/${system}` },
          { type: 'ownedBy', targetRef: `group:default/team-${s % 30}` },
        ],
      });
    }
  }
  return entities;
}

async function measure(knex: any): Promise<string[][]> {
  const entities = estate();
  const { get, evaluate, notificationsSent, stop } = await startCoverageBackend(
    knex,
    entities,
  );
  try {
    const [evaluationMs] = await timed(() => evaluate());
    // Again, now compared with the stored statuses: nothing changed, so
    // nobody is notified.
    const [reevaluationMs] = await timed(() => evaluate());
    if (notificationsSent() !== 0) {
      throw new Error(`${notificationsSent()} notifications without a change`);
    }
    const [{ count }] = await knex('service_coverage').count({ count: '*' });
    if (Number(count) !== SYSTEMS * PER_SYSTEM) {
      throw new Error(`evaluated ${count}, expected ${SYSTEMS * PER_SYSTEM}`);
    }
    const [{ bytes }] = await knex('service_coverage').select(
      knex.raw('sum(length(document)) as bytes'),
    );

    const pick = (q: number) => {
      const s = (q * 37) % SYSTEMS;
      const c = (q * 13) % PER_SYSTEM;
      return `system-${String(s).padStart(3, '0')}-svc-${String(c).padStart(
        2,
        '0',
      )}`;
    };
    await get(`/entities/component/default/${pick(0)}/coverage`);
    const serviceMs: number[] = [];
    const systemMs: number[] = [];
    for (let q = 0; q < QUERIES; q++) {
      serviceMs.push(
        (
          await timed(() =>
            get(`/entities/component/default/${pick(q)}/coverage`),
          )
        )[0],
      );
      const system = `system-${String((q * 7) % SYSTEMS).padStart(3, '0')}`;
      systemMs.push(
        (
          await timed(async () => {
            const body = await get(`/systems/default/${system}/coverage`);
            if (body.components.length !== PER_SYSTEM) {
              throw new Error(
                `${system}: ${body.components.length} components`,
              );
            }
          })
        )[0],
      );
    }
    // What the search collator reads: every service, a page at a time.
    const pageMs: number[] = [];
    let indexed = 0;
    const [indexMs] = await timed(async () => {
      let after: string | undefined;
      do {
        const path = `/search/services?limit=${SEARCH_PAGE}${
          after ? `&after=${encodeURIComponent(after)}` : ''
        }`;
        const [ms, page] = await timed(() => get(path));
        pageMs.push(ms);
        indexed += page.items.length;
        after = page.nextAfter;
      } while (after);
    });
    if (indexed !== SYSTEMS * PER_SYSTEM) {
      throw new Error(`search pages listed ${indexed} services`);
    }
    const a = percentiles(serviceMs);
    const b = percentiles(systemMs);
    const c = percentiles(pageMs);
    return [
      [
        `evaluate and store all ${SYSTEMS * PER_SYSTEM} components`,
        '1',
        fmt(evaluationMs),
        '',
        `${(Number(bytes) / 1024 / 1024).toFixed(1)} MB stored`,
      ],
      [
        `re-evaluate all ${
          SYSTEMS * PER_SYSTEM
        }, compared with the stored statuses`,
        '1',
        fmt(reevaluationMs),
        '',
        `${notificationsSent()} regression notices`,
      ],
      [
        'GET coverage of one service (lookup + owners)',
        `${a.n}`,
        fmt(a.p50),
        fmt(a.p95),
        fmt(a.max),
      ],
      [
        `GET coverage of one System (${PER_SYSTEM} components)`,
        `${b.n}`,
        fmt(b.p50),
        fmt(b.p95),
        fmt(b.max),
      ],
      [
        `GET /search/services, ${SEARCH_PAGE} a page (what search indexes)`,
        `${c.n}`,
        fmt(c.p50),
        fmt(c.p95),
        `${fmt(indexMs)} for all`,
      ],
    ];
  } finally {
    await stop();
  }
}

async function main() {
  console.log(
    `Coverage: ${
      SYSTEMS * PER_SYSTEM
    } services in ${SYSTEMS} Systems, through the backend over HTTP\n`,
  );
  const rows: string[][] = [];
  for (const db of await benchDatabases()) {
    try {
      rows.push(...(await measure(db.knex)).map(r => [db.name, ...r]));
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
