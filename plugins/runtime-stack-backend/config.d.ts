import type { HumanDuration } from '@backstage/types';
import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  runtimeStack?: {
    /**
     * How cluster state is collected. The clusters themselves come from
     * `kubernetes.clusterLocatorMethods` (entries of type `config` and
     * `localKubectlProxy`, the catalog's `kubernetes-cluster` Resources with
     * a `catalog` entry, and a Google project's clusters with a `gke`
     * entry), the same configuration the Kubernetes plugin reads.
     */
    clusters?: {
      /**
       * When each cluster is listed in full; every cluster is its own task,
       * so several backend replicas share the clusters. Default: every 5
       * minutes, with a 5 minute timeout. Its `scope` is ignored: each task
       * runs on one replica at a time.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * Clusters the catalog declares (`kubernetes-cluster` Resources, with
       * a `catalog` entry in `kubernetes.clusterLocatorMethods`).
       */
      catalog?: {
        /**
         * The API server hosts (`*.example.com` for a domain) whose catalog
         * clusters are collected. Whoever registers an entity names its URL,
         * and the backend would send its cloud identity there, so nothing
         * is collected from the catalog until this names the hosts.
         */
        allowedHosts?: string[];
      };
      /**
       * The clusters of `gke` entries in `kubernetes.clusterLocatorMethods`,
       * listed with the backend's Google identity
       * (`kubernetes.googleServiceAccountCredentials`, else Application
       * Default Credentials).
       */
      gke?: {
        /**
         * The GKE API to list clusters from. Default
         * `https://container.googleapis.com`; a Private Service Connect
         * endpoint or a proxy in front of it.
         */
        apiUrl?: string;
      };
      /** Keep data current with watches between full lists. Default true. */
      watch?: boolean;
      /**
       * How long a run watches after its full list. Default: the schedule's
       * period (or timeout, if shorter) minus 15 seconds. A `cron` or
       * manually triggered schedule counts as a period of 5 minutes here:
       * set this with one.
       */
      watchWindow?: HumanDuration | string;
      /**
       * Data older than this is shown as stale. Default: three periods, a
       * `cron` or manually triggered schedule counting as 5 minutes: set
       * this with one.
       */
      staleAfter?: HumanDuration | string;
      /** Timeout of every request to a cluster. Default 30 seconds. */
      requestTimeout?: HumanDuration | string;
      /** Items per list page (`limit`). Default 500. */
      pageSize?: number;
      /** Lists in flight per cluster. Default 4. */
      concurrency?: number;
      /**
       * Clusters listed in full at once by one backend process; the others
       * wait their turn, keeping their last snapshot. A list holds its
       * cluster's objects until they are stored, so this bounds memory.
       * Watches are not counted. Default 8.
       */
      clusterConcurrency?: number;
      /**
       * Resources not to collect, written `plural` for the core group or
       * `plural.group`, e.g. `persistentvolumeclaims` or
       * `networkpolicies.networking.k8s.io`.
       */
      excludeResources?: string[];
      /**
       * More custom resources to collect when the cluster has their CRD,
       * written `plural.group`, e.g. `rollouts.argoproj.io`, or `*.group`
       * for every resource of a group. Those of the Kubernetes plugin's
       * `customResources` settings are collected without being listed here.
       */
      customResources?: string[];
    };
    /**
     * Image registries: which ones are read, and how drift is judged. An
     * image on a host that is not listed is shown with what the cluster says
     * about it and never fetched.
     */
    images?: {
      registries?: Array<{
        /** `host[:port]` as image references name it, e.g. `registry.example.com`. */
        host: string;
        /** Speak http instead of https, for a registry on loopback. */
        insecure?: boolean;
        /**
         * Where to reach the registry when not at `host`, e.g. a mirror:
         * `http://127.0.0.1:5000`.
         */
        url?: string;
        /** Basic credentials, also sent to the token realm. */
        username?: string;
        /** @visibility secret */
        password?: string;
        /**
         * A static bearer token.
         * @visibility secret
         */
        token?: string;
        /**
         * Repositories that may be read, `*` for one path segment and `**`
         * for any, e.g. `payments/**`. Every repository of the host when absent.
         */
        repositories?: string[];
        /**
         * The layer model's container-registry tool this registry is, e.g.
         * `harbor`, named as evidence for the images read from it.
         * Well-known hosts (`docker.io`, `ghcr.io`, ECR, GCR, ACR, …) are
         * recognised without it.
         */
        tool?: string;
      }>;
      /** When the registries are read. Default: every 30 minutes; `scope` is ignored (one replica at a time). */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** An image built longer ago than this counts as drift. Default 90. */
      maxAgeDays?: number;
      /** Repositories read at once. Default 4. */
      concurrency?: number;
      /** Timeout of each registry request, in seconds. Default 15. */
      requestTimeoutSeconds?: number;
    };
    /**
     * Where services' telemetry lives. Prometheus and Grafana answers are
     * cached for `cacheTtlSeconds` (default 60).
     */
    observability?: {
      prometheus?: Array<{
        /** How answers name this source; default: the URL's host. */
        name?: string;
        /**
         * Its API; may carry Basic credentials (`https://user:pass@host`).
         * @visibility secret
         */
        url: string;
        /**
         * Where people open its web UI, for the graph links of the
         * `prometheus.io/rule` queries; default `url`, without credentials.
         */
        publicUrl?: string;
        /** The clusters it scrapes; every cluster when absent. */
        clusters?: string[];
        /**
         * Extra request headers, e.g. a tenant id or an Authorization header.
         * @deepVisibility secret
         */
        headers?: { [name: string]: string };
      }>;
      /**
       * Without it, the Grafana plugin's settings are used: its proxy
       * endpoint (`grafana.proxyPath`, default `/grafana/api`) for the API
       * and `grafana.domain` for links.
       */
      grafana?: {
        /**
         * Where the API is called; may be an address only the backend
         * reaches, and may carry Basic credentials.
         * @visibility secret
         */
        url: string;
        /** Where people open Grafana, for links; default `url`. */
        publicUrl?: string;
        /**
         * A service account token.
         * @visibility secret
         */
        token?: string;
      };
      /**
       * Links to tools without an API we call (logs, traces, on-call), with
       * `${service}`, `${namespace}` and `${cluster}` placeholders.
       */
      links?: Array<{ title: string; url: string; type?: string }>;
      /** How long Prometheus and Grafana answers are cached, in whole seconds of at least 1. Default 60. */
      cacheTtlSeconds?: number;
    };
    /**
     * How coverage is judged: requirement profiles say which capabilities a
     * service must (required), should (recommended) or need not
     * (notApplicable) have; entries are capability ids or `layer-N`.
     * Profiles with the id of a default (tier-1, tier-2, experimental)
     * replace it. A service's profile comes from its
     * `runtime-stack.io/requirement-profile` annotation, its System's, its
     * `spec.lifecycle` through `byLifecycle`, or `defaultProfile`.
     */
    coverage?: {
      profiles?: Array<{
        id: string;
        title?: string;
        description?: string;
        required?: string[];
        recommended?: string[];
        notApplicable?: string[];
      }>;
      /** e.g. `{ production: tier-1, experimental: experimental }`. */
      byLifecycle?: { [lifecycle: string]: string };
      defaultProfile?: string;
      /**
       * When every Component's coverage is evaluated and stored, besides
       * right after each cluster and registry collection. Default: every
       * 10 minutes, 30-minute timeout, first run 15 s after start. Its
       * `scope` is ignored: one replica evaluates at a time.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Components evaluated at once. Default 8. */
      concurrency?: number;
    };
    scorecards?: {
      /** Days of daily coverage snapshots kept for trends. Default 180. */
      retentionDays?: number;
    };
    /**
     * Notifications to a service's owners through the notifications plugin
     * (`@backstage/plugin-notifications-backend` must be installed). The
     * notifications backend sends a component or System's notices to the
     * members of its owner group.
     */
    notifications?: {
      /** Send anything at all. Default false. */
      enabled?: boolean;
      /**
       * When an evaluation finds a required capability worse than at the
       * previous one (covered or exempt to partial or missing, partial to
       * missing). Not for a capability read from an evidence source that
       * failed. Default true.
       */
      coverageRegressions?: boolean;
      exemptionExpiry?: {
        /** Days before an exemption expires that its owners and requester are told, once. Default 14. */
        warnDays?: number;
        /** When exemptions are checked. Default: every hour, first check a minute after start; `scope` is ignored (one replica at a time). */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
    ownership?: {
      /**
       * The organisation's default owners: what every service inherits when
       * no cluster, environment, System or component record says otherwise.
       * Each entry names `layers` (numbers 0-6) or `capabilities` (ids of
       * the layer model), or both.
       */
      defaults?: Array<{
        /** Entity ref of the owning Group, e.g. `group:default/platform-team` or `platform-team`. */
        owner: string;
        /** Layers the group owns as a whole. */
        layers?: number[];
        /** Single capabilities the group owns, e.g. `metrics`. */
        capabilities?: string[];
        /** `operates` (the default), `supports` or `consumes`. */
        responsibility?: 'operates' | 'supports' | 'consumes';
        /** A short note shown with the owner. */
        note?: string;
        /** A runbook or channel URL. */
        link?: string;
      }>;
    };
  };
}
