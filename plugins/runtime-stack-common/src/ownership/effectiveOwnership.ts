import type { OwnershipResponsibility, OwnershipScopeKind } from './types';

/**
 * Where an effective owner comes from: a stored record of a scope, an owner
 * override annotation on the entity or its System, or the organisation
 * default in app-config.
 *
 * @public
 */
export interface OwnershipOrigin {
  kind: OwnershipScopeKind | 'organization';
  /** The scope's name or entity ref; `organization` for config defaults. */
  ref: string;
  source: 'store' | 'annotation' | 'config';
}

/**
 * @public
 */
export interface EffectiveOwner {
  owner: string;
  responsibility: OwnershipResponsibility;
  inheritedFrom: OwnershipOrigin;
  /** Whether the winning record names this capability or its whole layer. */
  via: 'capability' | 'layer';
  /** The stored record, when it comes from the store. */
  recordId?: string;
  version?: number;
  note?: string;
  link?: string;
  /**
   * The clusters, by name, this owner holds on when that is only some of
   * those the service runs on: below its System, each cluster inherits from
   * its own record, its environment or the organisation, and they may
   * differ. Absent when the owner holds wherever the service runs.
   */
  clusters?: string[];
}

/**
 * @public
 */
export interface EffectiveCapabilityOwnership {
  layer: number;
  capability: string;
  /**
   * One entry per responsibility, several when scopes of equal rank disagree
   * or the service's clusters have different owners.
   */
  owners: EffectiveOwner[];
}

/**
 * Effective ownership of every capability for one service or System.
 *
 * @public
 */
export interface EffectiveOwnership {
  entityRef: string;
  /** The scopes that were consulted, most specific first. */
  scopes: OwnershipOrigin[];
  capabilities: EffectiveCapabilityOwnership[];
}
