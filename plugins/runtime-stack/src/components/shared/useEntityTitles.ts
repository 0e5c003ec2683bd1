import { parseEntityRef } from '@backstage/catalog-model';
import { useApiHolder } from '@backstage/frontend-plugin-api';
import {
  defaultEntityPresentation,
  entityPresentationApiRef,
} from '@backstage/plugin-catalog-react';
import { useCallback, useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';

/**
 * The kind a short title may leave out: `defaultKind` when given, else the
 * ref's own kind, so `system:default/payments` reads as `payments` until the
 * catalog gives its title.
 */
function contextOf(ref: string, defaultKind?: string) {
  if (defaultKind) return { defaultKind };
  try {
    return { defaultKind: parseEntityRef(ref).kind };
  } catch {
    return {};
  }
}

/**
 * Entities as the catalog names them (a group's profile display name, else
 * the entity's title, else its short ref), so an entity reads the same here
 * as on its own page: short refs until the catalog answers, or if it fails
 * to. `defaultKind` is the kind of refs written without one.
 */
export function useEntityTitles(
  refs: string[],
  defaultKind?: string,
): (ref: string) => string {
  const presentationApi = useApiHolder().get(entityPresentationApiRef);
  const key = refs.join('\n');
  const presentations = useMemo(
    () =>
      new Map(
        refs.map(ref => {
          const context = contextOf(ref, defaultKind);
          return [
            ref,
            presentationApi?.forEntity(ref, context) ?? {
              snapshot: defaultEntityPresentation(ref, context),
              promise: undefined,
            },
          ];
        }),
      ),
    // The refs as text: a new array of the same entities asks nothing new.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [presentationApi, key, defaultKind],
  );
  const loaded = useAsync(async () => {
    const entries = await Promise.all(
      [...presentations].map(async ([ref, p]) => {
        // A catalog that fails to answer leaves the short ref.
        const final = p.promise
          ? await p.promise.catch(() => p.snapshot)
          : p.snapshot;
        return [ref, final.primaryTitle] as const;
      }),
    );
    return new Map(entries);
  }, [presentations]);
  return useCallback(
    (ref: string) =>
      loaded.value?.get(ref) ??
      presentations.get(ref)?.snapshot.primaryTitle ??
      defaultEntityPresentation(ref, contextOf(ref, defaultKind)).primaryTitle,
    [loaded.value, presentations, defaultKind],
  );
}

/**
 * {@link useEntityTitles} for one entity. Takes no ref, for callers whose
 * subject is only sometimes an entity: hooks can't be called sometimes.
 */
export function useEntityTitle(ref: string, defaultKind?: string): string;
export function useEntityTitle(
  ref: string | undefined,
  defaultKind?: string,
): string | undefined;
export function useEntityTitle(
  ref: string | undefined,
  defaultKind?: string,
): string | undefined {
  const titleOf = useEntityTitles(ref === undefined ? [] : [ref], defaultKind);
  return ref === undefined ? undefined : titleOf(ref);
}
