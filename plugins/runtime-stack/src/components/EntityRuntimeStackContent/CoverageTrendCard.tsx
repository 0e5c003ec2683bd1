import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import type { TrendSubject } from '@internal/backstage-plugin-runtime-stack-common';
import { runtimeStackApiRef } from '../../api';
import { Section } from './Section';
import { ServiceTrend } from './ServiceTrend';
import { useLastGoodAsync } from '../shared/useLastGoodAsync';
import { useOnNewEvaluation } from '../shared/useOnNewEvaluation';
import { runtimeStackTranslationRef } from '../../translation';

/** How far back the Runtime stack tabs look. */
const TREND_DAYS = 90;

/**
 * The "Coverage trend" card of a Runtime stack tab: a service's, System's or
 * team's overall coverage day by day, with its own loading and error states.
 */
export const CoverageTrendCard = ({
  subject,
  subheader,
  ariaLabel,
  evaluatedAt,
}: {
  subject: TrendSubject;
  subheader: string;
  /** What the chart shows, for screen readers. */
  ariaLabel: string;
  /**
   * When the coverage the page shows was evaluated: a new one (a collection,
   * an exemption granted) reloads the trend, whose latest day it changes,
   * keeping the chart on screen meanwhile.
   */
  evaluatedAt?: string;
}) => {
  const api = useApi(runtimeStackApiRef);
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  // The subject as text: a new object for the same subject asks nothing new.
  const key = JSON.stringify(subject);
  const trend = useLastGoodAsync(key, () => api.getTrend(subject, TREND_DAYS), [
    api,
  ]);
  useOnNewEvaluation(key, evaluatedAt, trend.retry);
  return (
    <Section
      title={t('entityContent.trend.title')}
      what={t('entityContent.trend.what')}
      subheader={subheader}
      state={trend}
      refreshing={trend.refreshing}
      refreshError={trend.refreshError}
      isEmpty={v => v.points.length === 0}
      empty={t('trendChart.noHistory')}
    >
      {value => <ServiceTrend value={value} ariaLabel={ariaLabel} />}
    </Section>
  );
};
