import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import { useMemo } from 'react';
import { runtimeStackApiRef } from '../../api';
import { Section } from '../EntityRuntimeStackContent/Section';
import { CoverageTrendCard } from '../EntityRuntimeStackContent/CoverageTrendCard';
import { TeamViewBody } from '../ScorecardsPage/TeamViewSection';
import {
  useDescribeCoverageChange,
  LiveAnnouncement,
  useCoverageChanged,
} from '../shared/useCoverageChanged';
import { useLastGoodAsync } from '../shared/useLastGoodAsync';
import { latestEvaluationOf } from '../shared/latestEvaluationOf';
import { totalServicesOf } from '../shared/totalServicesOf';
import { runtimeStackTranslationRef } from '../../translation';

/**
 * The "Runtime stack" tab of a Group: the coverage of the services it and
 * the groups below it own, their gaps, the exemptions about to expire, and
 * the team's trend.
 */
export const GroupRuntimeStackContent = () => {
  const { entity } = useEntity();
  const api = useApi(runtimeStackApiRef);
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const team = useMemo(
    () => ({
      kind: 'group',
      namespace: entity.metadata.namespace ?? 'default',
      name: entity.metadata.name,
    }),
    [entity],
  );
  const teamRef = stringifyEntityRef(team);
  const view = useLastGoodAsync(teamRef, () => api.getTeamView(team), [
    api,
    team,
  ]);
  const describeChange = useDescribeCoverageChange('team');
  const announcement = useCoverageChanged(teamRef, view, v =>
    describeChange(v.overall),
  );

  return (
    <Grid container spacing={2}>
      <LiveAnnouncement text={announcement} />
      <Grid item xs={12} lg={8}>
        <Section
          title={t('groupContent.coverage.title')}
          what={t('groupContent.coverage.what')}
          subheader={t('groupContent.coverage.subheader')}
          // A reload on a signal keeps the view until the answer comes, and
          // after it when it fails.
          state={view}
          refreshing={view.refreshing}
          refreshError={view.refreshError}
          // The list may be cut short or hide services from the user: only
          // the count says whether the group owns none.
          isEmpty={v => totalServicesOf(v) === 0}
          empty={t('groupContent.coverage.empty')}
        >
          {value => <TeamViewBody view={value} />}
        </Section>
      </Grid>
      <Grid item xs={12} lg={4}>
        <CoverageTrendCard
          subject={{ kind: 'team', ref: teamRef }}
          subheader={t('groupContent.trend.subheader')}
          ariaLabel={t('groupContent.trend.chartLabel')}
          evaluatedAt={latestEvaluationOf(view.value?.services ?? [])}
        />
      </Grid>
    </Grid>
  );
};
