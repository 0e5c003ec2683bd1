/**
 * A tool that can provide a capability, for example Cilium for CNI networking.
 *
 * @public
 */
export interface RuntimeTool {
  /** Kebab-case id, stable across capabilities (`argo-cd` is the same tool under CI/CD and GitOps). */
  id: string;
  title: string;
  url?: string;
  /**
   * Ids of other tools of the same capability that this tool runs or manages
   * for it: an operator and what it operates (the Prometheus Operator runs
   * Prometheus), a control plane and its proxies (Istio runs Envoy). Such
   * tools are one thing seen from two angles, so coverage lets evidence of
   * either confirm a declaration of the other instead of calling it a
   * conflict. Read in both directions, one step only: two tools that both run
   * Envoy are not related to each other through it.
   */
  runs?: string[];
}

/**
 * Something a service's runtime needs from a layer, for example ingress or metrics.
 *
 * @public
 */
export interface RuntimeCapability {
  /** Kebab-case id, unique across the whole model. */
  id: string;
  title: string;
  description: string;
  /** Groups related capabilities inside a layer, for example `observability`. */
  group?: string;
  /**
   * Most services can do without it: a profile that requires its whole layer
   * (`layer-N`) only recommends it; a profile that names it requires it.
   */
  optional?: boolean;
  /**
   * Every workload on a cluster runs with the cluster's tool for it (its
   * platform, DNS, container runtime, CNI): a service uses what each cluster
   * it runs on provides, without an object of its own to show it.
   */
  providedByCluster?: boolean;
  tools: RuntimeTool[];
}

/**
 * One layer of the runtime stack, from 0 (platform) to 6 (the application).
 *
 * @public
 */
export interface RuntimeLayer {
  id: number;
  title: string;
  description: string;
  capabilities: RuntimeCapability[];
}

/**
 * The layered runtime model: layers, their capabilities and known tools.
 *
 * @public
 */
export interface LayerModel {
  version: string;
  layers: RuntimeLayer[];
}

/**
 * Additions a platform team or a backend module makes to the layer model.
 *
 * @public
 */
export interface LayerModelExtension {
  /** New capabilities, each placed in an existing layer. */
  capabilities?: Array<RuntimeCapability & { layer: number }>;
  /** Extra tools for existing capabilities, keyed by capability id. */
  tools?: Record<string, RuntimeTool[]>;
  /**
   * Changes to existing capabilities, keyed by capability id: a platform team
   * renames one in its own words or marks it optional for its estate.
   */
  overrides?: Record<
    string,
    {
      title?: string;
      description?: string;
      optional?: boolean;
      providedByCluster?: boolean;
      /**
       * Changes to the capability's existing tools, keyed by tool id; `runs`
       * replaces the tool's list (`[]` removes a relation the model ships).
       */
      tools?: Record<string, { runs?: string[] }>;
    }
  >;
  /** New titles for existing layers, keyed by layer number. */
  layerTitles?: Record<number, string>;
}
