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
  // `jsonb` refuses the escape of a NUL character, which the store now
  // replaces: objects stored before cannot be indexed. Deleting them is not
  // enough, as the index reads deleted rows that other transactions may
  // still see; the table is a cache the next collection fills again.
  const [{ refused }] = await knex('cluster_objects')
    .whereRaw('strpos(body, ?) > 0', ['\\u0000'])
    .count({ refused: '*' });
  if (Number(refused) > 0) await knex.raw('truncate table cluster_objects');
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
