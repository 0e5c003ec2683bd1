/**
 * Where an ownership record applies, from the widest to the narrowest.
 * Clusters and environments are identified by name, Systems and Components
 * by entity ref.
 *
 * @public
 */
export type OwnershipScopeKind =
  | 'environment'
  | 'cluster'
  | 'system'
  | 'component';

/**
 * @public
 */
export const OWNERSHIP_SCOPE_KINDS: readonly OwnershipScopeKind[] = [
  'environment',
  'cluster',
  'system',
  'component',
];

/**
 * What the owner does for the layer or capability.
 *
 * @public
 */
export type OwnershipResponsibility = 'operates' | 'supports' | 'consumes';

/**
 * @public
 */
export const OWNERSHIP_RESPONSIBILITIES: readonly OwnershipResponsibility[] = [
  'operates',
  'supports',
  'consumes',
];

/**
 * @public
 */
export interface OwnershipScope {
  kind: OwnershipScopeKind;
  /** A name for clusters and environments, a full entity ref otherwise. */
  ref: string;
}

/**
 * Who owns a layer, or one capability of it, for a scope.
 *
 * @public
 */
export interface LayerOwnership {
  id: string;
  scope: OwnershipScope;
  layer: number;
  /** Set when the record is about one capability rather than the whole layer. */
  capability?: string;
  /** A Group entity ref. */
  owner: string;
  responsibility: OwnershipResponsibility;
  note?: string;
  link?: string;
  /** Starts at 1, grows with every update; writes must name the version they change. */
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

/**
 * The fields a caller sets on an ownership record.
 *
 * @public
 */
export type LayerOwnershipInput = Pick<
  LayerOwnership,
  'scope' | 'owner' | 'responsibility' | 'note' | 'link'
> & { layer?: number; capability?: string };

/**
 * One change to an ownership record, as kept in its history.
 *
 * @public
 */
export interface OwnershipChange {
  id: number;
  ownershipId: string;
  action: 'create' | 'update' | 'delete';
  actor: string;
  at: string;
  before?: LayerOwnership;
  after?: LayerOwnership;
}
