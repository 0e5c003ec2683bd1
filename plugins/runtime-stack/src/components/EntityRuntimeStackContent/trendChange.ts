import { displayedPercent } from '@internal/backstage-plugin-runtime-stack-common';
import type { RuntimeStackT } from '../../translation';

type TrendEnd = { required: number; ratio: number };

/**
 * How far coverage moved between two days, in percentage points, signed:
 * the difference of the percentages shown beside it, so that 49 % to 51 %
 * reads as +2 whatever the ratios behind them. Nothing when either day
 * required nothing, since that day has no percentage to compare.
 */
export function describeTrendChange(
  t: RuntimeStackT,
  from: TrendEnd,
  to: TrendEnd,
): string | undefined {
  if (from.required === 0 || to.required === 0) return undefined;
  const points = displayedPercent(to.ratio) - displayedPercent(from.ratio);
  if (points === 0) return t('entityContent.trend.unchanged');
  return points > 0
    ? t('entityContent.trend.up', { count: points })
    : t('entityContent.trend.down', { count: -points });
}
