import type { CoverageTrend } from '@internal/backstage-plugin-runtime-stack-common';
import Typography from '@material-ui/core/Typography';
import { formatCoveragePercent } from '@internal/backstage-plugin-runtime-stack-common';
import { NO_TREND_HISTORY, TrendChart } from '../shared/TrendChart';

/** The change between two ratios in percentage points, signed. */
function describeChange(from: number, to: number): string {
  const points = Math.round((to - from) * 100);
  if (points === 0) return 'unchanged';
  return `${points > 0 ? '+' : '−'}${Math.abs(points)} points`;
}

/**
 * A service's (or a team's, or a System's) overall coverage day by day, with
 * where it stands on the latest day and how far it moved since the first.
 */
export const ServiceTrend = ({
  value,
  ariaLabel = 'Coverage of this service by day',
}: {
  value: CoverageTrend;
  ariaLabel?: string;
}) => {
  const { points } = value;
  const latest = points[points.length - 1];
  const first = points[0];
  return (
    <>
      {latest && (
        <Typography variant="body2" color="textSecondary">
          {formatCoveragePercent(latest)} on {latest.day} · {latest.covered} of{' '}
          {latest.required} required covered
          {latest.partial > 0 && `, ${latest.partial} partly`}
          {points.length > 1 &&
            ` · ${describeChange(first.ratio, latest.ratio)} since ${
              first.day
            }`}
        </Typography>
      )}
      <TrendChart
        ariaLabel={ariaLabel}
        height={180}
        series={[{ name: 'Overall coverage', points }]}
        emptyMessage={NO_TREND_HISTORY}
      />
    </>
  );
};
