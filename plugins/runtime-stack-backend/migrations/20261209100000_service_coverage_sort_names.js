// @ts-check

/**
 * Outside knex's transaction for the down step: SQLite drops a column by
 * building the table anew, and only outside one does knex stop foreign keys
 * from deleting, with the old table, every row that refers to it. The up
 * step opens a transaction of its own.
 */
exports.config = { transaction: false };

const isSqlite = (/** @type {import('knex').Knex} */ knex) =>
  /sqlite/i.test(String(knex.client.config.client));

/** As src/scorecards/sortText.ts computes it. */
const MAX_SORT_TEXT = 255;

/** @param {string} shown */
const sortTextOf = shown =>
  Array.from(
    shown
      .trim()
      .toLocaleLowerCase('en-US')
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, ''),
  )
    .slice(0, MAX_SORT_TEXT)
    .join('');

/** @param {string} ref */
const nameOfRef = ref => ref.slice(ref.indexOf('/') + 1);

/**
 * The services table showed a service by its title and an owner by its
 * Group's display name, but sorted them by their refs: a sorted column
 * looked unsorted. Each gets a column of the text it sorts by, lowercased
 * and without accents by the store, with an index ending in the entity ref
 * the table breaks ties by. The Groups' sort texts are kept beside the
 * closure, so a service stored between evaluations gets its owner's.
 *
 * Rows stored before are filled here, the owners by the names in their
 * refs until the next evaluation reads the Groups: by lower() in one
 * statement, right for ASCII, then in JavaScript the rows that differ
 * (a title with other characters, spaces around it, or over 255 of them).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  // One transaction: a failure half-way leaves no column behind to make
  // the next attempt fail.
  await knex.transaction(async tx => {
    await tx.schema.alterTable('service_coverage', table => {
      table
        .text('name_sort')
        .nullable()
        .comment(
          'metadata.title, else the name, lowercased without accents, for sorting',
        );
      table
        .text('owner_sort')
        .nullable()
        .comment(
          "The owner Group's shown name, else the owner's name, lowercased without accents, for sorting; null without an owner",
        );
      table.index(
        ['name_sort', 'entity_ref'],
        'service_coverage_name_sort_idx',
      );
      table.index(
        ['owner_sort', 'entity_ref'],
        'service_coverage_owner_sort_idx',
      );
    });
    await tx.schema.createTable('team_sort_names', table => {
      table.comment(
        'What each Group of the catalog is sorted by, as the last evaluation read it',
      );
      table.string('team_ref', 255).primary().comment('The Group');
      table
        .text('sort_name')
        .notNullable()
        .comment(
          'spec.profile.displayName, else metadata.title, else the name, lowercased without accents',
        );
    });

    const position = isSqlite(tx) ? 'instr' : 'strpos';
    /** @param {string} column */
    const nameIn = column =>
      tx.raw(`substr(??, ${position}(??, '/') + 1)`, [column, column]);
    await tx('service_coverage').update({
      name_sort: tx.raw(`lower(coalesce(title, ?))`, [nameIn('entity_ref')]),
      owner_sort: tx.raw(`lower(?)`, [nameIn('owner_ref')]),
    });
    /** @type {Array<{ entity_ref: string, title: string | null, owner_ref: string | null, name_sort: string | null, owner_sort: string | null }>} */
    const rows = await tx('service_coverage').select(
      'entity_ref',
      'title',
      'owner_ref',
      'name_sort',
      'owner_sort',
    );
    for (const row of rows) {
      const nameSort = sortTextOf(
        row.title?.trim() ? row.title : nameOfRef(row.entity_ref),
      );
      const ownerSort = row.owner_ref
        ? sortTextOf(nameOfRef(row.owner_ref))
        : null;
      if (row.name_sort === nameSort && row.owner_sort === ownerSort) continue;
      await tx('service_coverage')
        .where({ entity_ref: row.entity_ref })
        .update({ name_sort: nameSort, owner_sort: ownerSort });
    }
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('team_sort_names');
  await knex.schema.alterTable('service_coverage', table => {
    table.dropIndex([], 'service_coverage_name_sort_idx');
    table.dropIndex([], 'service_coverage_owner_sort_idx');
  });
  await knex.schema.alterTable('service_coverage', table => {
    table.dropColumn('name_sort');
    table.dropColumn('owner_sort');
  });
};
