import type { CoverageTrend } from '@internal/backstage-plugin-runtime-stack-common';
import Typography from '@material-ui/core/Typography';
import { TrendChart } from '../shared/TrendChart';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { runtimeStackTranslationRef } from '../../translation';
import { coveragePercentText } from '../shared/percentText';
import { describeTrendChange } from './trendChange';

/**
 * A service's (or a team's, or a System's) overall coverage day by day, with
 * where it stands on the latest day and how far it moved since the first.
 */
export const ServiceTrend = ({
  value,
  ariaLabel,
}: {
  value: CoverageTrend;
  ariaLabel?: string;
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const { points } = value;
  const latest = points[points.length - 1];
  const first = points[0];
  const change =
    points.length > 1 ? describeTrendChange(t, first, latest) : undefined;
  return (
    <>
      {latest && (
        <Typography variant="body2" color="textSecondary">
          {t(
            latest.partial > 0
              ? 'entityContent.trend.latestPartly'
              : 'entityContent.trend.latest',
            {
              percent: coveragePercentText(t, latest),
              day: latest.day,
              covered: latest.covered,
              required: latest.required,
              partial: latest.partial,
            },
          )}
          {change &&
            t('entityContent.trend.change', { change, day: first.day })}
        </Typography>
      )}
      <TrendChart
        ariaLabel={ariaLabel ?? t('entityContent.trend.chartLabel')}
        height={180}
        series={[{ name: t('entityContent.trend.series'), points }]}
        emptyMessage={t('trendChart.noHistory')}
      />
    </>
  );
};
