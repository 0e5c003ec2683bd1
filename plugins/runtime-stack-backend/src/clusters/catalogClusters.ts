import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import type { Entity } from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { JsonObject } from '@backstage/types';
import ipaddr from 'ipaddr.js';
import { lookup } from 'node:dns/promises';
import type { ClusterDefinition } from './clusterConfig';

const API_SERVER = 'kubernetes.io/api-server';
const API_SERVER_CA = 'kubernetes.io/api-server-certificate-authority';
const AUTH_PROVIDER = 'kubernetes.io/auth-provider';
const SKIP_TLS_VERIFY = 'kubernetes.io/skip-tls-verify';
const DASHBOARD_URL = 'kubernetes.io/dashboard-url';
const DASHBOARD_APP = 'kubernetes.io/dashboard-app';
const DASHBOARD_PARAMETERS = 'kubernetes.io/dashboard-parameters';

/** The Kubernetes plugin's `catalog` locator settings. */
export interface CatalogLocatorOptions {
  /** Hosts (`*.example.com` allowed) exempt from the public-HTTPS rule. */
  dangerouslyAllowClusterUrls: string[];
  /** Whether an entity may turn TLS verification off. */
  dangerouslyAllowSkipTLSVerify: boolean;
}

/**
 * The `catalog` entry of `kubernetes.clusterLocatorMethods`, or undefined
 * when clusters are not taken from the catalog.
 */
export function readCatalogLocatorOptions(
  config: Config,
): CatalogLocatorOptions | undefined {
  const method = (
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? []
  ).find(entry => entry.getString('type') === 'catalog');
  if (!method) return undefined;
  return {
    dangerouslyAllowClusterUrls:
      method.getOptionalStringArray('dangerouslyAllowClusterUrls') ?? [],
    dangerouslyAllowSkipTLSVerify:
      method.getOptionalBoolean('dangerouslyAllowSkipTLSVerify') ?? false,
  };
}

const isNonPublic = (address: string) => {
  try {
    return ipaddr.parse(address).range() !== 'unicast';
  } catch {
    return true;
  }
};

const matchesHostPattern = (hostname: string, pattern: string) => {
  const wanted = pattern.toLowerCase();
  return wanted.startsWith('*.')
    ? hostname.endsWith(wanted.slice(1)) || hostname === wanted.slice(2)
    : hostname === wanted;
};

/**
 * Refuses what the Kubernetes plugin's catalog locator refuses: anyone who
 * may register an entity names this URL, and the collector sends the
 * backend's cloud credentials to it. So it must be HTTPS to a public
 * address, unless `dangerouslyAllowClusterUrls` names its host.
 */
export async function checkClusterUrl(
  apiServerUrl: string,
  options: CatalogLocatorOptions,
): Promise<void> {
  let url: URL;
  try {
    url = new URL(apiServerUrl);
  } catch {
    throw new Error(`${API_SERVER} '${apiServerUrl}' is not a valid URL`);
  }
  if (url.username || url.password) {
    throw new Error(`${API_SERVER} must not contain credentials`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`${API_SERVER} must use http or https`);
  }
  // URL keeps IPv6 hosts in brackets.
  const hostname = url.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (
    options.dangerouslyAllowClusterUrls.some(pattern =>
      matchesHostPattern(hostname, pattern),
    )
  ) {
    return;
  }
  if (url.protocol !== 'https:') {
    throw new Error(
      `${API_SERVER} must use https unless dangerouslyAllowClusterUrls names ${hostname}`,
    );
  }
  const addresses = ipaddr.isValid(hostname)
    ? [hostname]
    : (await lookup(hostname, { all: true })).map(found => found.address);
  if (addresses.some(isNonPublic)) {
    throw new Error(
      `${API_SERVER} ${hostname} is not a public address; name it in dangerouslyAllowClusterUrls to collect it`,
    );
  }
}

function dashboardParametersOf(text: string | undefined) {
  if (!text) return {};
  try {
    const parsed = JSON.parse(text);
    return typeof parsed === 'object' && parsed && !Array.isArray(parsed)
      ? { dashboardParameters: parsed as JsonObject }
      : {};
  } catch {
    return {};
  }
}

/**
 * A `kubernetes-cluster` Resource as a cluster to collect, read as the
 * Kubernetes plugin reads it. The auth metadata is every `kubernetes.io/`
 * annotation but a token, which has no place in the catalog.
 */
async function clusterOf(
  entity: Entity,
  options: CatalogLocatorOptions,
): Promise<ClusterDefinition> {
  const annotations = entity.metadata.annotations ?? {};
  const authProvider = annotations[AUTH_PROVIDER];
  if (authProvider === 'serviceAccount') {
    throw new Error(
      'the serviceAccount auth provider needs a token, which the catalog does not hold; configure the cluster under a config locator',
    );
  }
  const url = annotations[API_SERVER];
  await checkClusterUrl(url, options);
  const dashboardUrl = annotations[DASHBOARD_URL];
  const dashboardApp = annotations[DASHBOARD_APP];
  return {
    name: entity.metadata.name,
    url,
    authProvider,
    authMetadata: Object.fromEntries(
      Object.entries(annotations).filter(
        ([key]) =>
          key.startsWith('kubernetes.io/') && key !== 'serviceAccountToken',
      ),
    ),
    caData: annotations[API_SERVER_CA],
    skipTLSVerify:
      options.dangerouslyAllowSkipTLSVerify &&
      annotations[SKIP_TLS_VERIFY] === 'true',
    ...(dashboardUrl ? { dashboardUrl } : {}),
    ...(dashboardApp ? { dashboardApp } : {}),
    ...dashboardParametersOf(annotations[DASHBOARD_PARAMETERS]),
  };
}

/**
 * The clusters the catalog declares: Resources of type `kubernetes-cluster`
 * with an API server, its CA and an auth provider, the entities the
 * Kubernetes plugin's `catalog` locator reads. Entities it cannot use are
 * left out with a warning, as that locator does.
 */
export async function readCatalogClusters(deps: {
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  options: CatalogLocatorOptions;
}): Promise<ClusterDefinition[]> {
  const { items } = await deps.catalog.getEntities(
    {
      filter: [
        {
          kind: 'Resource',
          'spec.type': 'kubernetes-cluster',
          [`metadata.annotations.${API_SERVER}`]: CATALOG_FILTER_EXISTS,
          [`metadata.annotations.${API_SERVER_CA}`]: CATALOG_FILTER_EXISTS,
          [`metadata.annotations.${AUTH_PROVIDER}`]: CATALOG_FILTER_EXISTS,
        },
      ],
    },
    { credentials: await deps.auth.getOwnServiceCredentials() },
  );
  const clusters: ClusterDefinition[] = [];
  for (const entity of items) {
    try {
      clusters.push(await clusterOf(entity, deps.options));
    } catch (error) {
      deps.logger.warn(
        `Not collecting kubernetes-cluster Resource '${
          entity.metadata.name
        }': ${(error as Error).message}`,
      );
    }
  }
  return clusters;
}
