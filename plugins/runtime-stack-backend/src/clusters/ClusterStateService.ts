import type { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  toolsProvidedByCluster,
  type ClusterFreshness,
  type ClusterObject,
  type ClusterSummary,
  type EntityClusters,
  type EntityClusterView,
  type ToolFinding,
} from '@internal/backstage-plugin-runtime-stack-common';
import type { ClusterDefinition } from './clusterConfig';
import type { ClusterDirectory } from './ClusterDirectory';
import type {
  ClusterCollectionState,
  ClusterSnapshotStore,
} from './ClusterSnapshotStore';
import {
  entitySelectorOf,
  type EntitySelector,
  type ServiceLocatorMethod,
} from './entitySelector';
import {
  matchesLabelSelector,
  parseLabelSelector,
} from '@internal/backstage-plugin-runtime-stack-common';
import { summarizeWorkloads } from './summarizeWorkloads';
import { plannedServiceObjects, type PlannedService } from './plannedService';

/** Objects that tell what a service uses, looked up in its namespaces. */
const NAMESPACED_CONTEXT_KINDS = [
  'Certificate',
  'Issuer',
  'ServiceMonitor',
  'PodMonitor',
  'PrometheusRule',
  'NetworkPolicy',
  'Policy',
  'VirtualService',
  'HTTPRoute',
  'VulnerabilityReport',
];
/** Objects that tell what a service uses wherever they live. */
const CLUSTER_CONTEXT_KINDS = [
  'Namespace',
  'IngressClass',
  'StorageClass',
  'CSIDriver',
  'RuntimeClass',
  'ClusterIssuer',
  'ClusterPolicy',
  'Schedule',
  'Application',
  'Kustomization',
  'HelmRelease',
  'Gateway',
];
/**
 * Groups whose every kind tells what a service uses wherever it lives:
 * each Gatekeeper constraint template makes a kind of its own.
 */
const CLUSTER_CONTEXT_GROUPS = ['constraints.gatekeeper.sh'];
/**
 * What an entity's selector can select, by label selector or kubernetes-id:
 * the Kubernetes tab's object types. A platform object that carries the
 * service's label too (its Namespace, an Argo CD Application or Flux
 * HelmRelease on a management cluster, a CRD) is not the service's: it
 * says what the service uses, read as context (see `contextOf`), and must
 * not make a cluster one the service runs on.
 */
const SELECTABLE_KINDS = [
  'Pod',
  'Service',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'Ingress',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
  'PersistentVolumeClaim',
  ...NAMESPACED_CONTEXT_KINDS,
];

/** The namespaces the objects live in, sorted. */
function namespacesOf(objects: ClusterObject[]): string[] {
  return [...new Set(objects.map(o => o.metadata.namespace ?? ''))]
    .filter(Boolean)
    .sort();
}

export interface ClusterStateServiceOptions {
  /** The clusters served, which may change as the catalog declares them. */
  clusters: Pick<ClusterDirectory, 'list'>;
  /** How an entity's clusters are found; default `multiTenant`. */
  serviceLocator?: ServiceLocatorMethod;
  store: ClusterSnapshotStore;
  staleAfterMs: number;
  detectServiceTools: (input: {
    serviceObjects: ClusterObject[];
    clusterObjects: ClusterObject[];
  }) => ToolFinding[];
  /**
   * Of a cluster's platform tools, those every workload on it runs with;
   * default: the `providedByCluster` capabilities of the default layer model.
   */
  providedByCluster?: (clusterTools: ToolFinding[]) => ToolFinding[];
  now?: () => Date;
}

/** The Resource that declares a cluster from the catalog, for views to link, or where else it was located. */
const locatedBy = ({ entityRef, origin }: ClusterDefinition) => ({
  ...(entityRef ? { entityRef } : {}),
  ...(origin ? { origin } : {}),
});

/** What a view needs to link to the cluster's dashboard, where configured. */
function dashboardOf(cluster: ClusterDefinition) {
  const { dashboardUrl, dashboardApp, dashboardParameters } = cluster;
  return {
    ...(dashboardUrl ? { dashboardUrl } : {}),
    ...(dashboardApp ? { dashboardApp } : {}),
    ...(dashboardParameters ? { dashboardParameters } : {}),
  };
}

/**
 * Answers from the store what the clusters hold: never asks a cluster
 * during a page view.
 */
export class ClusterStateService {
  constructor(private readonly options: ClusterStateServiceOptions) {}

  async clusters(): Promise<ClusterSummary[]> {
    const states = await this.statesByCluster();
    return this.options.clusters.list().map(cluster => {
      const state = states.get(cluster.name);
      return {
        name: cluster.name,
        ...locatedBy(cluster),
        ...dashboardOf(cluster),
        ...(state?.serverVersion ? { serverVersion: state.serverVersion } : {}),
        ...this.freshnessOf(state),
        objectCount: state?.objectCount ?? 0,
        platformTools: state?.platformTools ?? [],
      };
    });
  }

  /** The entity's stored objects per cluster, matched as the Kubernetes plugin matches them. */
  async entityObjects(entity: Entity): Promise<Map<string, ClusterObject[]>> {
    const selector = entitySelectorOf(entity, this.options.serviceLocator);
    return this.objectsOf(
      selector,
      this.clustersFor(selector).map(c => c.name),
    );
  }

  /**
   * The configured clusters where the store holds objects of the entity,
   * matched as the cluster view matches them, in configuration order: the
   * clusters a service runs on, read with one query. A kubernetes-id is
   * matched by the database alone, without reading the objects; a label
   * selector needs their labels.
   */
  async entityClusterNames(entity: Entity): Promise<string[]> {
    const selector = entitySelectorOf(entity, this.options.serviceLocator);
    const clusters = this.clustersFor(selector).map(c => c.name);
    if (clusters.length === 0) {
      return [];
    }
    const holding = new Set(
      selector.kubernetesId !== undefined
        ? await this.options.store.clustersHolding({
            clusters,
            kubernetesId: selector.kubernetesId,
            namespaces: selector.namespace ? [selector.namespace] : undefined,
            kinds: SELECTABLE_KINDS,
          })
        : (await this.objectsOf(selector, clusters)).keys(),
    );
    return clusters.filter(name => holding.has(name));
  }

  async entityClusters(entity: Entity): Promise<EntityClusters> {
    return (await this.entityClustersWithObjects(entity)).clusters;
  }

  /**
   * The entity's clusters view together with the objects it was made from,
   * for callers that need both without reading the objects twice.
   */
  async entityClustersWithObjects(entity: Entity): Promise<{
    clusters: EntityClusters;
    objects: Map<string, ClusterObject[]>;
    /** What the objects refer to in each cluster (see `contextsOf`). */
    contexts: Map<string, ClusterObject[]>;
    /** The platform tools of each cluster the entity runs on. */
    platformTools: Map<string, ToolFinding[]>;
  }> {
    const selector = entitySelectorOf(entity, this.options.serviceLocator);
    const clusters = this.clustersFor(selector);
    const states = await this.statesByCluster();
    const found = await this.objectsOf(
      selector,
      clusters.map(c => c.name),
    );

    const views: EntityClusterView[] = [];
    const contexts = new Map<string, ClusterObject[]>();
    const unavailable: EntityClusters['unavailable'] = [];
    for (const cluster of clusters) {
      const state = states.get(cluster.name);
      const objects = found.get(cluster.name) ?? [];
      if (objects.length === 0) {
        // Never collected, or failing now: its last good data may predate
        // the service, so "not there" is not known.
        if (!state?.lastSuccessAt || state.lastError) {
          unavailable.push({
            cluster: cluster.name,
            ...(state?.lastError ? { lastError: state.lastError } : {}),
          });
        }
        continue;
      }
      const namespaces = namespacesOf(objects);
      const context = await this.contextOf(cluster.name, namespaces);
      contexts.set(cluster.name, context);
      views.push(this.viewOf(cluster, state, objects, namespaces, context));
    }
    return {
      objects: found,
      contexts,
      platformTools: new Map(
        clusters
          .filter(cluster => found.has(cluster.name))
          .map(({ name }) => [name, states.get(name)?.platformTools ?? []]),
      ),
      clusters: {
        entityRef: stringifyEntityRef(entity),
        selector: {
          labelSelector: selector.labelSelector,
          ...(selector.problem ? { problem: selector.problem } : {}),
          ...(selector.namespace ? { namespace: selector.namespace } : {}),
          ...(selector.cluster ? { cluster: selector.cluster } : {}),
          ...(selector.dependsOnClusters
            ? { dependsOnClusters: selector.dependsOnClusters }
            : {}),
        },
        clusters: views,
        unavailable,
      },
    };
  }

  /**
   * What one cluster would show of a service that does not run there yet,
   * from its last collection: the view of the planned service's objects
   * among the cluster's own, and the cluster's platform tools.
   */
  async plannedServiceView(plan: PlannedService): Promise<{
    view: EntityClusterView;
    freshness: ClusterFreshness;
    platformTools: ToolFinding[];
  }> {
    const cluster = this.options.clusters
      .list()
      .find(c => c.name === plan.cluster);
    if (!cluster) {
      throw new NotFoundError(`No cluster named '${plan.cluster}'`);
    }
    const state = (await this.statesByCluster()).get(cluster.name);
    const namespaces = [plan.namespace];
    const context = await this.contextOf(cluster.name, namespaces);
    return {
      view: this.viewOf(
        cluster,
        state,
        plannedServiceObjects(plan),
        namespaces,
        context,
      ),
      freshness: this.freshnessOf(state),
      platformTools: state?.platformTools ?? [],
    };
  }

  private clustersFor(selector: EntitySelector): ClusterDefinition[] {
    return this.options.clusters
      .list()
      .filter(
        c =>
          (!selector.cluster || c.name === selector.cluster) &&
          (!selector.dependsOnClusters ||
            selector.dependsOnClusters.includes(c.name)),
      );
  }

  /**
   * What a service's objects refer to, per cluster: the objects of their
   * namespaces that say what the service uses (Certificates, monitors,
   * policies, scan reports, …) and the cluster-wide ones (classes, issuers,
   * Schedules, Applications, …).
   */
  async contextsOf(
    objects: ReadonlyMap<string, ClusterObject[]>,
  ): Promise<Map<string, ClusterObject[]>> {
    const entries = await Promise.all(
      [...objects].map(
        async ([cluster, list]) =>
          [cluster, await this.contextOf(cluster, namespacesOf(list))] as const,
      ),
    );
    return new Map(entries);
  }

  private viewOf(
    cluster: ClusterDefinition,
    state: ClusterCollectionState | undefined,
    objects: ClusterObject[],
    namespaces: string[],
    context: ClusterObject[],
  ): EntityClusterView {
    return {
      cluster: cluster.name,
      ...locatedBy(cluster),
      ...dashboardOf(cluster),
      ...this.freshnessOf(state),
      namespaces,
      workloads: summarizeWorkloads(objects),
      objects: objects.map(o => ({
        apiVersion: o.apiVersion,
        kind: o.kind,
        ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
        name: o.metadata.name,
      })),
      tools: this.options.detectServiceTools({
        serviceObjects: objects,
        clusterObjects: context,
      }),
      providedByCluster: (
        this.options.providedByCluster ?? toolsProvidedByCluster
      )(state?.platformTools ?? []),
    };
  }

  /** The entity's objects per cluster: none for a selector that cannot be read. */
  private async objectsOf(
    selector: EntitySelector,
    clusters: string[],
  ): Promise<Map<string, ClusterObject[]>> {
    if (clusters.length === 0 || selector.problem) return new Map();
    const namespaces = selector.namespace ? [selector.namespace] : undefined;
    const rows =
      selector.kubernetesId !== undefined
        ? await this.options.store.findObjects({
            clusters,
            kubernetesId: selector.kubernetesId,
            namespaces,
            kinds: SELECTABLE_KINDS,
          })
        : await this.matchingSelector(selector, clusters, namespaces);
    const byCluster = new Map<string, ClusterObject[]>();
    for (const { cluster, object } of rows) {
      byCluster.set(cluster, [...(byCluster.get(cluster) ?? []), object]);
    }
    return byCluster;
  }

  private async matchingSelector(
    selector: EntitySelector,
    clusters: string[],
    namespaces: string[] | undefined,
  ) {
    const requirements = parseLabelSelector(selector.labelSelector);
    const rows = await this.options.store.findObjects({
      clusters,
      namespaces,
      kinds: SELECTABLE_KINDS,
      labels: requirements,
    });
    // The database narrows by its JSON functions; the selector's meaning is
    // this rule's, whatever a label's JSON holds.
    return rows.filter(row =>
      matchesLabelSelector(requirements, row.object.metadata.labels),
    );
  }

  private async contextOf(
    cluster: string,
    namespaces: string[],
  ): Promise<ClusterObject[]> {
    const { store } = this.options;
    const [namespaced, clusterWide, grouped] = await Promise.all([
      store.findObjects({
        clusters: [cluster],
        namespaces,
        kinds: NAMESPACED_CONTEXT_KINDS,
      }),
      store.findObjects({ clusters: [cluster], kinds: CLUSTER_CONTEXT_KINDS }),
      store.findObjects({
        clusters: [cluster],
        apiGroups: CLUSTER_CONTEXT_GROUPS,
      }),
    ]);
    return [...namespaced, ...clusterWide, ...grouped]
      .map(row => row.object)
      .filter(
        o => o.kind !== 'Namespace' || namespaces.includes(o.metadata.name),
      );
  }

  private async statesByCluster() {
    const states = await this.options.store.states();
    return new Map(states.map(state => [state.cluster, state]));
  }

  private freshnessOf(
    state: ClusterCollectionState | undefined,
  ): ClusterFreshness {
    const now = (this.options.now ?? (() => new Date()))().getTime();
    const ageMs = state?.lastSuccessAt
      ? now - new Date(state.lastSuccessAt).getTime()
      : undefined;
    return {
      ...(state?.lastSuccessAt ? { lastSuccessAt: state.lastSuccessAt } : {}),
      ...(state?.lastAttemptAt ? { lastAttemptAt: state.lastAttemptAt } : {}),
      ...(ageMs !== undefined ? { ageSeconds: Math.round(ageMs / 1000) } : {}),
      stale: ageMs === undefined || ageMs > this.options.staleAfterMs,
      ...(state?.lastError ? { lastError: state.lastError } : {}),
      warnings: state?.warnings ?? [],
    };
  }
}
