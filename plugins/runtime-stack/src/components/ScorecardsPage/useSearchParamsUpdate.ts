import { useAppSearchParams } from '@backstage/frontend-plugin-api';
import { useCallback, useEffect } from 'react';

/** New values of search parameters; undefined removes one. */
export type SearchParamChanges = Record<string, string | undefined>;

/**
 * The page's search parameters, and a function that changes some of them in
 * place. The changes of one event must go in one call: calls made before
 * the next render each start from the same parameters, and the last wins.
 */
export function useSearchParamsUpdate(): [
  URLSearchParams,
  (changes: SearchParamChanges) => void,
] {
  const [params, setParams] = useAppSearchParams();
  const update = useCallback(
    (changes: SearchParamChanges) =>
      setParams(
        previous => {
          const next = new URLSearchParams(previous);
          for (const [name, value] of Object.entries(changes)) {
            if (value === undefined) next.delete(name);
            else next.set(name, value);
          }
          return next;
        },
        // As the tabs do: the back button leaves the page, not the view.
        { replace: true },
      ),
    [setParams],
  );
  return [params, update];
}

/**
 * The parameters whose names start with `prefix`, as one string: what a
 * view reads from the address changes only when this does, not when
 * another tab's parameters do.
 */
export function paramsWithPrefix(
  params: URLSearchParams,
  prefix: string,
): string {
  return new URLSearchParams(
    [...params.entries()].filter(([name]) => name.startsWith(prefix)),
  ).toString();
}

/**
 * A page number as the address shows it, counting from 1, as a page index
 * counting from 0; 0 for anything else.
 */
export function pageIndexOf(value: string | null): number {
  if (value === null || !/^[1-9]\d{0,5}$/.test(value)) return 0;
  return Number(value) - 1;
}

/** A page index as the address shows it; the first page is left out. */
export const pageParamOf = (page: number) =>
  page > 0 ? String(page + 1) : undefined;

/**
 * The last page of `totalCount` rows, once known, and a page past it (rows
 * went away, or a link's page) moved back to it.
 */
export function useClampedPage(
  totalCount: number | undefined,
  rowsPerPage: number,
  page: number,
  setPage: (page: number) => void,
): number {
  const lastPage =
    totalCount === undefined
      ? 0
      : Math.max(0, Math.ceil(totalCount / rowsPerPage) - 1);
  useEffect(() => {
    if (totalCount !== undefined && page > lastPage) setPage(lastPage);
  }, [totalCount, page, lastPage, setPage]);
  return lastPage;
}
