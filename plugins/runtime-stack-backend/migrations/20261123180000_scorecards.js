// @ts-check

/**
 * Outside a transaction: SQLite drops a column by building the table anew,
 * and only outside one does knex stop foreign keys from deleting, with the
 * old table, every row that refers to it (capability_coverage and the
 * others of each service).
 */
exports.config = { transaction: false };

const isSqlite = (/** @type {import('knex').Knex} */ knex) =>
  /sqlite/i.test(String(knex.client.config.client));

/**
 * Runs the steps in a transaction of their own where the database allows:
 * without knex's, a failure half-way on PostgreSQL would leave some tables
 * made and the migration unrecorded, and every later attempt would stop at
 * the first table that already exists. SQLite keeps them outside, for the
 * reason above.
 *
 * @param {import('knex').Knex} knex
 * @param {(knex: import('knex').Knex) => Promise<void>} steps
 */
const inTransaction = (knex, steps) =>
  isSqlite(knex) ? steps(knex) : knex.transaction(tx => steps(tx));

/**
 * Scorecards: per-layer and per-tool rows of each evaluated service, the
 * group hierarchy for team rollups, daily history, and exemptions.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await inTransaction(knex, upSteps);
};

/**
 * @param {import('knex').Knex} knex
 */
async function upSteps(knex) {
  await knex.schema.alterTable('service_coverage', table => {
    table
      .string('lifecycle', 64)
      .nullable()
      .comment('spec.lifecycle when evaluated');
    table
      .integer('exempt_count')
      .notNullable()
      .defaultTo(0)
      .comment('Required capabilities exempt when evaluated');
    table.index(['lifecycle'], 'service_coverage_lifecycle_idx');
    table.index(['ratio'], 'service_coverage_ratio_idx');
  });

  await knex.schema.createTable('layer_coverage', table => {
    table.comment('Coverage of one layer for one evaluated entity');
    table
      .string('entity_ref', 255)
      .notNullable()
      .references('entity_ref')
      .inTable('service_coverage')
      .onDelete('CASCADE')
      .comment('The evaluated entity');
    table.integer('layer').notNullable().comment('Layer number');
    table.integer('required').notNullable().comment('Required, not exempt');
    table.integer('covered').notNullable().comment('Required and covered');
    table.integer('partial').notNullable().comment('Required and partial');
    table.primary(['entity_ref', 'layer']);
  });

  await knex.schema.createTable('capability_tool_usage', table => {
    table.comment('A tool the evidence names for a capability of a service');
    table
      .string('entity_ref', 255)
      .notNullable()
      .references('entity_ref')
      .inTable('service_coverage')
      .onDelete('CASCADE')
      .comment('The evaluated entity');
    table.string('capability', 64).notNullable().comment('Capability id');
    table.string('tool', 64).notNullable().comment('Tool id');
    table.primary(['entity_ref', 'capability', 'tool']);
    table.index(['capability', 'tool'], 'capability_tool_usage_tool_idx');
  });

  await knex.schema.createTable('team_closure', table => {
    table.comment(
      'Group hierarchy from the catalog: every group under a team, the team included',
    );
    table.string('team_ref', 255).notNullable().comment('The team (a Group)');
    table
      .string('member_ref', 255)
      .notNullable()
      .comment('The team itself or a group below it');
    table.integer('depth').notNullable().comment('0 for the team itself');
    table.primary(['team_ref', 'member_ref']);
    table.index(['member_ref'], 'team_closure_member_idx');
  });

  await knex.schema.createTable('coverage_history', table => {
    table.comment('Daily coverage snapshot of a service, a team or the estate');
    table.string('day', 10).notNullable().comment('YYYY-MM-DD, UTC');
    table
      .string('subject_kind', 8)
      .notNullable()
      .comment('service, team or estate');
    table
      .string('subject_ref', 255)
      .notNullable()
      .comment('Entity ref of the service or team; empty for the estate');
    table
      .integer('layer')
      .notNullable()
      .comment('Layer number, or -1 for all layers');
    table.integer('required').notNullable().comment('Required, not exempt');
    table.integer('covered').notNullable().comment('Required and covered');
    table.integer('partial').notNullable().comment('Required and partial');
    table.integer('services').notNullable().comment('Services counted');
    table.primary(['subject_kind', 'subject_ref', 'layer', 'day']);
    table.index(['day'], 'coverage_history_day_idx');
  });

  await knex.schema.createTable('coverage_exemptions', table => {
    table.comment('Accepted coverage gaps, with who asked and who granted');
    table.string('id', 36).primary().comment('UUID');
    table.string('scope_kind', 16).notNullable().comment('component or system');
    table
      .string('scope_ref', 255)
      .notNullable()
      .comment('Entity ref of the component or System');
    table.string('capability', 64).notNullable().comment('Capability id');
    table.text('reason').notNullable().comment('Why the gap is accepted');
    table
      .timestamp('expires_at', { useTz: true })
      .notNullable()
      .comment('After this the capability counts as missing again');
    table
      .string('requested_by', 255)
      .notNullable()
      .comment('User or Group ref that asked for it');
    table
      .string('granted_by', 255)
      .notNullable()
      .comment('User ref that granted it');
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .comment('When it was granted');
    table.unique(['scope_ref', 'capability'], {
      indexName: 'coverage_exemptions_scope_capability_uniq',
    });
    table.index(['expires_at'], 'coverage_exemptions_expires_idx');
  });
}

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await inTransaction(knex, downSteps);
};

/**
 * @param {import('knex').Knex} knex
 */
async function downSteps(knex) {
  await knex.schema.dropTable('coverage_exemptions');
  await knex.schema.dropTable('coverage_history');
  await knex.schema.dropTable('team_closure');
  await knex.schema.dropTable('capability_tool_usage');
  await knex.schema.dropTable('layer_coverage');
  await knex.schema.alterTable('service_coverage', table => {
    table.dropIndex(['lifecycle'], 'service_coverage_lifecycle_idx');
    table.dropIndex(['ratio'], 'service_coverage_ratio_idx');
    table.dropColumn('lifecycle');
    table.dropColumn('exempt_count');
  });
}
