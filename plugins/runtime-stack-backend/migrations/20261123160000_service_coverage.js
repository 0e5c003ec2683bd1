// @ts-check

/**
 * Coverage of each service as last evaluated after a collection, so reading
 * it is a lookup: one summary row per service, and one row per service and
 * capability for queries across the estate.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('service_coverage', table => {
    table.comment('Coverage of one catalog entity, as last evaluated');
    table
      .string('entity_ref', 255)
      .primary()
      .comment('The evaluated entity, e.g. component:default/payments-api');
    table
      .string('system_ref', 255)
      .nullable()
      .comment('The System it belongs to (spec.system) when evaluated');
    table
      .string('owner_ref', 255)
      .nullable()
      .comment('Its owner (spec.owner) when evaluated');
    table
      .string('profile_id', 64)
      .notNullable()
      .comment('Requirement profile it was evaluated under');
    table
      .integer('required')
      .notNullable()
      .comment('Required capabilities, exempt ones left out');
    table.integer('covered').notNullable().comment('Required and covered');
    table.integer('partial').notNullable().comment('Required and partial');
    table
      .float('ratio')
      .notNullable()
      .comment(
        '(covered + 0.5 * partial) / required; 1 when nothing is required',
      );
    table
      .integer('gap_count')
      .notNullable()
      .comment('Required capabilities missing or partial');
    table
      .timestamp('evaluated_at', { useTz: true })
      .notNullable()
      .comment('When the evaluation ran');
    table
      .text('document')
      .notNullable()
      .comment(
        'JSON of the whole answer: capabilities, evidence, layers, gaps',
      );
    table.index(['system_ref'], 'service_coverage_system_idx');
    table.index(['owner_ref'], 'service_coverage_owner_idx');
    table.index(['evaluated_at'], 'service_coverage_evaluated_idx');
  });
  await knex.schema.createTable('capability_coverage', table => {
    table.comment('Status of one capability for one evaluated entity');
    table
      .string('entity_ref', 255)
      .notNullable()
      .references('entity_ref')
      .inTable('service_coverage')
      .onDelete('CASCADE')
      .comment('The evaluated entity');
    table.string('capability', 64).notNullable().comment('Capability id');
    table.integer('layer').notNullable().comment('Layer of the capability');
    table
      .string('requirement', 16)
      .notNullable()
      .comment('required, recommended, not-applicable or optional');
    table
      .string('status', 16)
      .notNullable()
      .comment('covered, partial, missing, exempt or not-required');
    table
      .text('tools')
      .notNullable()
      .defaultTo('')
      .comment('Comma-separated tool ids named by the evidence');
    table.primary(['entity_ref', 'capability']);
    table.index(['capability', 'status'], 'capability_coverage_status_idx');
    table.index(['layer', 'status'], 'capability_coverage_layer_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('capability_coverage');
  await knex.schema.dropTable('service_coverage');
};
