// @ts-check

/**
 * Every tag a repository lists, read or not: only the tags worth a request
 * get their digest read, and a tag in use that was not read must not be
 * shown as missing from the registry.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('registry_repositories', table => {
    table
      .text('listed_tags')
      .nullable()
      .comment(
        'JSON list of every tag name the registry lists; null before the first read that kept it',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('registry_repositories', table => {
    table.dropColumn('listed_tags');
  });
};
