import { ConflictError } from '@backstage/errors';
import type {
  LayerOwnership,
  OwnershipAssignment,
  OwnershipChange,
  OwnershipScope,
} from '@internal/backstage-plugin-runtime-stack-common';

export type { OwnershipAssignment };

/**
 * What a list of ownership records is narrowed to; the permission rules
 * translate a user's claims into one.
 *
 * @public
 */
export interface OwnershipFilter {
  scopeKind?: OwnershipScope['kind'];
  scopeRefs?: string[];
  layer?: number;
  capability?: string;
  owners?: string[];
}

/** A row's position in a list's order: its sort columns' values. */
export type SortKey = (string | number)[];

/**
 * Where a page starts: after a number of rows, or after the row with this
 * sort key. The key is for walking a long list: the database seeks to it on
 * the index, where an offset makes it step over every row before.
 */
export type Page = { limit: number } & (
  | { offset: number }
  | { after: SortKey }
);

export interface PageOf<T> {
  items: T[];
  /** Every row the filter matches; counted for offset pages only. */
  totalCount?: number;
  /** The last item's sort key, when more rows follow it. */
  next?: SortKey;
}

/** Layer ownership records and their history. */
export interface OwnershipStore {
  list(filter: OwnershipFilter, page: Page): Promise<PageOf<LayerOwnership>>;
  get(id: string): Promise<LayerOwnership | undefined>;
  /** Every record whose scope is one of these, for effective ownership. */
  findForScopes(scopes: OwnershipScope[]): Promise<LayerOwnership[]>;
  create(
    assignment: OwnershipAssignment,
    actor: string,
  ): Promise<LayerOwnership>;
  /** Fails with a ConflictError, changing nothing, unless `expectedVersion` is current. */
  update(
    id: string,
    expectedVersion: number,
    assignment: OwnershipAssignment,
    actor: string,
  ): Promise<LayerOwnership>;
  /** Fails with a ConflictError, changing nothing, unless `expectedVersion` is current. */
  delete(
    id: string,
    expectedVersion: number,
    actor: string,
  ): Promise<LayerOwnership>;
  history(
    filter: { ownershipId?: string; scopeRefs?: string[] },
    page: Page,
  ): Promise<PageOf<OwnershipChange>>;
}

/** The 409 of a change made against a version the record has left. */
export function staleVersionError(
  current: LayerOwnership,
  expectedVersion: number,
): ConflictError {
  return new ConflictError(
    `Ownership record '${current.id}' was changed by ${current.updatedBy} at ${current.updatedAt}: it is at version ${current.version}, not ${expectedVersion}. Reload it and apply your change again.`,
  );
}
