import type {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ResponseError, stringifyError } from '@backstage/errors';
import {
  LayerModel,
  validateLayerModel,
} from '@internal/backstage-plugin-runtime-stack-common';

/**
 * Options of {@link RemoteLayerModel}.
 *
 * @public
 */
export interface RemoteLayerModelOptions {
  discovery: DiscoveryService;
  auth: AuthService;
  logger: LoggerService;
  /**
   * The model built from the defaults and app-config, used while the
   * runtime-stack backend cannot be asked and has never answered.
   */
  fallback: LayerModel;
  /** How long a fetched model is reused. Defaults to 5 minutes. */
  refreshAfterMs?: number;
  /** How long to wait before asking again after a failure. Defaults to 30 seconds. */
  retryAfterMs?: number;
  /** Time limit of one request. Defaults to 10 seconds. */
  timeoutMs?: number;
  now?: () => number;
}

/**
 * The layer model exactly as the runtime-stack backend serves it, read from
 * `GET /api/runtime-stack/layers`.
 *
 * @remarks
 *
 * Modules of the runtime-stack plugin add capabilities and tools through its
 * extension point, which other plugins (the catalog's processor, the
 * scaffolder's actions) cannot see: only that backend knows the whole model.
 * Asking it over HTTP, through discovery, also works when the plugins are
 * deployed apart. The answer is kept for a while, so one request serves
 * every entity the catalog processes meanwhile.
 *
 * @public
 */
export class RemoteLayerModel {
  private readonly options: RemoteLayerModelOptions;
  private readonly refreshAfterMs: number;
  private readonly retryAfterMs: number;
  private readonly timeoutMs: number;
  private readonly now: () => number;
  private cached?: { model: LayerModel; until: number };
  private lastServed?: LayerModel;
  private loading?: Promise<LayerModel>;
  private failing = false;

  constructor(options: RemoteLayerModelOptions) {
    this.options = options;
    this.refreshAfterMs = options.refreshAfterMs ?? 5 * 60_000;
    this.retryAfterMs = options.retryAfterMs ?? 30_000;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * The current model; while the backend does not answer, the one it last
   * served, or the fallback if it never did. Never throws.
   */
  async get(): Promise<LayerModel> {
    if (this.cached && this.now() < this.cached.until) {
      return this.cached.model;
    }
    this.loading ??= this.load().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async load(): Promise<LayerModel> {
    const { logger, fallback } = this.options;
    try {
      const model = await this.fetchModel();
      if (this.failing) {
        logger.info(
          'The runtime-stack backend answers again; its layer model is used',
        );
      }
      this.failing = false;
      this.lastServed = model;
      this.cached = { model, until: this.now() + this.refreshAfterMs };
      return model;
    } catch (error) {
      // A model served before stays right through a restart of the backend:
      // the fallback lacks what modules add, and entities naming it would
      // be flagged until the backend answers again.
      const model = this.lastServed ?? fallback;
      // Logged once per outage: the catalog asks for every entity it processes.
      if (!this.failing) {
        logger.warn(
          `Cannot read the layer model from the runtime-stack backend, so ${
            this.lastServed
              ? 'the model it last served is used until it answers'
              : 'the default model and app-config are used; capabilities and tools added by runtime-stack modules are unknown until it answers'
          }. ${stringifyError(error)}`,
        );
      }
      this.failing = true;
      this.cached = { model, until: this.now() + this.retryAfterMs };
      return model;
    }
  }

  private async fetchModel(): Promise<LayerModel> {
    const { discovery, auth } = this.options;
    const baseUrl = await discovery.getBaseUrl('runtime-stack');
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'runtime-stack',
    });
    const response = await fetch(`${baseUrl}/layers`, {
      headers: { Authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return validateLayerModel(await response.json());
  }
}
