// @ts-check

/**
 * Outside a transaction: SQLite drops a column by building the table anew,
 * which knex does safely only outside one.
 */
exports.config = { transaction: false };

const isSqlite = (/** @type {import('knex').Knex} */ knex) =>
  /sqlite/i.test(String(knex.client.config.client));

/**
 * The objects' labels apart from their bodies, on SQLite only: it has no
 * index of labels (PostgreSQL's is on the body, see
 * 20261207070000_cluster_objects_labels_index.js), so a label selector reads
 * the labels of every object of the service's clusters, and reading them
 * from a few bytes each is several times faster than parsing whole bodies.
 * Filled from the bodies here, and by the store with each write.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (!isSqlite(knex)) return;
  await knex.schema.alterTable('cluster_objects', table => {
    table
      .text('labels')
      .nullable()
      .comment('metadata.labels as JSON, for label selectors; null without');
  });
  await knex.raw(
    "update cluster_objects set labels = json_extract(body, '$.metadata.labels')",
  );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (!isSqlite(knex)) return;
  await knex.schema.alterTable('cluster_objects', table => {
    table.dropColumn('labels');
  });
};
