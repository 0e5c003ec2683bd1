import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { readDurationFromConfig, type Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  durationToMilliseconds,
  type HumanDuration,
  type JsonObject,
} from '@backstage/types';
import {
  BUILT_IN_RESOURCES,
  TOOL_CUSTOM_RESOURCES,
  resourceName,
  type ResourceType,
} from './collectedResources';
import { readPositiveInteger } from '../config/readPositiveInteger';
import { isObject } from '../observability/jsonShapes';
import type { ServiceLocatorMethod } from './entitySelector';

/** Where Kubernetes mounts a pod's service account token. */
export const IN_CLUSTER_TOKEN_FILE =
  '/var/run/secrets/kubernetes.io/serviceaccount/token';

/** A cluster as the Kubernetes plugin's `config` locator describes it. */
export interface ClusterDefinition {
  name: string;
  url: string;
  /** The `kubernetes-cluster` Resource of a cluster from the catalog. */
  entityRef?: string;
  /**
   * Where a located cluster that is not in the catalog came from, e.g.
   * `GKE project acme-prod (every location)`; shown with the cluster.
   */
  origin?: string;
  /** As configured; absent means `serviceAccount`. */
  authProvider?: string;
  /**
   * The Kubernetes plugin's `kubernetes.io/*` auth settings of the cluster
   * (AWS role and cluster id, for example), for the other providers.
   */
  authMetadata?: Record<string, string>;
  serviceAccountToken?: string;
  /**
   * Without a token: a file to read it from, re-read as it rotates, the
   * way the Kubernetes plugin falls back to the pod's own service account.
   */
  serviceAccountTokenFile?: string;
  caData?: string;
  caFile?: string;
  skipTLSVerify: boolean;
  dashboardUrl?: string;
  /** The Kubernetes plugin's dashboard formatter, e.g. `standard`, `rancher`. */
  dashboardApp?: string;
  /** Its parameters, for dashboards without a URL (GKE, AKS). */
  dashboardParameters?: JsonObject;
}

/** Clusters a locator found (the catalog, GKE), and why it left others out. */
export interface LocatedClusters {
  clusters: ClusterDefinition[];
  problems: string[];
  /**
   * A locator failed before it ever answered: the clusters it holds are
   * unknown, not gone, so their stored data must stay.
   */
  incomplete?: boolean;
}

export interface CollectionSettings {
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** A collection older than this is shown as stale. */
  staleAfterMs: number;
  requestTimeoutMs: number;
  pageSize: number;
  /** Lists in flight per cluster. */
  concurrency: number;
  /**
   * Clusters listed at once by one backend process. Each full list holds
   * its cluster's objects until they are stored, so this bounds memory.
   */
  clusterConcurrency: number;
  /** Built-in resources to list (the defaults minus `excludeResources`). */
  resources: ResourceType[];
  /** Custom resources to list when their CRD is present, as `plural.group`. */
  customResources: Set<string>;
  /** Keep the data current with watches between two full collections. */
  watch: boolean;
  /** How long each run watches after its full collection. */
  watchWindowMs: number;
}

/** The clusters of the `config` entries of `kubernetes.clusterLocatorMethods`. */
function configClusters(config: Config): Config[] {
  return (
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? []
  )
    .filter(method => method.getString('type') === 'config')
    .flatMap(method => method.getOptionalConfigArray('clusters') ?? []);
}

const AUTH_PROVIDER = 'kubernetes.io/auth-provider';

/**
 * A cluster's auth settings as the Kubernetes plugin's config locator reads
 * them: `assumeRole` and `externalId`, overridden by an `authMetadata` block.
 * The token stays out: it is a secret, kept in its own field.
 */
function readAuthMetadata(cluster: Config): Record<string, string> {
  const assumeRole = cluster.getOptionalString('assumeRole');
  const externalId = cluster.getOptionalString('externalId');
  // Read raw: its keys (`kubernetes.io/...`) hold dots, which config paths split on.
  const block = cluster.getOptional('authMetadata');
  const fromBlock = Object.fromEntries(
    Object.entries(isObject(block) ? block : {}).filter(
      ([key, value]) =>
        typeof value === 'string' && key !== 'serviceAccountToken',
    ),
  ) as Record<string, string>;
  return {
    ...(assumeRole ? { 'kubernetes.io/aws-assume-role': assumeRole } : {}),
    ...(externalId ? { 'kubernetes.io/aws-external-id': externalId } : {}),
    ...fromBlock,
  };
}

/**
 * The cluster of a `localKubectlProxy` locator: `kubectl proxy` on its
 * default port, which adds the credentials itself, named `local` as the
 * Kubernetes plugin names it.
 */
function localKubectlProxyClusters(config: Config): ClusterDefinition[] {
  const methods =
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  return methods.some(
    method => method.getString('type') === 'localKubectlProxy',
  )
    ? [
        {
          name: 'local',
          url: 'http://127.0.0.1:8001',
          authProvider: 'localKubectlProxy',
          skipTLSVerify: false,
        },
      ]
    : [];
}

/**
 * The clusters of `kubernetes.clusterLocatorMethods` entries of type
 * `config`, so a portal that already runs the Kubernetes plugin configures
 * nothing twice, and the `localKubectlProxy` locator's cluster. Catalog
 * clusters are read by `readCatalogClusters`, those of the GKE locator by
 * `GkeClusters`.
 */
export function readClusterDefinitions(config: Config): ClusterDefinition[] {
  const configured = configClusters(config).map(cluster => {
    const authMetadata = readAuthMetadata(cluster);
    const authProvider =
      authMetadata[AUTH_PROVIDER] ??
      cluster.getOptionalString('authProvider') ??
      'serviceAccount';
    const serviceAccountToken = cluster.getOptionalString(
      'serviceAccountToken',
    );
    return {
      name: cluster.getString('name'),
      url: cluster.getString('url'),
      authProvider,
      ...(Object.keys(authMetadata).length > 0 ? { authMetadata } : {}),
      serviceAccountToken,
      ...(authProvider === 'serviceAccount' && !serviceAccountToken
        ? { serviceAccountTokenFile: IN_CLUSTER_TOKEN_FILE }
        : {}),
      caData: cluster.getOptionalString('caData'),
      caFile: cluster.getOptionalString('caFile'),
      skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify') ?? false,
      dashboardUrl: cluster.getOptionalString('dashboardUrl'),
      ...dashboardLinkSettings(cluster),
    };
  });
  const clusters = [...configured, ...localKubectlProxyClusters(config)];
  const seen = new Set<string>();
  for (const cluster of clusters) {
    if (seen.has(cluster.name)) {
      throw new InputError(
        `Invalid kubernetes.clusterLocatorMethods: cluster name '${cluster.name}' is used twice`,
      );
    }
    seen.add(cluster.name);
  }
  return clusters;
}

/** How the Kubernetes tab links objects to the cluster's dashboard, kept for ours. */
function dashboardLinkSettings(
  cluster: Config,
): Pick<ClusterDefinition, 'dashboardApp' | 'dashboardParameters'> {
  const app = cluster.getOptionalString('dashboardApp');
  const parameters = cluster.getOptional('dashboardParameters');
  return {
    ...(app ? { dashboardApp: app } : {}),
    ...(isObject(parameters)
      ? { dashboardParameters: parameters as JsonObject }
      : {}),
  };
}

const SERVICE_LOCATORS: ServiceLocatorMethod[] = [
  'multiTenant',
  'singleTenant',
  'catalogRelation',
];

/**
 * The Kubernetes plugin's `kubernetes.serviceLocatorMethod.type`, which says
 * on which clusters an entity is looked for; `multiTenant` without one.
 * A locator of a module (the plugin's extension point) is unknown here and
 * read as `multiTenant`, with `unknown` naming it for a warning.
 */
export function readServiceLocatorMethod(config: Config): {
  method: ServiceLocatorMethod;
  unknown?: string;
} {
  const type =
    config.getOptionalString('kubernetes.serviceLocatorMethod.type') ??
    'multiTenant';
  return SERVICE_LOCATORS.includes(type as ServiceLocatorMethod)
    ? { method: type as ServiceLocatorMethod }
    : { method: 'multiTenant', unknown: type };
}

const DEFAULT_FREQUENCY: HumanDuration = { minutes: 5 };

function durationMs(
  config: Config,
  key: string,
  fallback: HumanDuration,
): number {
  return durationToMilliseconds(
    config.has(key) ? readDurationFromConfig(config, { key }) : fallback,
  );
}

/**
 * The custom resources the Kubernetes plugin is configured to show
 * (`kubernetes.customResources` and each config cluster's
 * `customResources`), as `plural.group`: what its users already look at is
 * collected too, where the cluster has the CRD.
 */
function kubernetesPluginCustomResources(config: Config): string[] {
  const lists = [
    config.getOptionalConfigArray('kubernetes.customResources') ?? [],
    ...configClusters(config).map(
      cluster => cluster.getOptionalConfigArray('customResources') ?? [],
    ),
  ];
  return lists
    .flat()
    .map(
      resource =>
        `${resource.getString('plural')}.${resource.getString('group')}`,
    );
}

function readResources(ours: Config | undefined, config: Config) {
  const excluded = new Set(
    ours?.getOptionalStringArray('excludeResources') ?? [],
  );
  const shownByKubernetesPlugin = kubernetesPluginCustomResources(config);
  const known = new Set([
    ...BUILT_IN_RESOURCES.map(resourceName),
    ...TOOL_CUSTOM_RESOURCES.map(resourceName),
    ...shownByKubernetesPlugin,
  ]);
  for (const name of excluded) {
    if (!known.has(name)) {
      throw new InputError(
        `Invalid runtimeStack.clusters.excludeResources: '${name}' is not a collected resource; use one of ${[
          ...known,
        ].join(', ')}`,
      );
    }
  }
  const extra = ours?.getOptionalStringArray('customResources') ?? [];
  for (const name of extra) {
    if (!/^([a-z0-9-]+|\*)\.[a-z0-9.-]+$/.test(name)) {
      throw new InputError(
        `Invalid runtimeStack.clusters.customResources: '${name}' must be written plural.group, e.g. rollouts.argoproj.io, or *.group for all of a group`,
      );
    }
  }
  return {
    resources: BUILT_IN_RESOURCES.filter(r => !excluded.has(resourceName(r))),
    customResources: new Set(
      [
        ...TOOL_CUSTOM_RESOURCES.map(resourceName),
        ...shownByKubernetesPlugin,
        ...extra,
      ].filter(name => !excluded.has(name)),
    ),
  };
}

/** Our own collection settings, under `runtimeStack.clusters`. */
export function readCollectionSettings(config: Config): CollectionSettings {
  const ours = config.getOptionalConfig('runtimeStack.clusters');
  // A cron or manually triggered schedule has no period of its own to
  // derive the windows from; it counts as the default one.
  const frequencyMs = (schedule: SchedulerServiceTaskScheduleDefinition) =>
    'cron' in schedule.frequency || 'trigger' in schedule.frequency
      ? durationToMilliseconds(DEFAULT_FREQUENCY)
      : durationToMilliseconds(schedule.frequency as HumanDuration);
  const schedule: SchedulerServiceTaskScheduleDefinition = ours?.has('schedule')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        ours.getConfig('schedule'),
      )
    : {
        frequency: DEFAULT_FREQUENCY,
        timeout: DEFAULT_FREQUENCY,
        initialDelay: { seconds: 3 },
      };
  const periodMs = frequencyMs(schedule);
  const timeoutMs = durationToMilliseconds(schedule.timeout as HumanDuration);
  return {
    schedule,
    staleAfterMs: ours?.has('staleAfter')
      ? durationMs(ours, 'staleAfter', {})
      : 3 * periodMs,
    requestTimeoutMs: ours
      ? durationMs(ours, 'requestTimeout', { seconds: 30 })
      : 30_000,
    pageSize: readPositiveInteger(
      config,
      'runtimeStack.clusters.pageSize',
      500,
    ),
    concurrency: readPositiveInteger(
      config,
      'runtimeStack.clusters.concurrency',
      4,
    ),
    clusterConcurrency: readPositiveInteger(
      config,
      'runtimeStack.clusters.clusterConcurrency',
      8,
    ),
    ...readResources(ours, config),
    watch: ours?.getOptionalBoolean('watch') ?? true,
    // The next run lists everything again, so the watch ends a little before
    // it; the task's own timeout bounds it too.
    watchWindowMs: ours?.has('watchWindow')
      ? durationMs(ours, 'watchWindow', {})
      : Math.max(0, Math.min(periodMs, timeoutMs) - 15_000),
  };
}
