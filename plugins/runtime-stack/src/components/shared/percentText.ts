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

/** The counts a coverage sentence names, from a layer's or an overall coverage. */
export const coverageCounts = (coverage: {
  required: number;
  covered: number;
  partial: number;
}) => ({
  covered: coverage.covered,
  required: coverage.required,
  partial: coverage.partial,
});

/** "3 of 4 covered", and how many partly when some are: "0 partly" is noise. */
export function layerCountsText(
  t: RuntimeStackT,
  layer: { required: number; covered: number; partial: number },
): string {
  return layer.partial > 0
    ? t('coverageCard.layerCountsPartly', coverageCounts(layer))
    : t('coverageCard.layerCounts', coverageCounts(layer));
}

/** "6 of 10 required capabilities covered", with the partly covered ones when there are some. */
export function overallCountsText(
  t: RuntimeStackT,
  overall: { required: number; covered: number; partial: number },
): string {
  return overall.partial > 0
    ? t('coverageCard.coveredPartly', coverageCounts(overall))
    : t('coverageCard.covered', coverageCounts(overall));
}
