import { useCallback, useMemo } from 'react';
import { layerNumberOf } from './layerNumberOf';
import {
  NO_FILTERS,
  type ServiceFilters,
  type ServiceSort,
} from './serviceQuery';
import {
  pageIndexOf,
  pageParamOf,
  paramsWithPrefix,
  useSearchParamsUpdate,
  type SearchParamChanges,
} from './useSearchParamsUpdate';

const PREFIX = 'services.';

/** The search parameter of each filter of the Services tab. */
const FILTER_PARAMS: Record<keyof ServiceFilters, string> = {
  search: `${PREFIX}search`,
  team: `${PREFIX}team`,
  system: `${PREFIX}system`,
  lifecycle: `${PREFIX}lifecycle`,
  profile: `${PREFIX}profile`,
  layer: `${PREFIX}layer`,
  status: `${PREFIX}status`,
};

/** The search parameters of the Services tab. */
export const SERVICES_PARAMS = {
  ...FILTER_PARAMS,
  sort: `${PREFIX}sort`,
  order: `${PREFIX}order`,
  page: `${PREFIX}page`,
  rows: `${PREFIX}rows`,
} as const;

export const ROWS_PER_PAGE_OPTIONS = [25, 50, 100];

/** The statuses the status filter offers, the first for a layer alone. */
export const STATUSES = ['missing', 'partial', 'covered', 'exempt'] as const;

const SORTS: readonly ServiceSort[] = [
  'entityRef',
  'owner',
  'system',
  'ratio',
  'gapCount',
  'evaluatedAt',
];

/**
 * The longest value of each text filter the backend takes: a longer one
 * would only be refused.
 */
const MAX_LENGTHS: Record<keyof ServiceFilters, number> = {
  search: 255,
  team: 255,
  system: 255,
  lifecycle: 64,
  profile: 64,
  layer: 6,
  status: 16,
};

export interface ServicesTableState {
  filters: ServiceFilters;
  sort?: { sort: ServiceSort; order: 'asc' | 'desc' };
  /** From 0; a page past the last is the table's to clamp. */
  page: number;
  rowsPerPage: number;
}

/**
 * Text the backend takes, or '' for none: no NUL, which PostgreSQL refuses,
 * and no longer than the field holds.
 */
function textOf(value: string | null, maxLength: number): string {
  if (value === null || value.includes('\u0000')) return '';
  return value.length <= maxLength ? value : '';
}

function filtersOf(
  params: URLSearchParams,
  knownLayers: readonly number[] | undefined,
): ServiceFilters {
  const filters = { ...NO_FILTERS };
  for (const key of Object.keys(FILTER_PARAMS) as Array<keyof ServiceFilters>) {
    filters[key] = textOf(params.get(FILTER_PARAMS[key]), MAX_LENGTHS[key]);
  }
  const layer = layerNumberOf(filters.layer, knownLayers);
  const known = layer !== undefined;
  filters.layer = known ? String(layer) : '';
  // As the fields have it: a status only with a layer, which alone asks
  // for its gaps.
  if (!known) filters.status = '';
  else if (!STATUSES.some(s => s === filters.status))
    filters.status = 'missing';
  return filters;
}

function sortOf(params: URLSearchParams): ServicesTableState['sort'] {
  const sort = SORTS.find(s => s === params.get(SERVICES_PARAMS.sort));
  if (!sort) return undefined;
  return {
    sort,
    order: params.get(SERVICES_PARAMS.order) === 'desc' ? 'desc' : 'asc',
  };
}

/**
 * The table the address asks for. Anything it does not say, or says wrong
 * (an unknown layer, sort or page size), is the default; `knownLayers` are
 * the layer model's, undefined while it loads.
 */
export function readServicesTableState(
  params: URLSearchParams,
  knownLayers: readonly number[] | undefined,
): ServicesTableState {
  const rows = Number(params.get(SERVICES_PARAMS.rows));
  return {
    filters: filtersOf(params, knownLayers),
    sort: sortOf(params),
    page: pageIndexOf(params.get(SERVICES_PARAMS.page)),
    rowsPerPage: ROWS_PER_PAGE_OPTIONS.includes(rows)
      ? rows
      : ROWS_PER_PAGE_OPTIONS[0],
  };
}

/** The address of a change to the table; defaults are left out. */
export function servicesTableParams(
  state: Partial<ServicesTableState>,
): SearchParamChanges {
  const changes: SearchParamChanges = {};
  if (state.filters) {
    for (const key of Object.keys(FILTER_PARAMS) as Array<
      keyof ServiceFilters
    >) {
      changes[FILTER_PARAMS[key]] = state.filters[key] || undefined;
    }
  }
  if ('sort' in state) {
    changes[SERVICES_PARAMS.sort] = state.sort?.sort;
    changes[SERVICES_PARAMS.order] = state.sort?.order;
  }
  if (state.page !== undefined) {
    changes[SERVICES_PARAMS.page] = pageParamOf(state.page);
  }
  if (state.rowsPerPage !== undefined) {
    changes[SERVICES_PARAMS.rows] =
      state.rowsPerPage === ROWS_PER_PAGE_OPTIONS[0]
        ? undefined
        : String(state.rowsPerPage);
  }
  return changes;
}

/**
 * The filters sent, the sort and the page of the Services tab, kept in the
 * page's address, so a reload or a shared link shows the same services.
 * Changes made together go in one call.
 */
export function useServicesTableSearchParams(
  knownLayers: readonly number[] | undefined,
) {
  const [params, update] = useSearchParamsUpdate();
  const own = paramsWithPrefix(params, PREFIX);
  // The same object while it says the same, so the layer model arriving
  // does not ask for the same services again.
  const serialized = JSON.stringify(
    readServicesTableState(new URLSearchParams(own), knownLayers),
  );
  const state = useMemo(
    (): ServicesTableState => JSON.parse(serialized),
    [serialized],
  );
  const setState = useCallback(
    (changes: Partial<ServicesTableState>) =>
      update(servicesTableParams(changes)),
    [update],
  );
  return [state, setState] as const;
}
