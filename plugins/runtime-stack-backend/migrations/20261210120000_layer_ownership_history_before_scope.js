// @ts-check

/**
 * Outside knex's transaction for the down step: SQLite drops a column by
 * building the table anew, which knex does safely only outside one. The up
 * step opens a transaction of its own.
 */
exports.config = { transaction: false };

const isSqlite = (/** @type {import('knex').Knex} */ knex) =>
  /sqlite/i.test(String(knex.client.config.client));

/**
 * A change was filed under the scope of the record after it (before it, for
 * a delete) only, so an update that moved a record to another scope left
 * the history of the scope it left: that history ended at the record's
 * creation while the scope had no record. Each change also keeps the scope
 * ref the record had before it, which the history of a scope matches too.
 *
 * Changes stored before are filled from their `before` JSON, in the one
 * statement each database can read JSON with.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  // One transaction: a failure half-way leaves no column behind to make
  // the next attempt fail.
  await knex.transaction(async tx => {
    await tx.schema.alterTable('layer_ownership_history', table => {
      table
        .string('before_scope_ref', 255)
        .nullable()
        .comment(
          'Scope ref of the record before the change, null for a create: a record moved to another scope stays in the history of the one it left',
        );
      table.index(
        ['before_scope_ref'],
        'layer_ownership_history_before_scope_idx',
      );
    });
    const scopeRefOfBefore = isSqlite(tx)
      ? tx.raw("json_extract(??, '$.scope.ref')", ['before'])
      : tx.raw("(??::json -> 'scope' ->> 'ref')", ['before']);
    await tx('layer_ownership_history')
      .whereNotNull('before')
      .update({ before_scope_ref: scopeRefOfBefore });
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('layer_ownership_history', table => {
    table.dropIndex([], 'layer_ownership_history_before_scope_idx');
  });
  await knex.schema.alterTable('layer_ownership_history', table => {
    table.dropColumn('before_scope_ref');
  });
};
