import type {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import { ServiceUnavailableError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { JsonObject } from '@backstage/types';
import ipaddr from 'ipaddr.js';
import { isObject } from '../observability/jsonShapes';
import type { ClusterDefinition, LocatedClusters } from './clusterConfig';

const API_SERVER = 'kubernetes.io/api-server';
const API_SERVER_CA = 'kubernetes.io/api-server-certificate-authority';
const AUTH_PROVIDER = 'kubernetes.io/auth-provider';
const SKIP_TLS_VERIFY = 'kubernetes.io/skip-tls-verify';
const DASHBOARD_URL = 'kubernetes.io/dashboard-url';
const DASHBOARD_APP = 'kubernetes.io/dashboard-app';
const DASHBOARD_PARAMETERS = 'kubernetes.io/dashboard-parameters';

/** How clusters are taken from the catalog. */
export interface CatalogLocatorOptions {
  /**
   * `runtimeStack.clusters.catalog.allowedHosts`: the API server hosts
   * (`*.example.com` for a domain) whose clusters the catalog may name.
   */
  allowedHosts: string[];
  /** The Kubernetes plugin's locator: hosts exempt from the HTTPS and public address rules. */
  dangerouslyAllowClusterUrls: string[];
  /** The Kubernetes plugin's locator: whether an entity may turn TLS verification off. */
  dangerouslyAllowSkipTLSVerify: boolean;
}

/**
 * The `catalog` entry of `kubernetes.clusterLocatorMethods` with our
 * allow-list, or undefined when clusters are not taken from the catalog.
 */
export function readCatalogLocatorOptions(
  config: Config,
): CatalogLocatorOptions | undefined {
  const method = (
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? []
  ).find(entry => entry.getString('type') === 'catalog');
  if (!method) return undefined;
  return {
    allowedHosts:
      config.getOptionalStringArray(
        'runtimeStack.clusters.catalog.allowedHosts',
      ) ?? [],
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
 * Refuses an API server the backend must not send its credentials to.
 * Anyone who may register an entity names this URL, and a scheduled
 * collection would send the backend's cloud identity there unattended (an
 * EKS token names the cluster it is for, which the entity chooses too). So
 * its host must be one the operator allowed in
 * `runtimeStack.clusters.catalog.allowedHosts`; and, as in the Kubernetes
 * plugin, it must be HTTPS and not a private address unless the locator's
 * `dangerouslyAllowClusterUrls` names it. Allowed names are not resolved
 * here: the operator vouched for them, and a lookup that fails for a
 * moment must not make a cluster vanish.
 */
export function checkClusterUrl(
  apiServerUrl: string,
  options: CatalogLocatorOptions,
): void {
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
  const matches = (patterns: string[]) =>
    patterns.some(pattern => matchesHostPattern(hostname, pattern));
  if (!matches(options.allowedHosts)) {
    throw new Error(
      `${API_SERVER} host ${hostname} is not in runtimeStack.clusters.catalog.allowedHosts`,
    );
  }
  if (matches(options.dangerouslyAllowClusterUrls)) return;
  if (url.protocol !== 'https:') {
    throw new Error(
      `${API_SERVER} must use https unless dangerouslyAllowClusterUrls names ${hostname}`,
    );
  }
  if (ipaddr.isValid(hostname) && isNonPublic(hostname)) {
    throw new Error(
      `${API_SERVER} ${hostname} is not a public address; name it in dangerouslyAllowClusterUrls to collect it`,
    );
  }
}

function dashboardParametersOf(
  text: string | undefined,
): Pick<ClusterDefinition, 'dashboardParameters'> {
  if (!text) return {};
  try {
    const parsed = JSON.parse(text);
    return isObject(parsed)
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
function clusterOf(
  entity: Entity,
  options: CatalogLocatorOptions,
): ClusterDefinition {
  const annotations = entity.metadata.annotations ?? {};
  const authProvider = annotations[AUTH_PROVIDER];
  if (authProvider === 'serviceAccount') {
    throw new Error(
      'the serviceAccount auth provider needs a token, which the catalog does not hold; configure the cluster under a config locator',
    );
  }
  const url = annotations[API_SERVER];
  checkClusterUrl(url, options);
  const dashboardUrl = annotations[DASHBOARD_URL];
  const dashboardApp = annotations[DASHBOARD_APP];
  return {
    name: entity.metadata.name,
    url,
    entityRef: stringifyEntityRef(entity),
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
 * Whether the catalog holds nothing at all: one being built or restored,
 * whose silence about clusters says nothing of them.
 */
async function isEmpty(
  catalog: CatalogService,
  credentials: BackstageCredentials,
): Promise<boolean> {
  const { items } = await catalog.getEntities(
    { limit: 1, fields: ['kind'] },
    { credentials },
  );
  return items.length === 0;
}

/**
 * The clusters the catalog declares: Resources of type `kubernetes-cluster`
 * with an API server, its CA and an auth provider, the entities the
 * Kubernetes plugin's `catalog` locator reads. A name declared in two
 * namespaces is left out entirely, since clusters go by name alone and
 * neither entity may stand in for the other.
 */
export async function readCatalogClusters(deps: {
  catalog: CatalogService;
  auth: AuthService;
  options: CatalogLocatorOptions;
}): Promise<LocatedClusters> {
  const credentials = await deps.auth.getOwnServiceCredentials();
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
    { credentials },
  );
  if (items.length === 0 && (await isEmpty(deps.catalog, credentials))) {
    throw new ServiceUnavailableError(
      'The catalog holds no entities yet; the clusters it declared are kept until it does',
    );
  }
  const problems: string[] = [];
  const declared = new Map<string, Entity[]>();
  for (const entity of items) {
    const name = entity.metadata.name;
    declared.set(name, [...(declared.get(name) ?? []), entity]);
  }
  const clusters: ClusterDefinition[] = [];
  for (const [name, entities] of declared) {
    if (entities.length > 1) {
      problems.push(
        `Not collecting kubernetes-cluster '${name}': it is declared in ${entities
          .map(e => e.metadata.namespace ?? 'default')
          .join(' and ')}`,
      );
      continue;
    }
    try {
      clusters.push(clusterOf(entities[0], deps.options));
    } catch (error) {
      problems.push(
        `Not collecting kubernetes-cluster Resource '${name}': ${
          (error as Error).message
        }`,
      );
    }
  }
  return { clusters, problems };
}
