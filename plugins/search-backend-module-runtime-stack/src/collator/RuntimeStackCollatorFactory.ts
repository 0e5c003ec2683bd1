import type {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import type { DocumentCollatorFactory } from '@backstage/plugin-search-common';
import {
  layerModelTitlesOf,
  validateLayerModel,
  type SearchableServicePage,
} from '@internal/backstage-plugin-runtime-stack-common';
import { Readable } from 'node:stream';
import {
  serviceDocument,
  type RuntimeStackIndexableDocument,
} from './serviceDocument';

/**
 * How the collator reaches the runtime-stack backend.
 *
 * @public
 */
export interface RuntimeStackCollatorOptions {
  discovery: DiscoveryService;
  auth: AuthService;
  logger: LoggerService;
  /** Services asked for per request. Default 200. */
  pageSize?: number;
  /** Per request. Default 30 seconds. */
  requestTimeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * Collates a document per evaluated service from the runtime-stack
 * backend's stored coverage, a page at a time. Each document is checked
 * against the catalog's read permission on its entity, as the catalog's own
 * documents are.
 *
 * @public
 */
export class RuntimeStackCollatorFactory implements DocumentCollatorFactory {
  readonly type = 'runtime-stack';
  readonly visibilityPermission = catalogEntityReadPermission;

  constructor(private readonly options: RuntimeStackCollatorOptions) {}

  async getCollator(): Promise<Readable> {
    return Readable.from(this.documents());
  }

  private async *documents(): AsyncGenerator<RuntimeStackIndexableDocument> {
    const titles = layerModelTitlesOf(
      validateLayerModel(await this.get('/layers')),
    );
    let after: string | undefined;
    let count = 0;
    do {
      const page = (await this.get('/search/services', {
        limit: String(this.options.pageSize ?? 200),
        ...(after ? { after } : {}),
      })) as SearchableServicePage;
      for (const service of page.items) {
        count++;
        yield serviceDocument(service, titles);
      }
      after = page.nextAfter;
    } while (after);
    this.options.logger.info(`Collated the runtime stack of ${count} services`);
  }

  private async get(path: string, query: Record<string, string> = {}) {
    const { discovery, auth } = this.options;
    const url = new URL(
      `${await discovery.getBaseUrl('runtime-stack')}${path}`,
    );
    for (const [key, value] of Object.entries(query)) {
      url.searchParams.set(key, value);
    }
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'runtime-stack',
    });
    const response = await (this.options.fetch ?? fetch)(url, {
      headers: { Authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 30_000),
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response.json();
  }
}
