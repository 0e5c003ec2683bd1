import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/**
 * The stored scope refs that a ref given without its scope kind may stand
 * for: the ref as given (a cluster or environment name, or a full entity
 * ref), and the full ref of the Component and the System it names, so a
 * filter on `payments-api` finds what a create stored as
 * `component:default/payments-api`.
 */
export function scopeRefsFor(ref: string): string[] {
  const refs = new Set([ref]);
  for (const defaultKind of ['component', 'system']) {
    try {
      refs.add(
        stringifyEntityRef(
          parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' }),
        ),
      );
    } catch {
      // Not an entity ref: only the ref as given can match.
    }
  }
  return [...refs];
}
