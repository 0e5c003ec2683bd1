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
  OwnershipChange,
  RuntimeLayer,
  SystemCoverage,
} from '@internal/backstage-plugin-runtime-stack-common';
import type { EntityName, RuntimeStackApi } from './RuntimeStackApi';

/**
 * The runtime-stack backend over HTTP, authenticated through the app's fetch.
 *
 * @public
 */
export class RuntimeStackClient implements RuntimeStackApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getLayerModel(): Promise<LayerModel> {
    return this.get<LayerModel>('/layers');
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

  getSystemCoverage(system: EntityName): Promise<SystemCoverage> {
    const { namespace = 'default', name } = system;
    return this.get<SystemCoverage>(
      `/systems/${encodeURIComponent(namespace)}/${encodeURIComponent(
        name,
      )}/coverage`,
    );
  }

  getEntityOwnership(entity: EntityName): Promise<EffectiveOwnership> {
    return this.get<EffectiveOwnership>(entityPath(entity, 'ownership'));
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
    page: { limit?: number; offset?: number } = {},
  ): Promise<{ items: OwnershipChange[]; totalCount: number }> {
    const query = new URLSearchParams({ scopeRef });
    if (page.limit !== undefined) query.set('limit', String(page.limit));
    if (page.offset !== undefined) query.set('offset', String(page.offset));
    return this.get(`/history?${query}`);
  }

  private get<T>(path: string): Promise<T> {
    return this.send<T>('GET', path);
  }

  private async send<T>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: unknown,
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('runtime-stack');
    const response = await this.fetchApi.fetch(
      `${baseUrl}${path}`,
      body === undefined
        ? { method }
        : {
            method,
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

/** `/entities/:kind/:namespace/:name/:view`, as the backend routes them. */
function entityPath(entity: EntityName, view: string): string {
  const { kind, namespace = 'default', name } = entity;
  return `/entities/${[kind.toLocaleLowerCase('en-US'), namespace, name]
    .map(encodeURIComponent)
    .join('/')}/${view}`;
}
