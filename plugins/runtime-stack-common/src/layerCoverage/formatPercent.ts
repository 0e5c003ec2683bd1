/**
 * A ratio as a whole percentage. Only a complete ratio reads 100% and only
 * an empty one 0%, so rounding never hides the last gap or the first step.
 *
 * @public
 */
export function formatPercent(ratio: number): string {
  const rounded = Math.round(ratio * 100);
  if (ratio < 1 && rounded === 100) return '99%';
  if (ratio > 0 && rounded === 0) return '1%';
  return `${rounded}%`;
}

/**
 * Coverage counts as a percentage, or "—" when nothing is required: the
 * ratio is 1 then, which would read as fully covered.
 *
 * @public
 */
export function formatCoveragePercent(coverage: {
  required: number;
  ratio: number;
}): string {
  return coverage.required === 0 ? '—' : formatPercent(coverage.ratio);
}
