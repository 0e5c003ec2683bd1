import type { ToolFinding } from '../detection';

/**
 * How fresh one cluster's collected data is.
 *
 * @public
 */
export interface ClusterFreshness {
  /** When the data was collected; absent until the first success. */
  lastSuccessAt?: string;
  lastAttemptAt?: string;
  /** Seconds since lastSuccessAt. */
  ageSeconds?: number;
  /** Older than the configured staleAfter, or never collected. */
  stale: boolean;
  /** Why the last attempt failed; the data shown is then the last good one. */
  lastError?: string;
  /** Resources the collector could not read (forbidden, not served). */
  warnings: string[];
}

/**
 * Where a cluster's dashboard is, as the Kubernetes plugin's config says.
 *
 * @public
 */
export interface ClusterDashboard {
  dashboardUrl?: string;
  /** The Kubernetes plugin's formatter for links into it, e.g. `standard`. */
  dashboardApp?: string;
  /** The formatter's parameters, for dashboards without a URL (GKE, AKS). */
  dashboardParameters?: { [key: string]: unknown };
}

/**
 * A configured cluster and what was found on it.
 *
 * @public
 */
export interface ClusterSummary extends ClusterFreshness, ClusterDashboard {
  name: string;
  /**
   * The catalog's `kubernetes-cluster` Resource that declares the cluster;
   * absent for clusters of the config.
   */
  entityRef?: string;
  /** Where a cluster neither configured nor in the catalog was located, e.g. `GKE project acme-prod (every location)`. */
  origin?: string;
  serverVersion?: string;
  objectCount: number;
  /** Tools the cluster provides, cluster-wide, with evidence. */
  platformTools: ToolFinding[];
}

/**
 * A workload of a service (Deployment, StatefulSet, DaemonSet, CronJob, Job)
 * and the state of its pods.
 *
 * @public
 */
export interface WorkloadSummary {
  kind: string;
  namespace: string;
  name: string;
  /**
   * Replicas asked for; for a DaemonSet, the nodes it should run on. Absent
   * for Jobs and CronJobs.
   */
  desiredReplicas?: number;
  /**
   * Replicas ready; absent for Jobs and CronJobs, whose pods run to
   * completion rather than stay ready.
   */
  readyReplicas?: number;
  images: string[];
  pods: {
    total: number;
    running: number;
    pending: number;
    failed: number;
    /** Run to completion (a Job's); absent from answers of backends before it. */
    succeeded?: number;
    ready: number;
    restarts: number;
  };
}

/**
 * A reference to a Kubernetes object, for evidence and listings.
 *
 * @public
 */
export interface ClusterObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/**
 * What one cluster runs of a service.
 *
 * @public
 */
export interface EntityClusterView extends ClusterFreshness, ClusterDashboard {
  cluster: string;
  /** The catalog's `kubernetes-cluster` Resource that declares the cluster, if any. */
  entityRef?: string;
  /** Where a cluster neither configured nor in the catalog was located. */
  origin?: string;
  namespaces: string[];
  workloads: WorkloadSummary[];
  /** Every object of the service on the cluster. */
  objects: ClusterObjectRef[];
  /** Tools this service itself uses there, with evidence. */
  tools: ToolFinding[];
  /**
   * Tools of the cluster that every workload on it runs with, this service's
   * included: its platform, DNS, container runtime and CNI.
   */
  providedByCluster?: ToolFinding[];
}

/**
 * The answer of `GET /entities/:kind/:namespace/:name/clusters`.
 *
 * @public
 */
export interface EntityClusters {
  entityRef: string;
  /** How objects were matched, the way the Kubernetes plugin matches them. */
  selector: {
    labelSelector: string;
    /**
     * Why the label selector cannot be read, naming its annotation: it then
     * matches no objects until the annotation is fixed.
     */
    problem?: string;
    namespace?: string;
    cluster?: string;
    /**
     * With the `catalogRelation` service locator: the cluster Resources the
     * entity depends on, the only clusters looked at.
     */
    dependsOnClusters?: string[];
  };
  /** Clusters where the service has objects. */
  clusters: EntityClusterView[];
  /** Clusters that could not be checked: never collected, or failing without any data. */
  unavailable: Array<{ cluster: string; lastError?: string }>;
}
