import { ResponseError } from '@backstage/errors';
import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import type {
  LayerModel,
  RuntimeLayer,
} from '@internal/backstage-plugin-runtime-stack-common';
import type { RuntimeStackApi } from './RuntimeStackApi';

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

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('runtime-stack');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
