export interface Config {
  runtimeStack?: {
    /**
     * A platform team's changes to the runtime stack's layer model (layers 0
     * to 6, their capabilities and known tools), applied on top of the model
     * that ships with the plugins. Read by the runtime-stack backend and by
     * the catalog module that validates `runtime-stack.io/` annotations.
     */
    layerModel?: {
      /** New capabilities, each placed in an existing layer. */
      capabilities?: Array<{
        /** The layer the capability belongs to, 0 to 6. */
        layer: number;
        /** Kebab-case id, unique across the whole model, e.g. `feature-flags`. */
        id: string;
        /** Display name, e.g. `Feature flags`. */
        title: string;
        /** What the capability gives a service, in a sentence or two. */
        description: string;
        /** Kebab-case group inside the layer, e.g. `observability`. */
        group?: string;
        /** Whether most services can do without it; requirement profiles decide per service. */
        optional?: boolean;
        /**
         * Whether every workload on a cluster runs with the cluster's tool
         * for it (as with the container runtime or the CNI), so that a
         * service uses what each cluster it runs on provides.
         */
        providedByCluster?: boolean;
        /** The tools known to provide the capability. */
        tools?: Array<{
          /** Kebab-case id, the same wherever the tool appears, e.g. `unleash`. */
          id: string;
          /** Display name, e.g. `Unleash`. */
          title: string;
          /** The tool's home page. */
          url?: string;
          /**
           * Ids of other tools of this capability that this tool runs or
           * manages, e.g. `[prometheus]` for a Prometheus operator: evidence
           * of either then confirms a declaration of the other.
           */
          runs?: string[];
        }>;
      }>;
      /**
       * Extra known tools for existing capabilities, keyed by capability id,
       * e.g. `metrics: [{ id: victoria-metrics, title: VictoriaMetrics }]`.
       */
      tools?: {
        [capabilityId: string]: Array<{
          /** Kebab-case id, the same wherever the tool appears. */
          id: string;
          /** Display name. */
          title: string;
          /** The tool's home page. */
          url?: string;
          /**
           * Ids of other tools of this capability that this tool runs or
           * manages, e.g. `[prometheus]` for a Prometheus operator: evidence
           * of either then confirms a declaration of the other.
           */
          runs?: string[];
        }>;
      };
      /**
       * Changes to existing capabilities, keyed by capability id: a new
       * title or description, or whether the capability is optional.
       */
      overrides?: {
        [capabilityId: string]: {
          /** New display name. */
          title?: string;
          /** New description. */
          description?: string;
          /** Mark the capability optional (`true`) or required (`false`). */
          optional?: boolean;
          /** Whether a service uses the tool the cluster it runs on provides for it. */
          providedByCluster?: boolean;
          /**
           * Changes to the capability's existing tools, keyed by tool id,
           * e.g. `consul-connect: { runs: [envoy] }`.
           */
          tools?: {
            [toolId: string]: {
              /**
               * Replaces the ids of the tools of this capability that the
               * tool runs or manages; `[]` removes what the model ships.
               */
              runs?: string[];
            };
          };
        };
      };
      /** New titles for layers, keyed by layer number, e.g. `6: Workloads`. */
      layerTitles?: {
        [layer: string]: string;
      };
    };
  };
}
