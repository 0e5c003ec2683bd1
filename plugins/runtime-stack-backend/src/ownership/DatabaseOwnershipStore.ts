import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import type {
  LayerOwnership,
  OwnershipChange,
  OwnershipScope,
} from '@internal/backstage-plugin-runtime-stack-common';
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { z } from 'zod';
import type {
  OwnershipAssignment,
  OwnershipFilter,
  OwnershipStore,
  Page,
  PageOf,
  SortKey,
} from './OwnershipStore';
import { staleVersionError } from './OwnershipStore';
import { INTEGER_COLUMN_MAX } from '../database/integerColumn';
import { isUniqueViolation } from '../database/isUniqueViolation';
import { serializeTransaction } from '../database/serializeTransaction';

const OWNERSHIP = 'layer_ownership';
const HISTORY = 'layer_ownership_history';
const WHOLE_LAYER = '*';
/** Advisory lock of the writes that look for a record differing in case. */
const OWNERSHIP_WRITE_LOCK = 0x52_53_4f_57;

/**
 * Scope refs as the catalog compares entity refs: regardless of case. New
 * refs are written in lower case, but a record stored before may keep
 * `component:default/Payments-API`, which is the entity `payments-api`'s.
 * Cluster and environment names are lower case already. Matched by `lower()`
 * on both sides, which the scope ref indexes are built on.
 */
function whereScopeRefIn(
  builder: Knex.QueryBuilder,
  column: 'scope_ref' | 'before_scope_ref',
  refs: string[],
) {
  if (refs.length === 0) {
    return builder.whereRaw('1 = 0');
  }
  return builder.whereRaw(
    `lower(??) in (${refs.map(() => 'lower(?)').join(', ')})`,
    [column, ...refs],
  );
}

const scopeKey = (scope: OwnershipScope) =>
  `${scope.kind}\u0000${scope.ref.toLocaleLowerCase('en-US')}`;

type OwnershipRow = {
  id: string;
  scope_kind: string;
  scope_ref: string;
  layer: number;
  capability: string | null;
  target_key: string;
  owner_ref: string;
  responsibility: string;
  note: string | null;
  link: string | null;
  version: number;
  created_at: Date | string | number;
  created_by: string;
  updated_at: Date | string | number;
  updated_by: string;
};

type HistoryRow = {
  id: number | string;
  ownership_id: string;
  action: string;
  actor: string;
  at: Date | string | number;
  before: string | null;
  after: string | null;
  before_scope_ref: string | null;
};

// PostgreSQL returns Date objects, SQLite the epoch milliseconds it was given.
const toIso = (value: Date | string | number) => new Date(value).toISOString();

function toOwnership(row: OwnershipRow): LayerOwnership {
  return {
    id: row.id,
    scope: {
      kind: row.scope_kind as OwnershipScope['kind'],
      ref: row.scope_ref,
    },
    layer: Number(row.layer),
    ...(row.capability ? { capability: row.capability } : {}),
    owner: row.owner_ref,
    responsibility: row.responsibility as LayerOwnership['responsibility'],
    ...(row.note ? { note: row.note } : {}),
    ...(row.link ? { link: row.link } : {}),
    version: Number(row.version),
    createdAt: toIso(row.created_at),
    createdBy: row.created_by,
    updatedAt: toIso(row.updated_at),
    updatedBy: row.updated_by,
  };
}

function toChange(row: HistoryRow): OwnershipChange {
  return {
    id: Number(row.id),
    ownershipId: row.ownership_id,
    action: row.action as OwnershipChange['action'],
    actor: row.actor,
    at: toIso(row.at),
    ...(row.before ? { before: JSON.parse(row.before) } : {}),
    ...(row.after ? { after: JSON.parse(row.after) } : {}),
  };
}

function assignmentColumns(assignment: OwnershipAssignment) {
  return {
    scope_kind: assignment.scope.kind,
    scope_ref: assignment.scope.ref,
    layer: assignment.layer,
    capability: assignment.capability ?? null,
    target_key: assignment.capability ?? WHOLE_LAYER,
    owner_ref: assignment.owner,
    responsibility: assignment.responsibility,
    note: assignment.note ?? null,
    link: assignment.link ?? null,
  };
}

function describeAssignment(a: OwnershipAssignment): string {
  const target = a.capability
    ? `capability '${a.capability}'`
    : `layer ${a.layer}`;
  return `${a.responsibility} of ${target} for ${a.scope.kind} '${a.scope.ref}'`;
}

/** A list's order, by columns whose values identify a row. */
interface Keyset<Row> {
  columns: (keyof Row & string)[];
  direction: 'asc' | 'desc';
  keyOf(row: Row): SortKey;
  /** The columns' types, to refuse a key from another list before the database does. */
  key: z.ZodType<SortKey>;
}

/**
 * A cursor's key values as the database can compare them with a column's:
 * a NUL character or an integer past an `integer` column's range is an
 * error there (22021, 22003), where a value no row has is only no match.
 */
const keyText = z.string().refine(s => !s.includes('\u0000'));
const keyInteger = z.number().int().min(0).max(INTEGER_COLUMN_MAX);

const ownershipOrder: Keyset<OwnershipRow> = {
  // The unique key's columns, so pages come straight off its index.
  columns: ['scope_kind', 'scope_ref', 'layer', 'target_key', 'responsibility'],
  direction: 'asc',
  keyOf: row => [
    row.scope_kind,
    row.scope_ref,
    Number(row.layer),
    row.target_key,
    row.responsibility,
  ],
  key: z.tuple([keyText, keyText, keyInteger, keyText, keyText]),
};

const historyOrder: Keyset<HistoryRow> = {
  columns: ['id'],
  direction: 'desc',
  keyOf: row => [Number(row.id)],
  // A bigint column: any safe integer compares.
  key: z.tuple([z.number().int()]),
};

/**
 * One page of a query's rows. Offset pages also count all of them; key pages
 * do not, since counting is the cost a walk through a long list avoids.
 */
async function paginate<Row extends {}, T>(
  query: Knex.QueryBuilder<Row>,
  order: Keyset<Row>,
  page: Page,
  toItem: (row: Row) => T,
): Promise<PageOf<T>> {
  const rows = query
    .clone()
    .select('*')
    .orderBy(order.columns.map(column => ({ column, order: order.direction })))
    // One more than the page, to know whether another follows.
    .limit(page.limit + 1);
  if ('after' in page) {
    if (!order.key.safeParse(page.after).success) {
      throw new InputError(
        'Invalid cursor: it is not a position in this list; start again without it',
      );
    }
    const placeholders = order.columns.map(() => '?').join(', ');
    rows.whereRaw(
      `(${order.columns.join(', ')}) ${
        order.direction === 'asc' ? '>' : '<'
      } (${placeholders})`,
      page.after,
    );
  } else {
    rows.offset(page.offset);
  }
  const [found, total] = await Promise.all([
    rows,
    'after' in page ? undefined : query.clone().count({ count: '*' }),
  ]);
  const items = (found as Row[]).slice(0, page.limit);
  return {
    items: items.map(toItem),
    ...(total ? { totalCount: Number(total[0].count) } : {}),
    ...((found as Row[]).length > page.limit
      ? { next: order.keyOf(items[items.length - 1]) }
      : {}),
  };
}

/** {@link OwnershipStore} on the plugin's knex database (SQLite or PostgreSQL). */
export class DatabaseOwnershipStore implements OwnershipStore {
  constructor(private readonly knex: Knex) {}

  async list(
    filter: OwnershipFilter,
    page: Page,
  ): Promise<PageOf<LayerOwnership>> {
    const query = this.knex<OwnershipRow>(OWNERSHIP).where(builder => {
      if (filter.scopeKind) builder.where('scope_kind', filter.scopeKind);
      if (filter.scopeRefs) {
        whereScopeRefIn(builder, 'scope_ref', filter.scopeRefs);
      }
      if (filter.layer !== undefined) builder.where('layer', filter.layer);
      if (filter.capability) builder.where('capability', filter.capability);
      if (filter.owners) builder.whereIn('owner_ref', filter.owners);
    });
    return paginate(query, ownershipOrder, page, toOwnership);
  }

  async get(id: string): Promise<LayerOwnership | undefined> {
    const row = await this.knex<OwnershipRow>(OWNERSHIP).where({ id }).first();
    return row ? toOwnership(row) : undefined;
  }

  async findForScopes(scopes: OwnershipScope[]): Promise<LayerOwnership[]> {
    if (scopes.length === 0) {
      return [];
    }
    const rows: OwnershipRow[] = await whereScopeRefIn(
      this.knex<OwnershipRow>(OWNERSHIP),
      'scope_ref',
      scopes.map(s => s.ref),
    ).orderBy(['layer', 'target_key', 'responsibility']);
    const wanted = new Set(scopes.map(scopeKey));
    return rows
      .map(toOwnership)
      .filter(record => wanted.has(scopeKey(record.scope)));
  }

  async create(
    assignment: OwnershipAssignment,
    actor: string,
  ): Promise<LayerOwnership> {
    const now = new Date();
    const row = {
      id: randomUUID(),
      ...assignmentColumns(assignment),
      version: 1,
      created_at: now,
      created_by: actor,
      updated_at: now,
      updated_by: actor,
    };
    try {
      return await this.knex.transaction(async tx => {
        await serializeTransaction(tx, OWNERSHIP_WRITE_LOCK);
        await this.refuseCaseVariant(tx, assignment);
        await tx(OWNERSHIP).insert(row);
        const created = toOwnership(
          (await tx<OwnershipRow>(OWNERSHIP).where({ id: row.id }).first())!,
        );
        await this.recordChange(tx, 'create', actor, undefined, created);
        return created;
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(
          `An ownership record for ${describeAssignment(
            assignment,
          )} already exists; update that one instead`,
        );
      }
      throw error;
    }
  }

  async update(
    id: string,
    expectedVersion: number,
    assignment: OwnershipAssignment,
    actor: string,
  ): Promise<LayerOwnership> {
    try {
      return await this.knex.transaction(async tx => {
        await serializeTransaction(tx, OWNERSHIP_WRITE_LOCK);
        const before = await this.currentVersion(tx, id, expectedVersion);
        await this.refuseCaseVariant(tx, assignment, before);
        const changed = await tx(OWNERSHIP)
          .where({ id, version: expectedVersion })
          .update({
            ...assignmentColumns(assignment),
            version: expectedVersion + 1,
            updated_at: new Date(),
            updated_by: actor,
          });
        if (changed !== 1) {
          throw staleVersionError(before, expectedVersion);
        }
        const after = toOwnership(
          (await tx<OwnershipRow>(OWNERSHIP).where({ id }).first())!,
        );
        await this.recordChange(tx, 'update', actor, before, after);
        return after;
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(
          `Another ownership record for ${describeAssignment(
            assignment,
          )} already exists`,
        );
      }
      throw error;
    }
  }

  async delete(
    id: string,
    expectedVersion: number,
    actor: string,
  ): Promise<LayerOwnership> {
    return this.knex.transaction(async tx => {
      const before = await this.currentVersion(tx, id, expectedVersion);
      const deleted = await tx(OWNERSHIP)
        .where({ id, version: expectedVersion })
        .delete();
      if (deleted !== 1) {
        throw staleVersionError(before, expectedVersion);
      }
      await this.recordChange(tx, 'delete', actor, before, undefined);
      return before;
    });
  }

  async history(
    filter: { ownershipId?: string; scopeRefs?: string[] },
    page: Page,
  ): Promise<PageOf<OwnershipChange>> {
    const { ownershipId, scopeRefs } = filter;
    const query = this.knex<HistoryRow>(HISTORY).where(builder => {
      if (ownershipId) builder.where('ownership_id', ownershipId);
      // A change that moved a record belongs to the scope it left as much
      // as to the one it went to.
      if (scopeRefs) {
        builder.where(scope =>
          whereScopeRefIn(scope, 'scope_ref', scopeRefs).orWhere(before =>
            whereScopeRefIn(before, 'before_scope_ref', scopeRefs),
          ),
        );
      }
    });
    return paginate(query, historyOrder, page, toChange);
  }

  /**
   * Refuses a record whose scope ref differs only in case from one stored
   * for the same target and responsibility: the unique key compares refs
   * as they are, the catalog regardless of case. An update that keeps its
   * record's claim is not checked, so records stored so before the check
   * can still be edited until one of them is deleted.
   */
  private async refuseCaseVariant(
    tx: Knex.Transaction,
    assignment: OwnershipAssignment,
    existing?: LayerOwnership,
  ) {
    const columns = assignmentColumns(assignment);
    if (
      existing &&
      scopeKey(existing.scope) === scopeKey(assignment.scope) &&
      existing.layer === assignment.layer &&
      (existing.capability ?? WHOLE_LAYER) === columns.target_key &&
      existing.responsibility === assignment.responsibility
    ) {
      return;
    }
    const query = tx<OwnershipRow>(OWNERSHIP).where({
      scope_kind: columns.scope_kind,
      layer: columns.layer,
      target_key: columns.target_key,
      responsibility: columns.responsibility,
    });
    if (existing) query.whereNot('id', existing.id);
    const variant: OwnershipRow | undefined = await whereScopeRefIn(
      query,
      'scope_ref',
      [assignment.scope.ref],
    ).first();
    if (variant) {
      // Named only when spelled otherwise: an exact twin is the usual case.
      const as =
        variant.scope_ref === assignment.scope.ref
          ? ''
          : ` as '${variant.scope_ref}'`;
      throw new ConflictError(
        `An ownership record for ${describeAssignment(
          assignment,
        )} already exists${as}; update that one instead`,
      );
    }
  }

  /** The record as it is now, if `expectedVersion` is still its version. */
  private async currentVersion(
    tx: Knex.Transaction,
    id: string,
    expectedVersion: number,
  ): Promise<LayerOwnership> {
    const row = await tx<OwnershipRow>(OWNERSHIP).where({ id }).first();
    if (!row) {
      throw new NotFoundError(`No ownership record '${id}'`);
    }
    const current = toOwnership(row);
    if (current.version !== expectedVersion) {
      throw staleVersionError(current, expectedVersion);
    }
    return current;
  }

  /**
   * Filed under the record's scope after the change (before it, for a
   * delete) and the scope it had before: an update that moves the record
   * shows in the history of both.
   */
  private async recordChange(
    tx: Knex.Transaction,
    action: OwnershipChange['action'],
    actor: string,
    before: LayerOwnership | undefined,
    after: LayerOwnership | undefined,
  ) {
    const record = (after ?? before)!;
    await tx(HISTORY).insert({
      ownership_id: record.id,
      scope_kind: record.scope.kind,
      scope_ref: record.scope.ref,
      action,
      actor,
      at: new Date(),
      before: before ? JSON.stringify(before) : null,
      after: after ? JSON.stringify(after) : null,
      before_scope_ref: before?.scope.ref ?? null,
    });
  }
}
