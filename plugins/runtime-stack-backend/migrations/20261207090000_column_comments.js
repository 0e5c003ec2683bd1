// @ts-check

/**
 * What the columns hold, for whoever reads the database without the code:
 * comments on the columns created without one, and the history's subject
 * kinds as the store writes them. The coverage ratio becomes a double, as
 * the other databases' float is: PostgreSQL's `float` is a 4-byte real.
 * SQLite keeps no comments and stores every float in 8 bytes, so nothing
 * changes there.
 */
const COMMENTS = [
  ['cluster_objects', 'id', 'Row id, in the order objects were stored'],
  ['cluster_objects', 'api_version', 'apiVersion of the object'],
  ['cluster_objects', 'kind', 'kind of the object'],
  ['cluster_objects', 'name', 'metadata.name of the object'],
  ['layer_ownership', 'created_at', 'When the record was created'],
  ['layer_ownership', 'updated_at', 'When the record last changed'],
  ['layer_ownership_history', 'at', 'When the change was made'],
  [
    'layer_ownership_history',
    'scope_ref',
    'Scope ref of the record, to read the history of a scope',
  ],
  ['coverage_history', 'subject_kind', 'service, team, system or estate'],
];

// COMMENT takes no bound parameters; these texts are our own.
const literal = (/** @type {string} */ text) => `'${text.replace(/'/g, "''")}'`;

const isSqlite = (/** @type {import('knex').Knex} */ knex) =>
  /sqlite/i.test(String(knex.client.config.client));

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (isSqlite(knex)) return;
  for (const [table, column, comment] of COMMENTS) {
    await knex.raw(`comment on column ??.?? is ${literal(comment)}`, [
      table,
      column,
    ]);
  }
  await knex.raw(
    'alter table service_coverage alter column ratio type double precision',
  );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (isSqlite(knex)) return;
  await knex.raw('alter table service_coverage alter column ratio type real');
  for (const [table, column] of COMMENTS) {
    await knex.raw('comment on column ??.?? is null', [table, column]);
  }
  await knex.raw(
    `comment on column coverage_history.subject_kind is ${literal(
      'service, team or estate',
    )}`,
  );
};
