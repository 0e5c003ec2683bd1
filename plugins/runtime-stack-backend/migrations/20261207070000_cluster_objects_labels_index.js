// @ts-check

/**
 * The objects' labels, indexed for the services the catalog finds by a
 * label selector (`backstage.io/kubernetes-label-selector`): PostgreSQL
 * answers whether the labels contain `{"app":"x"}` from the index instead of
 * reading every object of the service's clusters. SQLite has no such index; it reads the
 * labels of each object of the kinds a selector looks at.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (/sqlite/i.test(String(knex.client.config.client))) return;
  await knex.raw(
    `create index cluster_objects_labels_idx on cluster_objects
       using gin (((body::jsonb -> 'metadata') -> 'labels') jsonb_path_ops)`,
  );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (/sqlite/i.test(String(knex.client.config.client))) return;
  await knex.raw('drop index cluster_objects_labels_idx');
};
