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
}

/**
 * @public
 */
export interface EffectiveCapabilityOwnership {
  layer: number;
  capability: string;
  /** One entry per responsibility, several when scopes of equal rank disagree. */
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
