import type { Knex } from 'knex';
import { chunksOf } from './chunksOf';

/** Whether the connection is SQLite, whose statements have the tighter limits. */
export const isSqlite = (knex: Knex) =>
  /sqlite/i.test(String(knex.client.config.client));

/**
 * Rows per insert: bound variables stay under both databases' limits
 * (SQLite's 32766, PostgreSQL's 65535), and SQLite, whose multi-row insert
 * knex writes as a compound SELECT, takes at most 500 of those.
 */
const batchSizeFor = (knex: Knex, columns: number) => {
  const byVariables = Math.floor(30_000 / columns);
  return isSqlite(knex) ? Math.min(500, byVariables) : byVariables;
};

/**
 * Inserts the rows in as few statements as both databases take; with
 * `mergeOn`, a row whose key is already stored replaces that row's columns.
 */
export async function insertInBatches<Row extends object>(
  knex: Knex,
  table: string,
  rows: Row[],
  { mergeOn }: { mergeOn?: string[] } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const size = batchSizeFor(knex, Object.keys(rows[0]).length);
  for (const batch of chunksOf(rows, size)) {
    const insert = knex(table).insert(batch);
    await (mergeOn ? insert.onConflict(mergeOn).merge() : insert);
  }
}
