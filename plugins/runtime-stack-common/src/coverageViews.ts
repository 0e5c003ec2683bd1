import type { ServiceCoverage } from './layerCoverage';

/**
 * The answer of `GET /entities/:kind/:namespace/:name/coverage`.
 *
 * @public
 */
export type EntityCoverage = ServiceCoverage & {
  entityRef: string;
  /** Evidence sources that failed; coverage is computed from the others. */
  sourceErrors: Array<{ source: string; message: string }>;
};
