import type { Knex } from 'knex';
import { isSqlite } from './insertInBatches';

/**
 * Makes a transaction wait for any other that took the same `lock`, and the
 * others for it until it ends: for writes that read before they write, such
 * as a delete then an insert of the same keys, which two at once would
 * otherwise both make. SQLite already has one writer at a time; PostgreSQL
 * takes an advisory lock it holds until the transaction commits or rolls
 * back. Call it first in the transaction, before anything is read.
 *
 * @param lock - any constant, one per kind of write: it names the writes
 *   among the database's advisory locks
 */
export async function serializeTransaction(
  tx: Knex.Transaction,
  lock: number,
): Promise<void> {
  if (isSqlite(tx)) return;
  await tx.raw('select pg_advisory_xact_lock(?)', [lock]);
}
