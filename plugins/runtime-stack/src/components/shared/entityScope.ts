import { parseEntityRef } from '@backstage/catalog-model';

/** The scopes a Runtime stack tab edits: a Component's own, or a System's. */
export type EntityScopeKind = 'component' | 'system';

/** Whether records and exemptions made on this entity's tab are the System's or the component's. */
export const scopeKindOf = (entityRef: string): EntityScopeKind =>
  parseEntityRef(entityRef).kind.toLocaleLowerCase('en-US') === 'system'
    ? 'system'
    : 'component';

/** The entity a tab is about, in the words its texts use. */
export const scopeNounOf = (entityRef: string) =>
  scopeKindOf(entityRef) === 'system' ? 'this System' : 'this component';
