import type { LayerCoverage, ServiceCoverage } from './layerCoverage';

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
