import type { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import type {
  ClusterSummary,
  EntityClusters,
  EntityCoverage,
  EntityImages,
  EntityObservability,
  EffectiveOwnership,
  LayerModel,
  LayerOwnership,
  LayerOwnershipInput,
  PlannedServiceEvidence,
  RequirementProfileSettings,
  RuntimeLayer,
  SystemCoverage,
  CoverageTrend,
  EstateAdoption,
  Exemption,
  ExemptionInput,
  ServiceScorePage,
  ServiceScoreQuery,
  TeamScorecard,
  TeamView,
  TrendSubject,
} from '@internal/backstage-plugin-runtime-stack-common';
import type {
  EntityName,
  OwnershipCheckResult,
  OwnershipHistoryPage,
  PlannedService,
  RuntimeStackApi,
} from './RuntimeStackApi';

/** The most records `POST /ownership/check` takes at once. */
const MAX_RECORDS_PER_CHECK = 100;

/** The most exemptions `GET /exemptions` answers at once. */
const MAX_EXEMPTIONS_PER_PAGE = 1000;

/**
 * The runtime-stack backend over HTTP, authenticated through the app's fetch.
 *
 * @public
 */
export class RuntimeStackClient implements RuntimeStackApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;
  private readonly layerModelTtlMs: number;
  private readonly requestTimeoutMs: number;
  private layerModel?: { promise: Promise<LayerModel>; until: number };

  constructor(options: {
    discoveryApi: DiscoveryApi;
    fetchApi: FetchApi;
    /**
     * How long one answer of the layer model serves every view, 5 minutes
     * by default: it changes only with the backend's config.
     */
    layerModelTtlMs?: number;
    /**
     * How long a call may wait for its answer, 60 seconds by default: a
     * backend that never answers shows as an error to retry, not a spinner
     * that never stops.
     */
    requestTimeoutMs?: number;
  }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
    this.layerModelTtlMs = options.layerModelTtlMs ?? 5 * 60_000;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 60_000;
  }

  /**
   * The layer model, asked for once however many cards and sections of a
   * page need it, and kept for `layerModelTtlMs`; a failure is not kept.
   */
  getLayerModel(): Promise<LayerModel> {
    const now = Date.now();
    if (this.layerModel && now < this.layerModel.until) {
      return this.layerModel.promise;
    }
    const entry = {
      promise: this.get<LayerModel>('/layers'),
      until: now + this.layerModelTtlMs,
    };
    this.layerModel = entry;
    entry.promise.catch(() => {
      if (this.layerModel === entry) this.layerModel = undefined;
    });
    return entry.promise;
  }

  getRequirementProfiles(): Promise<RequirementProfileSettings> {
    return this.get<RequirementProfileSettings>('/profiles');
  }

  getLayer(layerId: number): Promise<RuntimeLayer> {
    return this.get<RuntimeLayer>(
      `/layers/${encodeURIComponent(String(layerId))}`,
    );
  }

  async getClusters(): Promise<ClusterSummary[]> {
    const { items } = await this.get<{ items: ClusterSummary[] }>('/clusters');
    return items;
  }

  getEntityClusters(entity: EntityName): Promise<EntityClusters> {
    return this.get<EntityClusters>(entityPath(entity, 'clusters'));
  }

  getEntityImages(entity: EntityName): Promise<EntityImages> {
    return this.get<EntityImages>(entityPath(entity, 'images'));
  }

  getEntityObservability(entity: EntityName): Promise<EntityObservability> {
    return this.get<EntityObservability>(entityPath(entity, 'observability'));
  }

  getEntityCoverage(entity: EntityName): Promise<EntityCoverage> {
    return this.get<EntityCoverage>(entityPath(entity, 'coverage'));
  }

  getPlannedServiceEvidence(
    plan: PlannedService,
  ): Promise<PlannedServiceEvidence> {
    return this.get(`/coverage/planned${queryString({ ...plan })}`);
  }

  getSystemCoverage(system: EntityName): Promise<SystemCoverage> {
    const { namespace = 'default', name } = system;
    return this.get<SystemCoverage>(
      `/systems/${encodeURIComponent(namespace)}/${encodeURIComponent(
        name,
      )}/coverage`,
    );
  }

  getPlannedOwnership(entity: Entity): Promise<EffectiveOwnership> {
    return this.send('POST', '/ownership/planned', { entity });
  }

  getEntityOwnership(entity: EntityName): Promise<EffectiveOwnership> {
    return this.get<EffectiveOwnership>(entityPath(entity, 'ownership'));
  }

  /** More records than the backend takes at once are asked in turns. */
  async checkOwnership(
    records: LayerOwnershipInput[],
    options: { entity?: Entity } = {},
  ): Promise<OwnershipCheckResult[]> {
    const results: OwnershipCheckResult[] = [];
    for (let i = 0; i < records.length; i += MAX_RECORDS_PER_CHECK) {
      const answer = await this.send<{ results: OwnershipCheckResult[] }>(
        'POST',
        '/ownership/check',
        {
          records: records.slice(i, i + MAX_RECORDS_PER_CHECK),
          ...(options.entity ? { entity: options.entity } : {}),
        },
      );
      results.push(...answer.results);
    }
    return results;
  }

  createOwnership(input: LayerOwnershipInput): Promise<LayerOwnership> {
    return this.send<LayerOwnership>('POST', '/ownership', input);
  }

  updateOwnership(
    id: string,
    input: LayerOwnershipInput & { version: number },
  ): Promise<LayerOwnership> {
    return this.send<LayerOwnership>(
      'PUT',
      `/ownership/${encodeURIComponent(id)}`,
      input,
    );
  }

  getOwnershipHistory(
    scopeRef: string,
    page: { limit?: number; offset?: number; cursor?: string } = {},
  ): Promise<OwnershipHistoryPage> {
    // A cursor carries the scope it continues, and the backend wants nothing else beside it.
    const params = page.cursor
      ? { cursor: page.cursor, limit: page.limit }
      : { scopeRef, ...page };
    return this.get(`/history${queryString(params)}`);
  }

  getTeamScorecard(
    options: { layer?: number; limit?: number; offset?: number } = {},
  ): Promise<TeamScorecard> {
    return this.get(`/scorecards/teams${queryString(options)}`);
  }

  getAdoption(): Promise<EstateAdoption> {
    return this.get('/scorecards/adoption');
  }

  getTrend(subject: TrendSubject, days?: number): Promise<CoverageTrend> {
    const params: Record<string, string | number | undefined> = {
      subject: subject.kind,
      days,
    };
    if ('ref' in subject) params.ref = subject.ref;
    if (subject.kind === 'layer') params.layer = subject.layer;
    return this.get(`/scorecards/trend${queryString(params)}`);
  }

  getServiceScores(query: ServiceScoreQuery = {}): Promise<ServiceScorePage> {
    return this.get(`/scorecards/services${queryString({ ...query })}`);
  }

  async getServiceScoresCsv(query: ServiceScoreQuery = {}): Promise<string> {
    const response = await this.fetch(
      'GET',
      `/scorecards/services${queryString({ ...query, format: 'csv' })}`,
    );
    return response.text();
  }

  getTeamView(team: EntityName): Promise<TeamView> {
    const { namespace = 'default', name } = team;
    return this.get(
      `/scorecards/teams/${encodeURIComponent(namespace)}/${encodeURIComponent(
        name,
      )}`,
    );
  }

  /** Every exemption of the filter, read a page at a time. */
  async getExemptions(
    filter: { scopeRef?: string; expiringWithinDays?: number } = {},
  ): Promise<Exemption[]> {
    const exemptions: Exemption[] = [];
    const limit = MAX_EXEMPTIONS_PER_PAGE;
    // By offset rather than by what came back: a page leaves out the
    // exemptions of entities the caller may not see, so it can hold fewer
    // than `limit` with more to come. Without a `totalCount` it is the last.
    for (let offset = 0; ; offset += limit) {
      const page = await this.get<{ items: Exemption[]; totalCount?: number }>(
        `/exemptions${queryString({ ...filter, limit, offset })}`,
      );
      exemptions.push(...page.items);
      if (!(offset + limit < (page.totalCount ?? 0))) {
        return exemptions;
      }
    }
  }

  createExemption(input: ExemptionInput): Promise<Exemption> {
    return this.send<Exemption>('POST', '/exemptions', input);
  }

  async deleteExemption(id: string): Promise<void> {
    await this.fetch('DELETE', `/exemptions/${encodeURIComponent(id)}`);
  }

  private get<T>(path: string): Promise<T> {
    return this.send<T>('GET', path);
  }

  private async send<T>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: unknown,
  ): Promise<T> {
    const response = await this.fetch(method, path, body);
    return (await response.json()) as T;
  }

  /** The response of a call, or the backend's error as a ResponseError. */
  private async fetch(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('runtime-stack');
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), this.requestTimeoutMs);
    try {
      const response = await this.fetchApi.fetch(`${baseUrl}${path}`, {
        method,
        signal: timeout.signal,
        ...(body !== undefined && {
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        }),
      });
      if (!response.ok) {
        throw await ResponseError.fromResponse(response);
      }
      return response;
    } catch (error) {
      if (!timeout.signal.aborted) throw error;
      const ms = this.requestTimeoutMs;
      throw new Error(
        `The runtime-stack backend did not answer ${method} ${
          path.split('?')[0]
        } within ${
          ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} seconds`
        }`,
      );
    } finally {
      clearTimeout(timer);
    }
  }
}

/** `/entities/:kind/:namespace/:name/:view`, as the backend routes them. */
function entityPath(entity: EntityName, view: string): string {
  const { kind, namespace = 'default', name } = entity;
  return `/entities/${[kind.toLocaleLowerCase('en-US'), namespace, name]
    .map(encodeURIComponent)
    .join('/')}/${view}`;
}

/** `?a=1&b=x` of the defined values, or nothing. */
function queryString(
  params: Record<string, string | number | undefined>,
): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}
