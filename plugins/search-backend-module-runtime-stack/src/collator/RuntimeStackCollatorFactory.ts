import type {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import type { DocumentCollatorFactory } from '@backstage/plugin-search-common';
import {
  isRetryableStatus,
  layerModelTitlesOf,
  parseRetryAfter,
  retryWaitMs,
  validateLayerModel,
  type RequirementProfileSettings,
  type SearchableServicePage,
} from '@internal/backstage-plugin-runtime-stack-common';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  serviceDocument,
  type RuntimeStackIndexableDocument,
  type ServiceDocumentNames,
} from './serviceDocument';

/** A ref as a key: entity refs compare without regard to case. */
function refKey(ref: string): string | undefined {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

/** A Group's name as its pages show it: display name, else title. */
function displayNameOf(entity: Entity): string | undefined {
  const profile = entity.spec?.profile as { displayName?: unknown } | undefined;
  return [profile?.displayName, entity.metadata.title].find(
    (name): name is string => typeof name === 'string' && name.trim() !== '',
  );
}

/**
 * How the collator reaches the runtime-stack backend.
 *
 * @public
 */
export interface RuntimeStackCollatorOptions {
  discovery: DiscoveryService;
  auth: AuthService;
  logger: LoggerService;
  /**
   * Where the document text finds its owners' display names: every Group,
   * asked for once per run. Without it, or when that request fails, an
   * owner is named by its ref's name.
   */
  catalog?: CatalogService;
  /** Services asked for per request. Default 200. */
  pageSize?: number;
  /** Per request. Default 30 seconds. */
  requestTimeoutMs?: number;
  /**
   * Times a request is retried after a 429, a 5xx, a timeout or a network
   * error. Default 3.
   */
  maxRetries?: number;
  /** The first retry's wait without a `Retry-After`, doubling. Default 1 second. */
  retryBaseDelayMs?: number;
  fetch?: typeof fetch;
  /** Waits between retries; tests pass one that does not. */
  sleep?: (ms: number) => Promise<void>;
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
  // Search takes one visibility permission per document type, so these
  // documents are governed by catalog.entity.read alone: a searcher who may
  // read the entity but is denied runtime-stack.coverage.read or
  // runtime-stack.scorecard.read over REST still finds its coverage, tools
  // and gaps here. The README tells adopters who restrict those to leave
  // the module out.
  readonly visibilityPermission = catalogEntityReadPermission;

  constructor(private readonly options: RuntimeStackCollatorOptions) {}

  async getCollator(): Promise<Readable> {
    return Readable.from(this.documents());
  }

  private async *documents(): AsyncGenerator<RuntimeStackIndexableDocument> {
    const titles = layerModelTitlesOf(
      validateLayerModel(await this.get('/layers')),
    );
    const names: ServiceDocumentNames = {
      profileTitleOf: await this.profileTitles(),
      ownerTitleOf: await this.ownerTitles(),
    };
    let after: string | undefined;
    const cursors = new Set<string>();
    let count = 0;
    do {
      const page = (await this.get('/search/services', {
        limit: String(this.options.pageSize ?? 200),
        ...(after ? { after } : {}),
      })) as SearchableServicePage;
      for (const service of page.items) {
        count++;
        yield serviceDocument(service, titles, names);
      }
      // A cursor seen before would page the same services for ever.
      if (page.nextAfter !== undefined && cursors.has(page.nextAfter)) {
        throw new Error(
          `The runtime-stack backend's services page after ${
            after ?? 'the start'
          } points back to ${page.nextAfter}; stopped after ${count} services`,
        );
      }
      after = page.nextAfter;
      if (after !== undefined) cursors.add(after);
    } while (after !== undefined);
    this.options.logger.info(`Collated the runtime stack of ${count} services`);
  }

  /**
   * The requirement profiles' titles by id, from `GET /profiles`. Only
   * words of the text depend on them: if the request fails, the run goes
   * on naming profiles by id.
   */
  private async profileTitles(): Promise<(id: string) => string | undefined> {
    const titles = new Map<string, string>();
    try {
      const settings = (await this.get(
        '/profiles',
      )) as Partial<RequirementProfileSettings> | null;
      const profiles = Array.isArray(settings?.profiles)
        ? settings.profiles
        : [];
      for (const profile of profiles) {
        if (
          typeof profile?.id === 'string' &&
          typeof profile.title === 'string' &&
          profile.title.trim() !== ''
        ) {
          titles.set(profile.id, profile.title);
        }
      }
    } catch (error) {
      this.options.logger.warn(
        `Naming requirement profiles by id, their titles not read: ${error}`,
      );
    }
    return id => titles.get(id);
  }

  /**
   * The Groups' display names by ref, in one catalog request for the whole
   * run (not one per service). If it fails, owners are named by their refs'
   * names.
   */
  private async ownerTitles(): Promise<(ref: string) => string | undefined> {
    const { catalog, auth, logger } = this.options;
    const titles = new Map<string, string>();
    if (catalog) {
      try {
        const { items } = await catalog.getEntities(
          {
            filter: { kind: 'Group' },
            fields: [
              'kind',
              'metadata.namespace',
              'metadata.name',
              'metadata.title',
              'spec.profile.displayName',
            ],
          },
          { credentials: await auth.getOwnServiceCredentials() },
        );
        for (const group of items) {
          const title = displayNameOf(group);
          const key = refKey(
            `group:${group.metadata.namespace ?? 'default'}/${
              group.metadata.name
            }`,
          );
          if (title && key) titles.set(key, title);
        }
      } catch (error) {
        logger.warn(
          `Naming owners by their refs, the catalog's Groups not read: ${error}`,
        );
      }
    }
    return ref => {
      const key = refKey(ref);
      return key ? titles.get(key) : undefined;
    };
  }

  /**
   * One request to the runtime-stack backend, retried with backoff after a
   * 429, a 5xx or a network error: one restart of the backend should not
   * throw away a whole indexing run.
   */
  private async get(path: string, query: Record<string, string> = {}) {
    const { discovery, auth, logger, maxRetries = 3 } = this.options;
    const url = new URL(
      `${await discovery.getBaseUrl('runtime-stack')}${path}`,
    );
    for (const [key, value] of Object.entries(query)) {
      url.searchParams.set(key, value);
    }
    for (let attempt = 1; ; attempt++) {
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: await auth.getOwnServiceCredentials(),
        targetPluginId: 'runtime-stack',
      });
      let response: Response | undefined;
      let failure: unknown;
      try {
        response = await (this.options.fetch ?? fetch)(url, {
          headers: { Authorization: `Bearer ${token}` },
          signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 30_000),
        });
      } catch (error) {
        // Refused, reset or timed out: the backend may be restarting.
        failure = error;
      }
      if (response?.ok) return response.json();
      if (response) {
        failure = await ResponseError.fromResponse(response);
        if (!isRetryableStatus(response.status)) throw failure;
      }
      // Attempt n failed: retry n follows, if there is one.
      const wait =
        attempt > maxRetries
          ? undefined
          : retryWaitMs(
              parseRetryAfter(response?.headers.get('retry-after')),
              attempt,
              this.options.retryBaseDelayMs ?? 1000,
            );
      if (wait === undefined) throw failure;
      logger.warn(
        `Retrying ${url.pathname} in ${Math.round(wait)} ms: ${failure}`,
      );
      await (this.options.sleep ?? sleep)(wait);
    }
  }
}
