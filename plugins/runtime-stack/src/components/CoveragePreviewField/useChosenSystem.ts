import type { Entity } from '@backstage/catalog-model';
import { useApiHolder } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { fullRefOfKind } from '../shared/fullRefOfKind';

/** The System a form names, as a full ref; undefined when it names none or garbage. */
export const systemRefOf = (system: string | undefined): string | undefined =>
  fullRefOfKind(system, 'system');

/** What the catalog answered for one System: null when it has none such. */
interface SystemRead {
  ref: string;
  entity?: Entity | null;
  error?: Error;
}

/**
 * The System the form names, read from the catalog: the entity page
 * completes a service's declarations with its System's, so the preview
 * does too. `missing` when the catalog has no such System; nothing is
 * asked without a catalog API (a form outside a full app).
 */
export function useChosenSystem(system: string | undefined): {
  ref?: string;
  loading: boolean;
  value?: Entity;
  missing?: boolean;
  error?: Error;
} {
  const catalogApi = useApiHolder().get(catalogApiRef);
  const ref = systemRefOf(system);
  // Each answer names the System it is of: react-use keeps the last answer
  // while the next System is read, and the preview would count the previous
  // System's declarations for the one now chosen.
  const read = useAsync(async (): Promise<SystemRead | undefined> => {
    if (!catalogApi || !ref) return undefined;
    try {
      return { ref, entity: (await catalogApi.getEntityByRef(ref)) ?? null };
    } catch (error) {
      return { ref, error: error as Error };
    }
  }, [catalogApi, ref]);
  if (!ref) return { loading: false };
  if (!catalogApi) return { ref, loading: false };
  const answer = read.value?.ref === ref ? read.value : undefined;
  if (!answer) return { ref, loading: true };
  return {
    ref,
    loading: false,
    ...(answer.error ? { error: answer.error } : {}),
    ...(answer.entity ? { value: answer.entity } : {}),
    ...(answer.entity === null ? { missing: true } : {}),
  };
}
