// @ts-check

/**
 * What the digests that image references pin (`app@sha256:…`) hold, read
 * by digest: a pinned image may be no tag's any more, and its age, source
 * and revision are still worth showing. Kept beside the tags, as the cache
 * the next read starts from.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('registry_repositories', table => {
    table
      .text('pinned_digests')
      .nullable()
      .comment(
        'JSON list of {digest, created, source, revision, version, notFound, searched} for the digests references in use pin; null before the first read that kept them',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('registry_repositories', table => {
    table.dropColumn('pinned_digests');
  });
};
