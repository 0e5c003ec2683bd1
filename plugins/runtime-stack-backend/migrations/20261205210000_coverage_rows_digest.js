// @ts-check

/**
 * Outside a transaction: SQLite drops a column by building the table anew,
 * and only outside one does knex stop foreign keys from deleting, with the
 * old table, every row that refers to it (capability_coverage and the
 * others of each service).
 */
exports.config = { transaction: false };

/**
 * Most evaluations change a service's evidence (when a cluster was last
 * seen) but not its per-capability rows; with a digest of the rows last
 * written, an evaluation rewrites only the rows of services whose statuses,
 * tools or layer counts changed.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('service_coverage', table => {
    table
      .string('rows_digest', 64)
      .nullable()
      .comment(
        'SHA-256 of the capability, layer and tool rows last written; null rewrites them on the next evaluation',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('service_coverage', table => {
    table.dropColumn('rows_digest');
  });
};
