import type {
  CapabilityCoverage,
  EntityCoverage,
  LayerCoverage,
} from '@internal/backstage-plugin-runtime-stack-common';
import type { RuntimeStackT } from '../../translation';
import { coverageCounts } from '../shared/percentText';

/** One layer of the stack as the page shows it. */
export interface StackLayer {
  layer: number;
  title: string;
  /** Absent when the backend sent capabilities for a layer it did not summarise. */
  coverage?: LayerCoverage;
  capabilities: CapabilityCoverage[];
}

/**
 * The layers from the application (6) down to the platform (0), each with its
 * capabilities in model order, the way the stack is drawn.
 */
export function stackLayersOf(value: EntityCoverage): StackLayer[] {
  const numbers = new Set([
    ...value.layers.map(l => l.layer),
    ...value.capabilities.map(c => c.layer),
  ]);
  return [...numbers]
    .sort((a, b) => b - a)
    .map(layer => {
      const coverage = value.layers.find(l => l.layer === layer);
      return {
        layer,
        title: coverage?.title ?? `Layer ${layer}`,
        coverage,
        capabilities: value.capabilities.filter(c => c.layer === layer),
      };
    });
}

/** "3 of 4 required", with the partly covered ones when there are some. */
export function describeLayerCoverage(
  t: RuntimeStackT,
  coverage?: LayerCoverage,
): string {
  if (!coverage) return t('entityContent.stack.layerCoverageUnknown');
  if (coverage.required === 0) {
    return t('entityContent.stack.layerNothingRequired');
  }
  return coverage.partial > 0
    ? t('entityContent.stack.layerCoveragePartly', coverageCounts(coverage))
    : t('entityContent.stack.layerCoverage', coverageCounts(coverage));
}

/** Layers worth opening first: something to fix or a claim that disagrees with the cluster. */
export function needsAttention(layer: StackLayer): boolean {
  return layer.capabilities.some(
    c =>
      c.conflict !== undefined ||
      ((c.status === 'missing' || c.status === 'partial') &&
        c.requirement === 'required'),
  );
}
