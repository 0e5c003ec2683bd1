// @ts-check

/**
 * The indexes a scope is looked up by, on each scope ref lowercased: the
 * catalog compares entity refs regardless of case, so a record stored for
 * `component:default/Payments-API` (as refs were written before the catalog
 * model wrote them in lower case) is the entity `payments-api`'s. Refs keep
 * the case they were stored in; the store compares them by `lower()` and
 * these indexes serve that. Nothing is unique here: records that differ
 * only in case may exist from before, and the store refuses new ones.
 *
 * Only indexes change, so whatever rows there are stay as they are.
 */
const INDEXES = [
  {
    table: 'layer_ownership',
    column: 'scope_ref',
    name: 'layer_ownership_scope_ref_idx',
  },
  {
    table: 'layer_ownership_history',
    column: 'scope_ref',
    name: 'layer_ownership_history_scope_idx',
  },
  {
    table: 'layer_ownership_history',
    column: 'before_scope_ref',
    name: 'layer_ownership_history_before_scope_idx',
  },
];

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  for (const { table, column, name } of INDEXES) {
    await knex.schema.alterTable(table, t => {
      t.dropIndex([], name);
    });
    await knex.raw('create index ?? on ?? (lower(??))', [name, table, column]);
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  for (const { table, column, name } of INDEXES) {
    await knex.raw('drop index ??', [name]);
    await knex.schema.alterTable(table, t => {
      t.index([column], name);
    });
  }
};
