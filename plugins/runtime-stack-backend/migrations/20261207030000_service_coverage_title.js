// @ts-check

/**
 * Outside a transaction: SQLite drops a column by building the table anew,
 * and only outside one does knex stop foreign keys from deleting, with the
 * old table, every row that refers to it (capability_coverage and the
 * others of each service).
 */
exports.config = { transaction: false };

/**
 * The services table shows a service by its catalog title ("Order History")
 * and searching it should find what it shows, not only the entity ref
 * (component:default/order-history-api). The title is free text of any
 * length, so its column is text; it is null until the next evaluation
 * writes it, and for entities without a title.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('service_coverage', table => {
    table
      .text('title')
      .nullable()
      .comment(
        'metadata.title when evaluated, for the services search; null without one',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('service_coverage', table => {
    table.dropColumn('title');
  });
};
