// @ts-check

/**
 * Layer ownership and its history.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('layer_ownership', table => {
    table.comment(
      'Who owns which layer, or capability of a layer, of the runtime stack for which scope',
    );
    table.string('id', 36).primary().comment('UUID of the record');
    table
      .string('scope_kind', 16)
      .notNullable()
      .comment('environment, cluster, system or component');
    table
      .string('scope_ref', 255)
      .notNullable()
      .comment(
        'Name of the cluster or environment, or the entity ref of the System or Component',
      );
    table
      .integer('layer')
      .notNullable()
      .comment(
        'Layer 0-6; for a capability record, the layer of the capability',
      );
    table
      .string('capability', 64)
      .nullable()
      .comment('Capability id, or null when the record covers the whole layer');
    table
      .string('target_key', 64)
      .notNullable()
      .comment(
        "The capability id, or '*' for the whole layer: a non-null column so the unique key holds on every engine",
      );
    table
      .string('owner_ref', 255)
      .notNullable()
      .comment('Entity ref of the owning Group');
    table
      .string('responsibility', 16)
      .notNullable()
      .comment('operates, supports or consumes');
    table.text('note').nullable().comment('Free text, at most 2000 characters');
    table
      .string('link', 2048)
      .nullable()
      .comment('Runbook, channel or other URL for this ownership');
    table
      .integer('version')
      .notNullable()
      .defaultTo(1)
      .comment('Grows by one with every update; writes must name it');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table
      .string('created_by', 255)
      .notNullable()
      .comment('Entity ref of the user who created the record');
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table
      .string('updated_by', 255)
      .notNullable()
      .comment('Entity ref of the user who changed the record last');

    table.unique(
      ['scope_kind', 'scope_ref', 'layer', 'target_key', 'responsibility'],
      { indexName: 'layer_ownership_assignment_key' },
    );
    // Effective ownership looks up every scope of one service at once.
    table.index(['scope_ref'], 'layer_ownership_scope_ref_idx');
    table.index(['owner_ref'], 'layer_ownership_owner_idx');
    table.index(['layer', 'capability'], 'layer_ownership_target_idx');
  });

  await knex.schema.createTable('layer_ownership_history', table => {
    table.comment(
      'Every create, update and delete of a layer ownership record',
    );
    table.bigIncrements('id').primary().comment('Order of the changes');
    table
      .string('ownership_id', 36)
      .notNullable()
      .comment('The record changed; kept after the record is deleted');
    table
      .string('scope_kind', 16)
      .notNullable()
      .comment('Scope of the record, to read the history of a scope');
    table.string('scope_ref', 255).notNullable();
    table.string('action', 8).notNullable().comment('create, update or delete');
    table
      .string('actor', 255)
      .notNullable()
      .comment('Entity ref of the user who made the change');
    table.timestamp('at', { useTz: true }).notNullable();
    table
      .text('before')
      .nullable()
      .comment('The record before the change as JSON; null for a create');
    table
      .text('after')
      .nullable()
      .comment('The record after the change as JSON; null for a delete');

    table.index(['ownership_id'], 'layer_ownership_history_record_idx');
    table.index(['scope_ref'], 'layer_ownership_history_scope_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('layer_ownership_history');
  await knex.schema.dropTable('layer_ownership');
};
