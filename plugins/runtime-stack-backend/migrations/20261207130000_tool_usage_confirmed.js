// @ts-check

/**
 * A capability can be covered by the tool a cluster runs while another,
 * declared for it, runs nowhere: search and adoption should not count that
 * one as running. Rows stored before are marked by their capability's
 * status, as search read them until now; the next evaluation writes each
 * tool's own answer.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('capability_tool_usage', table => {
    table
      .boolean('confirmed')
      .notNullable()
      .defaultTo(true)
      .comment(
        'Whether an observation names the tool, or agrees with its declaration',
      );
  });
  await knex('capability_tool_usage')
    .whereExists(
      knex('capability_coverage')
        .whereRaw('capability_coverage.entity_ref = ??', [
          'capability_tool_usage.entity_ref',
        ])
        .andWhereRaw('capability_coverage.capability = ??', [
          'capability_tool_usage.capability',
        ])
        .andWhereNot('capability_coverage.status', 'covered')
        .select(knex.raw('1')),
    )
    .update({ confirmed: false });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('capability_tool_usage', table => {
    table.dropColumn('confirmed');
  });
};
