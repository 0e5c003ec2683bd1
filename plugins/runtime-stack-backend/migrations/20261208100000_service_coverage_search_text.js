// @ts-check

/**
 * Outside knex's transaction for the down step: SQLite drops a column by
 * building the table anew, and only outside one does knex stop foreign keys
 * from deleting, with the old table, every row that refers to it. The up
 * step opens a transaction of its own.
 */
exports.config = { transaction: false };

/**
 * As CoverageStore writes it: the ref and the title, lowercased by
 * JavaScript, with a newline between them that no search box holds, so no
 * search matches across the two.
 *
 * @param {string} entityRef
 * @param {string | null} title
 */
const searchTextOf = (entityRef, title) =>
  `${entityRef}\n${title ?? ''}`.toLocaleLowerCase('en-US');

/**
 * The services search matched `lower(entity_ref)` and `lower(title)`, but
 * SQLite's lower() and LIKE fold ASCII letters only (PostgreSQL's too under
 * the C locale): 'über' did not find "Über Service". The store now writes
 * the text search matches, lowercased in JavaScript. Rows stored before are
 * filled here: by lower() in one statement, which is right for ASCII, then
 * in JavaScript those whose title has any other character.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  // One transaction: a failure half-way leaves no column behind to make
  // the next attempt fail.
  await knex.transaction(async tx => {
    await tx.schema.alterTable('service_coverage', table => {
      table
        .text('search_text')
        .nullable()
        .comment(
          'entity_ref and metadata.title, lowercased, for the services search',
        );
    });
    await tx('service_coverage').update({
      search_text: tx.raw(`lower(entity_ref || ? || coalesce(title, ''))`, [
        '\n',
      ]),
    });
    /** @type {Array<{ entity_ref: string, title: string }>} */
    const titled = await tx('service_coverage')
      .whereNotNull('title')
      .select('entity_ref', 'title');
    for (const row of titled) {
      // eslint-disable-next-line no-control-regex
      if (/^[\x00-\x7f]*$/.test(row.title)) continue;
      await tx('service_coverage')
        .where({ entity_ref: row.entity_ref })
        .update({ search_text: searchTextOf(row.entity_ref, row.title) });
    }
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('service_coverage', table => {
    table.dropColumn('search_text');
  });
};
