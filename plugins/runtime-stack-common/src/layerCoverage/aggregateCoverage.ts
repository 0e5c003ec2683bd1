import type {
  AggregatedGap,
  EntityCoverage,
  SystemCoverage,
} from '../coverageViews';
import { coverageRatio as ratioOf } from './coverageRatios';
import type { LayerCoverage } from './types';

/**
 * Adds up the coverage of a System's components: required, covered and
 * partial capabilities summed per layer and overall, so a layer's ratio
 * weighs every component's requirements equally, and the gaps they share.
 *
 * @public
 */
export function aggregateSystemCoverage(
  entityRef: string,
  coverages: EntityCoverage[],
  pending: string[] = [],
): SystemCoverage {
  const layers = new Map<number, LayerCoverage>();
  const gaps = new Map<string, AggregatedGap>();
  for (const coverage of coverages) {
    for (const layer of coverage.layers) {
      const sum = layers.get(layer.layer) ?? {
        layer: layer.layer,
        title: layer.title,
        required: 0,
        covered: 0,
        partial: 0,
        ratio: 1,
      };
      sum.required += layer.required;
      sum.covered += layer.covered;
      sum.partial += layer.partial;
      layers.set(layer.layer, sum);
    }
    for (const gap of coverage.gaps) {
      const sum = gaps.get(gap.capability) ?? {
        capability: gap.capability,
        title: gap.title,
        layer: gap.layer,
        missing: 0,
        partial: 0,
        components: [],
      };
      if (gap.status === 'partial') sum.partial += 1;
      else sum.missing += 1;
      sum.components.push(coverage.entityRef);
      gaps.set(gap.capability, sum);
    }
  }
  const layerList = [...layers.values()]
    .map(l => ({ ...l, ratio: ratioOf(l) }))
    .sort((a, b) => a.layer - b.layer);
  const overall = layerList.reduce(
    (sum, l) => ({
      required: sum.required + l.required,
      covered: sum.covered + l.covered,
      partial: sum.partial + l.partial,
    }),
    { required: 0, covered: 0, partial: 0 },
  );
  return {
    entityRef,
    components: coverages
      .map(c => ({
        entityRef: c.entityRef,
        profile: { id: c.profile.id, title: c.profile.title },
        overall: c.overall,
        layers: c.layers,
        gapCount: c.gaps.length,
        evaluatedAt: c.evaluatedAt,
      }))
      .sort((a, b) => a.overall.ratio - b.overall.ratio),
    pending: [...pending].sort(),
    layers: layerList,
    overall: { ...overall, ratio: ratioOf(overall) },
    topGaps: [...gaps.values()].sort(
      (a, b) =>
        b.components.length - a.components.length ||
        a.layer - b.layer ||
        a.capability.localeCompare(b.capability),
    ),
  };
}
