// @ts-check

/**
 * What the registries hold for the repositories services run or declare:
 * tags with their digests and image details, cached per repository.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('registry_repositories', table => {
    table.comment('One row per fetched repository of a configured registry');
    table
      .string('registry', 255)
      .notNullable()
      .comment('host[:port] of the registry');
    table
      .string('repository', 255)
      .notNullable()
      .comment('Repository path, e.g. payments/payments-api');
    table
      .timestamp('checked_at', { useTz: true })
      .nullable()
      .comment('When the tags were last read successfully');
    table
      .timestamp('attempted_at', { useTz: true })
      .nullable()
      .comment('When the last attempt started');
    table
      .text('last_error')
      .nullable()
      .comment('Why the last attempt failed; null after a success');
    table
      .text('tags')
      .notNullable()
      .defaultTo('[]')
      .comment(
        'JSON list of {tag, digest, created, source, revision, version}, the cache for the next run',
      );
    table.primary(['registry', 'repository']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('registry_repositories');
};
