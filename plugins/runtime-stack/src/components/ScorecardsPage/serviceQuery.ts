import type { ServiceScoreQuery } from '@internal/backstage-plugin-runtime-stack-common';
import { toGroupRef } from './entityRefs';

/** The filters of the services table as its fields hold them. */
export interface ServiceFilters {
  team: string;
  system: string;
  lifecycle: string;
  profile: string;
  /** A layer number as text, or '' for any layer. */
  layer: string;
  /** Only with a layer: the status of its capabilities. */
  status: string;
  search: string;
}

export const NO_FILTERS: ServiceFilters = {
  team: '',
  system: '',
  lifecycle: '',
  profile: '',
  layer: '',
  status: '',
  search: '',
};

export type ServiceSort = NonNullable<ServiceScoreQuery['sort']>;

/** Whether any filter narrows the table. */
export const hasFilters = (filters: ServiceFilters) =>
  Object.values(filters).some(value => value.trim() !== '');

/**
 * The backend query of the filters, sort and page: empty fields are left
 * out, the team becomes a Group ref, and status goes only with a layer.
 */
export function toServiceScoreQuery(
  filters: ServiceFilters,
  sort?: { sort: ServiceSort; order: 'asc' | 'desc' },
  page?: { limit: number; offset: number },
): ServiceScoreQuery {
  const text = (value: string) => value.trim() || undefined;
  const layer = filters.layer === '' ? undefined : Number(filters.layer);
  return {
    team: text(toGroupRef(filters.team)),
    system: text(filters.system),
    lifecycle: text(filters.lifecycle),
    profile: text(filters.profile),
    layer,
    status:
      layer === undefined
        ? undefined
        : (text(filters.status) as ServiceScoreQuery['status']),
    search: text(filters.search),
    sort: sort?.sort,
    order: sort?.order,
    limit: page?.limit,
    offset: page?.offset,
  };
}
