// @ts-check

/**
 * What the collector saw in each Kubernetes cluster, and how each cluster's
 * collection went.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('cluster_collections', table => {
    table.comment(
      'One row per configured cluster: the state of its collection',
    );
    table
      .string('cluster', 255)
      .primary()
      .comment('Cluster name from kubernetes.clusterLocatorMethods');
    table
      .timestamp('last_attempt_at', { useTz: true })
      .nullable()
      .comment('When the last collection started');
    table
      .timestamp('last_success_at', { useTz: true })
      .nullable()
      .comment('When the data in cluster_objects was collected');
    table
      .text('last_error')
      .nullable()
      .comment('Why the last attempt failed; null when it succeeded');
    table
      .text('warnings')
      .nullable()
      .comment(
        'JSON list of resources that could not be read (403, missing CRD)',
      );
    table
      .integer('object_count')
      .notNullable()
      .defaultTo(0)
      .comment('Objects stored for the cluster');
    table
      .text('server_version')
      .nullable()
      .comment('gitVersion of the API server');
    table
      .text('platform_tools')
      .nullable()
      .comment(
        'JSON list of tools detected cluster-wide at the last successful collection, with evidence',
      );
  });

  await knex.schema.createTable('cluster_objects', table => {
    table.comment(
      'Kubernetes objects of every cluster, trimmed: no Secrets, no env, no managed fields',
    );
    table.bigIncrements('id').primary();
    table
      .string('cluster', 255)
      .notNullable()
      .comment('Cluster the object lives in');
    table.string('api_version', 255).notNullable();
    table.string('kind', 255).notNullable();
    table
      .string('namespace', 255)
      .notNullable()
      .comment("Namespace, '' for cluster-scoped objects");
    table.string('name', 255).notNullable();
    table
      .string('kubernetes_id', 255)
      .nullable()
      .comment(
        'Value of the backstage.io/kubernetes-id label, how services find their objects',
      );
    table.text('body').notNullable().comment('The trimmed object as JSON');

    table.unique(['cluster', 'api_version', 'kind', 'namespace', 'name'], {
      indexName: 'cluster_objects_identity',
    });
    table.index(
      ['cluster', 'kubernetes_id'],
      'cluster_objects_kubernetes_id_idx',
    );
    table.index(['cluster', 'namespace'], 'cluster_objects_namespace_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('cluster_objects');
  await knex.schema.dropTable('cluster_collections');
};
