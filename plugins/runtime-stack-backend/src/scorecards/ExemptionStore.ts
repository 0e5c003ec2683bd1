import { ConflictError, NotFoundError } from '@backstage/errors';
import type {
  CoverageExemption,
  Exemption,
  ExemptionInput,
} from '@internal/backstage-plugin-runtime-stack-common';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { chunksOf } from '../database/chunksOf';
import { isUniqueViolation } from '../database/isUniqueViolation';

type Row = {
  id: string;
  scope_kind: 'component' | 'system';
  scope_ref: string;
  capability: string;
  reason: string;
  expires_at: Date | string;
  requested_by: string;
  granted_by: string;
  created_at: Date | string;
};

const toExemption = (row: Row): Exemption => ({
  id: row.id,
  scope: { kind: row.scope_kind, ref: row.scope_ref },
  capability: row.capability,
  reason: row.reason,
  expiresAt: new Date(row.expires_at).toISOString(),
  requestedBy: row.requested_by,
  grantedBy: row.granted_by,
  createdAt: new Date(row.created_at).toISOString(),
});

/** Exemptions as the coverage engine takes them, by scope ref, soonest expiry first. */
function byScope(exemptions: Exemption[]): Map<string, CoverageExemption[]> {
  const result = new Map<string, CoverageExemption[]>();
  for (const e of exemptions) {
    const list = result.get(e.scope.ref) ?? [];
    list.push({
      capability: e.capability,
      reason: e.reason,
      expiresAt: e.expiresAt,
    });
    result.set(e.scope.ref, list);
  }
  return result;
}

const expiryOf = (e: CoverageExemption) =>
  e.expiresAt ? Date.parse(e.expiresAt) : Infinity;

/**
 * The exemptions of an entity and its System, soonest expiry first (the
 * entity's first where two expire at once), whichever way they were read.
 */
export function coverageExemptionsOf(
  exemptionsByScope: ReadonlyMap<string, CoverageExemption[]>,
  scopeRefs: string[],
): CoverageExemption[] {
  return scopeRefs
    .flatMap(ref => exemptionsByScope.get(ref) ?? [])
    .sort((a, b) => expiryOf(a) - expiryOf(b));
}

export interface ExemptionFilter {
  /** Refs, or a subquery selecting them. */
  scopeRefs?: string[] | Knex.QueryBuilder;
  expiringBefore?: Date;
  /** Only those whose owners have not been told they expire soon. */
  expiryNotNotified?: boolean;
}

const EXPIRY_ORDER = [
  { column: 'expires_at', order: 'asc' as const },
  { column: 'id', order: 'asc' as const },
];

/**
 * Exemptions of components and Systems. One per scope and capability; an
 * expired one is kept (the capability counts as missing again) until a new
 * one replaces it, or its scope leaves the catalog.
 */
export class ExemptionStore {
  constructor(
    private readonly knex: Knex,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(filter: ExemptionFilter = {}): Promise<Exemption[]> {
    const rows: Row[] = await this.matching(filter).orderBy(EXPIRY_ORDER);
    return rows.map(toExemption);
  }

  /** One page of {@link ExemptionStore.list}, soonest expiry first, with the total. */
  async page(
    filter: ExemptionFilter,
    page: { limit: number; offset: number },
  ): Promise<{ items: Exemption[]; totalCount: number }> {
    const [{ total }] = await this.matching(filter).count({ total: '*' });
    const rows: Row[] = await this.matching(filter)
      .orderBy(EXPIRY_ORDER)
      .limit(page.limit)
      .offset(page.offset);
    return { items: rows.map(toExemption), totalCount: Number(total) };
  }

  private matching(filter: ExemptionFilter) {
    const query = this.knex<Row>('coverage_exemptions');
    if (filter.scopeRefs) query.whereIn('scope_ref', filter.scopeRefs);
    if (filter.expiryNotNotified) query.whereNull('expiry_notified_at');
    if (filter.expiringBefore) {
      query
        .where('expires_at', '>', this.now())
        .andWhere('expires_at', '<=', filter.expiringBefore);
    }
    return query;
  }

  async get(id: string): Promise<Exemption | undefined> {
    const row = await this.knex<Row>('coverage_exemptions')
      .where({ id })
      .first();
    return row ? toExemption(row) : undefined;
  }

  /** What the coverage engine needs for an entity and its System. */
  async forCoverage(scopeRefs: string[]): Promise<CoverageExemption[]> {
    return coverageExemptionsOf(
      byScope(await this.list({ scopeRefs })),
      scopeRefs,
    );
  }

  /**
   * Every exemption, by scope ref, for `coverageExemptionsOf`: one read for
   * a whole evaluation run instead of one per service.
   */
  async byScope(): Promise<Map<string, CoverageExemption[]>> {
    return byScope(await this.list());
  }

  async create(
    input: ExemptionInput & { requestedBy: string },
    grantedBy: string,
  ): Promise<Exemption> {
    const now = this.now();
    try {
      return await this.createIn(input, grantedBy, now);
    } catch (error) {
      // Another grant of the same exemption committed between our read and
      // our insert.
      if (isUniqueViolation(error)) {
        throw new ConflictError(
          `${input.scope.ref} was just exempted from ${input.capability} by another request; reload to see it`,
        );
      }
      throw error;
    }
  }

  private createIn(
    input: ExemptionInput & { requestedBy: string },
    grantedBy: string,
    now: Date,
  ): Promise<Exemption> {
    return this.knex.transaction(async tx => {
      const existing = await tx<Row>('coverage_exemptions')
        .where({ scope_ref: input.scope.ref, capability: input.capability })
        .first();
      if (existing && new Date(existing.expires_at) > now) {
        throw new ConflictError(
          `${input.scope.ref} is already exempt from ${
            input.capability
          } until ${new Date(existing.expires_at).toISOString()} (exemption ${
            existing.id
          }); revoke it first`,
        );
      }
      if (existing) {
        await tx('coverage_exemptions').where({ id: existing.id }).delete();
      }
      const row: Row = {
        id: randomUUID(),
        scope_kind: input.scope.kind,
        scope_ref: input.scope.ref,
        capability: input.capability,
        reason: input.reason,
        expires_at: new Date(input.expiresAt),
        requested_by: input.requestedBy,
        granted_by: grantedBy,
        created_at: now,
      };
      await tx('coverage_exemptions').insert(row);
      return toExemption(row);
    });
  }

  async delete(id: string): Promise<Exemption> {
    const existing = await this.get(id);
    if (!existing) throw new NotFoundError(`No exemption '${id}'`);
    await this.knex('coverage_exemptions').where({ id }).delete();
    return existing;
  }

  /**
   * Removes the exemptions of `kind` scopes the catalog no longer has: those
   * outside `current`. Only those granted before `grantedBefore`, when
   * `current` was read, so one granted on a service registered since stays.
   * Returns what went.
   */
  async removeOutside(
    kind: 'component' | 'system',
    current: ReadonlySet<string>,
    grantedBefore: Date,
  ): Promise<Exemption[]> {
    const rows: Row[] = await this.knex<Row>('coverage_exemptions').where({
      scope_kind: kind,
    });
    const gone = rows.filter(
      row =>
        !current.has(row.scope_ref) && new Date(row.created_at) < grantedBefore,
    );
    for (const chunk of chunksOf(gone.map(row => row.id))) {
      await this.knex('coverage_exemptions').whereIn('id', chunk).delete();
    }
    return gone.map(toExemption);
  }

  async markExpiryNotified(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.knex('coverage_exemptions')
      .whereIn('id', ids)
      .update({ expiry_notified_at: this.now() });
  }
}
