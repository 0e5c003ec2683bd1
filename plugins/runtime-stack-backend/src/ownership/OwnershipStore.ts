import type {
  LayerOwnership,
  OwnershipAssignment,
  OwnershipChange,
  OwnershipScope,
} from '@internal/backstage-plugin-runtime-stack-common';

export type { OwnershipAssignment };

export interface OwnershipFilter {
  scopeKind?: OwnershipScope['kind'];
  scopeRefs?: string[];
  layer?: number;
  capability?: string;
  owners?: string[];
}

export interface Page {
  limit: number;
  offset: number;
}

export interface PageOf<T> {
  items: T[];
  totalCount: number;
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
    filter: { ownershipId?: string; scopeRef?: string },
    page: Page,
  ): Promise<PageOf<OwnershipChange>>;
}
