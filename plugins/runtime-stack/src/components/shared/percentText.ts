import { displayedPercent } from '@internal/backstage-plugin-runtime-stack-common';
import type { RuntimeStackT } from '../../translation';

/**
 * A ratio as a whole percentage in the app's language, rounded as the common
 * package's `formatPercent` rounds it (never 100% with a gap left).
 */
export function percentText(t: RuntimeStackT, ratio: number): string {
  return t('percent', { ratio: displayedPercent(ratio) / 100 });
}

/**
 * Coverage counts as a percentage, or "—" when nothing is required: the
 * ratio is 1 then, which would read as fully covered.
 */
export function coveragePercentText(
  t: RuntimeStackT,
  coverage: { required: number; ratio: number },
): string {
  return coverage.required === 0 ? '—' : percentText(t, coverage.ratio);
}

/** "3 of 4 covered", and how many partly when some are: "0 partly" is noise. */
export function layerCountsText(
  t: RuntimeStackT,
  layer: { required: number; covered: number; partial: number },
): string {
  const counts = {
    covered: layer.covered,
    required: layer.required,
    partial: layer.partial,
  };
  return layer.partial > 0
    ? t('coverageCard.layerCountsPartly', counts)
    : t('coverageCard.layerCounts', counts);
}
