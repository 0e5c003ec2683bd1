import type { Entity } from '@backstage/catalog-model';
import { useApiHolder } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { fullRefOfKind } from '../shared/fullRefOfKind';

/** The System a form names, as a full ref; undefined when it names none or garbage. */
export const systemRefOf = (system: string | undefined): string | undefined =>
  fullRefOfKind(system, 'system');

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
  const read = useAsync(async () => {
    if (!catalogApi || !ref) return undefined;
    return (await catalogApi.getEntityByRef(ref)) ?? null;
  }, [catalogApi, ref]);
  if (!ref) return { loading: false };
  return {
    ref,
    loading: read.loading,
    ...(read.error ? { error: read.error } : {}),
    ...(read.value ? { value: read.value } : {}),
    ...(read.value === null ? { missing: true } : {}),
  };
}
