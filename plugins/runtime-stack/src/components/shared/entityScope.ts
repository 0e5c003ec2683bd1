import { parseEntityRef } from '@backstage/catalog-model';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { runtimeStackTranslationRef } from '../../translation';

/** The scopes a Runtime stack tab edits: a Component's own, or a System's. */
export type EntityScopeKind = 'component' | 'system';

/** Whether records and exemptions made on this entity's tab are the System's or the component's. */
export const scopeKindOf = (entityRef: string): EntityScopeKind =>
  parseEntityRef(entityRef).kind.toLocaleLowerCase('en-US') === 'system'
    ? 'system'
    : 'component';

/** The entity a tab is about, in the words its texts use. */
export function useScopeNoun(): (entityRef: string) => string {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  return entityRef =>
    scopeKindOf(entityRef) === 'system'
      ? t('scope.system')
      : t('scope.component');
}
