import {
  dashboardHit,
  folderHit,
  type Catalog,
  type SearchHit,
} from './catalog';

export interface SearchParams {
  /** A case-insensitive part of the title. */
  query?: string;
  /** A hit must have all of them. */
  tags: string[];
  /** `dash-db` or `dash-folder`; anything else (or none) returns both. */
  type?: string;
  limit: number;
  /** 1-based. */
  page: number;
}

export const DEFAULT_LIMIT = 1000;
export const MAX_LIMIT = 5000;

/**
 * Reads `/api/search` parameters as Grafana does: a missing, unparsable or
 * non-positive number falls back to the default rather than failing.
 */
export function searchParams(params: URLSearchParams): SearchParams {
  const positive = (name: string) => {
    const value = Number.parseInt(params.get(name) ?? '', 10);
    return Number.isFinite(value) && value > 0 ? value : undefined;
  };
  return {
    query: params.get('query') || undefined,
    tags: params.getAll('tag').filter(Boolean),
    type: params.get('type') || undefined,
    limit: Math.min(positive('limit') ?? DEFAULT_LIMIT, MAX_LIMIT),
    page: positive('page') ?? 1,
  };
}

const byTitle = (a: SearchHit, b: SearchHit) => {
  const left = a.title.toLowerCase();
  const right = b.title.toLowerCase();
  if (left !== right) return left < right ? -1 : 1;
  return a.uid < b.uid ? -1 : 1;
};

/** The hits of one page of a search, sorted by title. */
export function search(catalog: Catalog, params: SearchParams): SearchHit[] {
  const hits: SearchHit[] = [];
  if (params.type !== 'dash-folder') {
    hits.push(...catalog.dashboards.map(dashboardHit));
  }
  if (params.type !== 'dash-db') {
    hits.push(...catalog.folders.map(folderHit));
  }
  const query = params.query?.toLowerCase();
  const matching = hits
    .filter(hit => !query || hit.title.toLowerCase().includes(query))
    .filter(hit => params.tags.every(tag => hit.tags.includes(tag)))
    .sort(byTitle);
  const start = (params.page - 1) * params.limit;
  return matching.slice(start, start + params.limit);
}
