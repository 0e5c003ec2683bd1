import type { ClusterFreshness } from './cluster/clusterViews';
import type {
  CoverageEvidence,
  LayerCoverage,
  OfferedTool,
  ServiceCoverage,
} from './layerCoverage';

/**
 * The answer of `GET /entities/:kind/:namespace/:name/coverage`.
 *
 * @public
 */
export type EntityCoverage = ServiceCoverage & {
  entityRef: string;
  /** When the backend last evaluated it, after a collection. */
  evaluatedAt: string;
  /** Evidence sources that failed; coverage is computed from the others. */
  sourceErrors: Array<{ source: string; message: string }>;
};

/**
 * The answer of `GET /coverage/planned`: what one cluster gives a service
 * that does not run there yet, had it a Deployment named `name` in
 * `namespace` (and the RuntimeClass `runtimeClass`): the tools every
 * workload there runs with, those the cluster's objects apply to the
 * namespace (backup Schedules, admission policies, NetworkPolicies), the
 * observability links its configuration would make, and the platform's
 * other tools as offers for the gaps. With the cluster's freshness, since
 * it is all read from the last collection.
 *
 * @public
 */
export interface PlannedServiceEvidence extends ClusterFreshness {
  cluster: string;
  namespace: string;
  name: string;
  runtimeClass?: string;
  evidence: CoverageEvidence[];
  offered: OfferedTool[];
}

/**
 * One component of a System, as the System's coverage lists it.
 *
 * @public
 */
export interface ComponentCoverageSummary {
  entityRef: string;
  profile: { id: string; title: string };
  overall: ServiceCoverage['overall'];
  layers: LayerCoverage[];
  /** Required capabilities missing or partial. */
  gapCount: number;
  evaluatedAt: string;
}

/**
 * A capability that is a gap for some of a System's components.
 *
 * @public
 */
export interface AggregatedGap {
  capability: string;
  title: string;
  layer: number;
  missing: number;
  partial: number;
  /** The components that have this gap. */
  components: string[];
}

/**
 * The answer of `GET /systems/:namespace/:name/coverage`: the coverage of a
 * System's components, added up per layer and overall.
 *
 * @public
 */
export interface SystemCoverage {
  entityRef: string;
  components: ComponentCoverageSummary[];
  /** Components of the System that have not been evaluated yet. */
  pending: string[];
  /** Required, covered and partial summed over the components. */
  layers: LayerCoverage[];
  overall: ServiceCoverage['overall'];
  /** Gaps shared by most components first. */
  topGaps: AggregatedGap[];
}
