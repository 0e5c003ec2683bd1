// @ts-check

/**
 * `spec.lifecycle` is free text in the catalog, with no length limit, so its
 * column is too: PostgreSQL refused a Component whose lifecycle was longer
 * than 64 characters, and with it the batch it was stored in. SQLite never
 * enforced the length, so nothing changes there. The store keeps the first
 * 512 characters, which the column's index can always take.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (/sqlite/i.test(String(knex.client.config.client))) return;
  await knex.raw(
    'ALTER TABLE service_coverage ALTER COLUMN lifecycle TYPE text',
  );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (/sqlite/i.test(String(knex.client.config.client))) return;
  await knex.raw(
    'ALTER TABLE service_coverage ALTER COLUMN lifecycle TYPE varchar(64) USING left(lifecycle, 64)',
  );
};
