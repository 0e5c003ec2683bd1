/**
 * The whole percentage shown for a ratio. Only a complete ratio shows 100 and
 * only an empty one 0, so rounding never hides the last gap or the first step.
 *
 * @public
 */
export function displayedPercent(ratio: number): number {
  const rounded = Math.round(ratio * 100);
  if (ratio < 1 && rounded === 100) return 99;
  if (ratio > 0 && rounded === 0) return 1;
  return rounded;
}

/**
 * A ratio as a whole percentage in English, as `displayedPercent` rounds it.
 * The frontend words it in the app's language instead.
 *
 * @public
 */
export function formatPercent(ratio: number): string {
  return `${displayedPercent(ratio)}%`;
}
