import type { LoggerService } from '@backstage/backend-plugin-api';
import knexFactory, { type Knex } from 'knex';

/** p50, p95 and max of a list of durations in milliseconds. */
export function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[
      Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
    ];
  return {
    n: sorted.length,
    p50: at(50),
    p95: at(95),
    max: sorted[sorted.length - 1],
  };
}

export async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = process.hrtime.bigint();
  const result = await fn();
  return [Number(process.hrtime.bigint() - start) / 1e6, result];
}

export const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;

export interface BenchDatabase {
  name: string;
  knex: Knex;
  dispose(): Promise<void>;
}

/**
 * SQLite in memory, and PostgreSQL in a throwaway database when a server is
 * configured (BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING) or
 * answers on 127.0.0.1:5432.
 */
export async function benchDatabases(): Promise<BenchDatabase[]> {
  const sqlite = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  const result: BenchDatabase[] = [
    { name: 'SQLite', knex: sqlite, dispose: () => sqlite.destroy() },
  ];

  const url =
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
    'postgresql://postgres@127.0.0.1:5432';
  const admin = knexFactory({ client: 'pg', connection: `${url}/postgres` });
  const dbName = `runtime_stack_bench_${process.pid}`;
  try {
    await admin.raw(`CREATE DATABASE ${dbName}`);
  } catch (error) {
    console.log(`PostgreSQL skipped: ${(error as Error).message}`);
    await admin.destroy();
    return result;
  }
  const pg = knexFactory({ client: 'pg', connection: `${url}/${dbName}` });
  result.push({
    name: 'PostgreSQL',
    knex: pg,
    dispose: async () => {
      await pg.destroy();
      await admin.raw(`DROP DATABASE ${dbName}`);
      await admin.destroy();
    },
  });
  return result;
}

/** A logger that says nothing, so the figures are the only output. */
export const quietLogger: LoggerService = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child() {
    return quietLogger;
  },
};

/** Prints rows under a header, each column as wide as its widest cell. */
export function printTable(header: string[], rows: string[][]) {
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map(r => (r[i] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells.map((c, i) => (c ?? '').padEnd(widths[i])).join('  ');
  console.log(
    `\n${line(header)}\n${widths.map(w => '-'.repeat(w)).join('  ')}`,
  );
  for (const row of rows) console.log(line(row));
}
