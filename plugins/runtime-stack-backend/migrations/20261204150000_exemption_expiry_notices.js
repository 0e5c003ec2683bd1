// @ts-check

/**
 * When the owners of an exemption were told it is about to expire, so each
 * exemption is announced once however often the check runs.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('coverage_exemptions', table => {
    table
      .timestamp('expiry_notified_at', { useTz: true })
      .nullable()
      .comment('When its owners were notified that it expires soon');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('coverage_exemptions', table => {
    table.dropColumn('expiry_notified_at');
  });
};
