import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { readPositiveInteger } from '../config/readPositiveInteger';

/** A registry images may be fetched from, as app-config describes it. */
export interface RegistryDefinition {
  /** `host[:port]` as it appears in image references, e.g. `registry.example.com`. */
  host: string;
  /** Speak http instead of https (a registry on loopback). */
  insecure: boolean;
  /**
   * Where to reach the registry when that is not `host` itself, e.g. a
   * mirror: `http://127.0.0.1:5000`.
   */
  url?: string;
  username?: string;
  password?: string;
  token?: string;
  /**
   * Repositories that may be fetched, as patterns with `*` for one path
   * segment and `**` for any; everything on the host when absent.
   */
  repositories?: string[];
  /** The layer model's container-registry tool it is, e.g. `harbor`. */
  tool?: string;
}

export interface ImageSettings {
  registries: RegistryDefinition[];
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** An image whose build is older than this counts as drift. */
  maxAgeDays: number;
  /** Repositories fetched at once. */
  concurrency: number;
  requestTimeoutMs: number;
  /** The Harbor plugin's instances: where a `goharbor.io/repository-slug` points. */
  harbor: HarborHosts;
}

/** The registry hosts of the Harbor plugin's config. */
export interface HarborHosts {
  /** The host of `harbor.baseUrl`, for slugs that name no host. */
  defaultHost?: string;
  /** `harbor.instances[].host`, for slugs that start with one. */
  instanceHosts: string[];
}

/** `host[:port]`, without scheme or path. */
const HOST_PATTERN = /^[a-z0-9.-]+(:\d+)?$/i;

const patternToRegExp = (pattern: string) =>
  new RegExp(
    `^${pattern
      .split('/')
      .map(segment =>
        segment === '**'
          ? '.*'
          : segment
              .split('*')
              .map(part => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
              .join('[^/]*'),
      )
      .join('/')}$`,
  );

/**
 * Whether a repository may be fetched from a configured registry: its host
 * is configured and, when the registry has an allow-list, it matches. An
 * image on any other host is shown with what the cluster says about it and
 * never fetched, whatever an annotation names.
 */
export function registryFor(
  registries: RegistryDefinition[],
  host: string,
  repository: string,
): RegistryDefinition | undefined {
  const registry = registries.find(r => r.host === host);
  if (!registry) return undefined;
  if (
    registry.repositories &&
    !registry.repositories.some(p => patternToRegExp(p).test(repository))
  ) {
    return undefined;
  }
  return registry;
}

/**
 * The Harbor plugin's hosts: that of `harbor.baseUrl`, and those of its
 * `harbor.instances`, each of which serves slugs that start with its host.
 */
function readHarborHosts(config: Config): HarborHosts {
  const baseUrl = config.getOptionalString('harbor.baseUrl');
  let defaultHost: string | undefined;
  if (baseUrl !== undefined) {
    try {
      const url = new URL(baseUrl);
      if (url.protocol === 'http:' || url.protocol === 'https:') {
        defaultHost = url.host;
      }
    } catch {
      // Reported below, with the key.
    }
    if (!defaultHost) {
      throw new InputError(
        `Invalid harbor.baseUrl '${baseUrl}': expected an http(s) URL of the Harbor instance`,
      );
    }
  }
  const instanceHosts = (
    config.getOptionalConfigArray('harbor.instances') ?? []
  ).map((instance, index) => {
    const host = instance.getString('host');
    if (!HOST_PATTERN.test(host)) {
      throw new InputError(
        `Invalid harbor.instances[${index}].host '${host}': expected the registry's host[:port], as the slugs start with it`,
      );
    }
    return host;
  });
  return { ...(defaultHost ? { defaultHost } : {}), instanceHosts };
}

/** `runtimeStack.images`: which registries to read and how. */
export function readImageSettings(config: Config): ImageSettings {
  const ours = config.getOptionalConfig('runtimeStack.images');
  const registries = (ours?.getOptionalConfigArray('registries') ?? []).map(
    (registry, index) => {
      const host = registry.getString('host');
      if (!HOST_PATTERN.test(host)) {
        throw new InputError(
          `Invalid runtimeStack.images.registries[${index}].host '${host}': expected host[:port] without scheme or path`,
        );
      }
      const url = registry.getOptionalString('url');
      const tool = registry.getOptionalString('tool');
      if (url !== undefined && !/^https?:\/\/[^/]+\/?$/.test(url)) {
        throw new InputError(
          `Invalid runtimeStack.images.registries[${index}].url '${url}': expected http(s)://host[:port]`,
        );
      }
      return {
        host,
        ...(url ? { url: url.replace(/\/$/, '') } : {}),
        insecure: registry.getOptionalBoolean('insecure') ?? false,
        username: registry.getOptionalString('username'),
        password: registry.getOptionalString('password'),
        token: registry.getOptionalString('token'),
        repositories: registry.getOptionalStringArray('repositories'),
        ...(tool ? { tool } : {}),
      };
    },
  );
  return {
    registries,
    schedule: ours?.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          ours.getConfig('schedule'),
        )
      : {
          frequency: { minutes: 30 },
          timeout: { minutes: 15 },
          initialDelay: { seconds: 10 },
        },
    maxAgeDays: readPositiveInteger(
      config,
      'runtimeStack.images.maxAgeDays',
      90,
    ),
    concurrency: readPositiveInteger(
      config,
      'runtimeStack.images.concurrency',
      4,
    ),
    requestTimeoutMs:
      readPositiveInteger(
        config,
        'runtimeStack.images.requestTimeoutSeconds',
        15,
      ) * 1000,
    harbor: readHarborHosts(config),
  };
}
