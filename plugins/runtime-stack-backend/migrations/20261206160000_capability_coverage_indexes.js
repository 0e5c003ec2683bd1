// @ts-check

/**
 * Indexes shaped by the scorecard queries. Adoption counts required rows by
 * capability and status; the teams × capabilities drill-down and the services
 * table's layer filter read a layer's rows by status. Both are answered from
 * the index alone, without visiting the 200,000 table rows of a 5,000-service
 * estate. They replace the two indexes that led with the same columns.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('capability_coverage', table => {
    table.dropIndex([], 'capability_coverage_status_idx');
    table.dropIndex([], 'capability_coverage_layer_idx');
  });
  await knex.schema.alterTable('capability_coverage', table => {
    table.index(
      ['requirement', 'capability', 'status'],
      'capability_coverage_requirement_idx',
    );
    table.index(
      ['layer', 'status', 'requirement', 'entity_ref', 'capability'],
      'capability_coverage_layer_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('capability_coverage', table => {
    table.dropIndex([], 'capability_coverage_requirement_idx');
    table.dropIndex([], 'capability_coverage_layer_idx');
  });
  await knex.schema.alterTable('capability_coverage', table => {
    table.index(['capability', 'status'], 'capability_coverage_status_idx');
    table.index(['layer', 'status'], 'capability_coverage_layer_idx');
  });
};
