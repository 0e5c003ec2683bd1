import type {
  CapabilityCoverage,
  EntityCoverage,
} from '@internal/backstage-plugin-runtime-stack-common';
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { chunksOf } from '../database/chunksOf';
import { serializeTransaction } from '../database/serializeTransaction';
import { insertInBatches, isSqlite } from '../database/insertInBatches';
import { ownerSortTextOf, serviceSortTextOf } from '../scorecards/sortText';

// Coverage writes wait for one another: two evaluations of the same service
// (a page view and a scheduled run, or two replicas) would otherwise both
// read its rows as absent and both insert them. The key names these writes
// among the database's advisory locks ('RSCV').
export const COVERAGE_WRITE_LOCK = 0x52_53_43_56;

/** What the evaluation knows about an entity beyond its coverage. */
export interface CoverageRecord {
  coverage: EntityCoverage;
  systemRef?: string;
  ownerRef?: string;
  lifecycle?: string;
  /** The entity's `metadata.title`, which the services search matches too. */
  title?: string;
  /**
   * The coverage stored before this evaluation, where the evaluation read it
   * (a source of evidence failed); null when none was stored. Not stored.
   */
  storedBefore?: EntityCoverage | null;
}

type SummaryRow = {
  entity_ref: string;
  system_ref: string | null;
  owner_ref: string | null;
  profile_id: string;
  required: number;
  covered: number;
  partial: number;
  ratio: number;
  gap_count: number;
  exempt_count: number;
  lifecycle: string | null;
  title: string | null;
  search_text: string;
  name_sort: string;
  owner_sort: string | null;
  evaluated_at: Date | string;
  document: string;
};

/** PostgreSQL types of the per-capability tables' columns, to insert them as arrays. */
const ARRAY_COLUMNS: Record<string, Record<string, string>> = {
  capability_coverage: {
    entity_ref: 'text',
    capability: 'text',
    layer: 'integer',
    requirement: 'text',
    status: 'text',
    tools: 'text',
  },
  layer_coverage: {
    entity_ref: 'text',
    layer: 'integer',
    required: 'integer',
    covered: 'integer',
    partial: 'integer',
  },
  capability_tool_usage: {
    entity_ref: 'text',
    capability: 'text',
    tool: 'text',
    confirmed: 'boolean',
  },
};

/**
 * Characters of `spec.lifecycle` kept: its column is text, but PostgreSQL's
 * index on it takes no entry over 2,704 bytes (512 characters are at most
 * 2,048 bytes in UTF-8).
 */
const MAX_LIFECYCLE = 512;

/**
 * What the services search matches, lowercased here: SQLite's lower() and
 * LIKE fold ASCII letters only, so 'über' would not find "Über Service".
 * A newline between ref and title, which no search box holds, so no search
 * matches across the two. The migration that added the column fills it
 * alike.
 */
const searchTextOf = (entityRef: string, title: string | undefined) =>
  `${entityRef}\n${title ?? ''}`.toLocaleLowerCase('en-US');

/**
 * The record's summary row; `groupSortTexts` are the sort texts of the
 * Groups among the owners, from the last evaluation's read of the catalog.
 */
const toSummaryRow = (
  { coverage, systemRef, ownerRef, lifecycle, title }: CoverageRecord,
  groupSortTexts: ReadonlyMap<string, string>,
): SummaryRow => ({
  entity_ref: coverage.entityRef,
  system_ref: systemRef ?? null,
  owner_ref: ownerRef ?? null,
  profile_id: coverage.profile.id,
  required: coverage.overall.required,
  covered: coverage.overall.covered,
  partial: coverage.overall.partial,
  ratio: coverage.overall.ratio,
  gap_count: coverage.gaps.length,
  exempt_count: coverage.capabilities.filter(
    c => c.requirement === 'required' && c.status === 'exempt',
  ).length,
  lifecycle: lifecycle === undefined ? null : lifecycle.slice(0, MAX_LIFECYCLE),
  title: title ?? null,
  search_text: searchTextOf(coverage.entityRef, title),
  // What the services table sorts by: what it shows.
  name_sort: serviceSortTextOf(coverage.entityRef, title),
  owner_sort: ownerSortTextOf(ownerRef, groupSortTexts),
  evaluated_at: new Date(coverage.evaluatedAt),
  // Owners change between evaluations; they are put on at read time.
  document: JSON.stringify({
    ...coverage,
    capabilities: coverage.capabilities.map(({ owners: _, ...c }) => c),
    gaps: coverage.gaps.map(({ owners: _, ...c }) => c),
  }),
});

const toCapabilityRows = (coverage: EntityCoverage) =>
  coverage.capabilities.map(c => ({
    entity_ref: coverage.entityRef,
    capability: c.capability,
    layer: c.layer,
    requirement: c.requirement,
    status: c.status,
    tools: c.tools.join(','),
  }));

const toLayerRows = (coverage: EntityCoverage) =>
  coverage.layers.map(l => ({
    entity_ref: coverage.entityRef,
    layer: l.layer,
    required: l.required,
    covered: l.covered,
    partial: l.partial,
  }));

const toToolRows = (coverage: EntityCoverage) =>
  coverage.capabilities.flatMap(c =>
    c.tools.map(tool => ({
      entity_ref: coverage.entityRef,
      capability: c.capability,
      tool,
      confirmed: !c.unconfirmedTools?.includes(tool),
    })),
  );

const digestOf = (rows: object) =>
  createHash('sha256').update(JSON.stringify(rows)).digest('hex');

// Children first when deleting, parents first when inserting.
const CHILD_TABLES = [
  'capability_coverage',
  'layer_coverage',
  'capability_tool_usage',
];

/**
 * Evaluated coverage per entity: the whole answer for the entity page, and a
 * row per capability for questions across services.
 */
export class CoverageStore {
  constructor(
    private readonly knex: Knex,
    private readonly options: {
      /**
       * Called once the records whose statuses, tools or counts changed
       * are stored: most evaluations change the evidence alone.
       */
      onChanged?: (changed: CoverageRecord[]) => Promise<void>;
    } = {},
  ) {}

  /**
   * Replaces the stored coverage of these entities. The per-capability,
   * per-layer and tool rows of an entity are rewritten only when they differ
   * from those last written: most evaluations change the evidence, not them.
   * Returns the records whose rows changed.
   */
  async put(records: CoverageRecord[]): Promise<CoverageRecord[]> {
    if (records.length === 0) return [];
    const written = records.map(record => {
      const rows = {
        capabilities: toCapabilityRows(record.coverage),
        layers: toLayerRows(record.coverage),
        tools: toToolRows(record.coverage),
      };
      return { record, rows, digest: digestOf(rows) };
    });
    const changed = await this.knex.transaction(async tx => {
      await serializeTransaction(tx, COVERAGE_WRITE_LOCK);
      const before = await this.rowsDigests(
        tx,
        records.map(r => r.coverage.entityRef),
      );
      const rewritten = written.filter(
        w => before.get(w.record.coverage.entityRef) !== w.digest,
      );
      await this.deleteRefs(
        tx,
        rewritten.map(w => w.record.coverage.entityRef),
        { keepSummaries: true },
      );
      // Read under the lock, which the closure's replacement takes too.
      const groupSortTexts = await this.groupSortTexts(
        tx,
        records.flatMap(r => (r.ownerRef ? [r.ownerRef] : [])),
      );
      await insertInBatches(
        tx,
        'service_coverage',
        written.map(w => ({
          ...toSummaryRow(w.record, groupSortTexts),
          rows_digest: w.digest,
        })),
        { mergeOn: ['entity_ref'] },
      );
      await insertRows(
        tx,
        'capability_coverage',
        rewritten.flatMap(w => w.rows.capabilities),
      );
      await insertRows(
        tx,
        'layer_coverage',
        rewritten.flatMap(w => w.rows.layers),
      );
      await insertRows(
        tx,
        'capability_tool_usage',
        rewritten.flatMap(w => w.rows.tools),
      );
      return rewritten.map(w => w.record);
    });
    if (changed.length > 0) await this.options.onChanged?.(changed);
    return changed;
  }

  /**
   * The sort texts of the Groups among these owners, as the last
   * evaluation stored them with the team closure.
   */
  private async groupSortTexts(
    tx: Knex.Transaction,
    ownerRefs: string[],
  ): Promise<Map<string, string>> {
    const result = new Map<string, string>();
    for (const chunk of chunksOf([...new Set(ownerRefs)])) {
      const rows: Array<{ team_ref: string; sort_name: string }> = await tx(
        'team_sort_names',
      )
        .whereIn('team_ref', chunk)
        .select('team_ref', 'sort_name');
      for (const row of rows) result.set(row.team_ref, row.sort_name);
    }
    return result;
  }

  private async rowsDigests(
    tx: Knex.Transaction,
    entityRefs: string[],
  ): Promise<Map<string, string | null>> {
    const result = new Map<string, string | null>();
    for (const chunk of chunksOf(entityRefs)) {
      const rows: Array<{ entity_ref: string; rows_digest: string | null }> =
        await tx('service_coverage')
          .whereIn('entity_ref', chunk)
          .select('entity_ref', 'rows_digest');
      for (const row of rows) result.set(row.entity_ref, row.rows_digest);
    }
    return result;
  }

  async get(entityRef: string): Promise<EntityCoverage | undefined> {
    const row = await this.knex<SummaryRow>('service_coverage')
      .where({ entity_ref: entityRef })
      .first('document');
    return row ? (JSON.parse(row.document) as EntityCoverage) : undefined;
  }

  /** The stored coverage of the given entities; unevaluated ones are absent. */
  async getMany(entityRefs: string[]): Promise<EntityCoverage[]> {
    const result: EntityCoverage[] = [];
    for (const chunk of chunksOf(entityRefs)) {
      const rows: Array<Pick<SummaryRow, 'document'>> = await this.knex(
        'service_coverage',
      )
        .whereIn('entity_ref', chunk)
        .select('document');
      result.push(...rows.map(r => JSON.parse(r.document) as EntityCoverage));
    }
    return result;
  }

  /**
   * The stored status of each required capability of these entities, by
   * entity ref then capability; what the next evaluation is compared with.
   */
  async requiredStatuses(
    entityRefs: string[],
  ): Promise<Map<string, Map<string, CapabilityCoverage['status']>>> {
    const result = new Map<string, Map<string, CapabilityCoverage['status']>>();
    for (const chunk of chunksOf(entityRefs)) {
      const rows: Array<{
        entity_ref: string;
        capability: string;
        status: CapabilityCoverage['status'];
      }> = await this.knex('capability_coverage')
        .whereIn('entity_ref', chunk)
        .where({ requirement: 'required' })
        .select('entity_ref', 'capability', 'status');
      for (const row of rows) {
        const statuses = result.get(row.entity_ref) ?? new Map();
        statuses.set(row.capability, row.status);
        result.set(row.entity_ref, statuses);
      }
    }
    return result;
  }

  /** Every stored entity ref, to prune those the catalog no longer has. */
  async entityRefs(): Promise<string[]> {
    const rows: Array<{ entity_ref: string }> = await this.knex(
      'service_coverage',
    ).select('entity_ref');
    return rows.map(r => r.entity_ref);
  }

  async remove(entityRefs: string[]): Promise<void> {
    if (entityRefs.length === 0) return;
    await this.knex.transaction(async tx => {
      await serializeTransaction(tx, COVERAGE_WRITE_LOCK);
      await this.deleteRefs(tx, entityRefs);
    });
  }

  // Explicit, so SQLite without foreign-key enforcement leaves no orphans.
  private async deleteRefs(
    tx: Knex.Transaction,
    refs: string[],
    { keepSummaries = false } = {},
  ) {
    for (const batch of chunksOf(refs)) {
      for (const table of CHILD_TABLES) {
        await tx(table).whereIn('entity_ref', batch).delete();
      }
      if (!keepSummaries) {
        await tx('service_coverage').whereIn('entity_ref', batch).delete();
      }
    }
  }
}

async function insertRows(
  tx: Knex.Transaction,
  table: string,
  rows: Array<Record<string, unknown>>,
) {
  if (rows.length === 0) return;
  const types = ARRAY_COLUMNS[table];
  if (types && !isSqlite(tx)) {
    // One array per column: PostgreSQL gets a statement of a few
    // parameters, however many rows, instead of six per row to parse.
    const columns = Object.keys(types);
    await tx.raw(
      `insert into ?? (${columns
        .map(() => '??')
        .join(', ')}) select * from unnest(${columns
        .map(column => `?::${types[column]}[]`)
        .join(', ')})`,
      [
        table,
        ...columns,
        ...columns.map(column => rows.map(r => r[column]) as Knex.Value),
      ],
    );
    return;
  }
  await insertInBatches(tx, table, rows);
}
