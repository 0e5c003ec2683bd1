import { Progress } from '@backstage/core-components';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import type {
  CoverageTrend,
  TrendPoint,
  TrendSubject,
} from '@internal/backstage-plugin-runtime-stack-common';
import Box from '@material-ui/core/Box';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import ListSubheader from '@material-ui/core/ListSubheader';
import MenuItem from '@material-ui/core/MenuItem';
import Switch from '@material-ui/core/Switch';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useMemo, type ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { runtimeStackApiRef } from '../../api';
import { TrendChart, type TrendChartSeries } from '../shared/TrendChart';
import { ScrollingTable } from '../shared/ScrollingTable';
import { errorMessage } from '../shared/errorMessage';
import { TeamTitle, useTeamTitle } from '../shared/TeamTitle';
import { shortEntityName } from './entityRefs';
import { loadScorecardTeams } from './scorecardTeams';
import { HeadedInfoCard } from '../shared/HeadedInfoCard';
import { LoadError } from '../shared/LoadError';
import { runtimeStackTranslationRef } from '../../translation';
import { coveragePercentText } from '../shared/percentText';
import { useLayerNames } from './layerNames';
import {
  TREND_PERIODS,
  useTrendSearchParams,
  type SubjectKey,
} from './useTrendSearchParams';

const withChosen = <T,>(choices: T[], chosen: T | undefined): T[] =>
  chosen === undefined || choices.includes(chosen)
    ? choices
    : [...choices, chosen];

function subjectOf(key: SubjectKey): TrendSubject {
  if (key.startsWith('team:')) {
    return { kind: 'team', ref: key.slice('team:'.length) };
  }
  if (key.startsWith('layer:')) {
    return { kind: 'layer', layer: Number(key.slice('layer:'.length)) };
  }
  return { kind: 'estate' };
}

function useSubjectTitle(
  layerName: (layer: number) => string,
): (subject: TrendSubject) => string {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  return subject => {
    switch (subject.kind) {
      case 'team':
      case 'service':
      case 'system':
        return shortEntityName(subject.ref);
      case 'layer':
        return layerName(subject.layer);
      default:
        return t('scorecardsPage.trends.estate');
    }
  };
}

/** The chart's lines: the subject, then each layer when asked for. */
export function seriesOf(
  trend: CoverageTrend,
  title: string,
  byLayer: boolean,
  layerName: (layer: number) => string,
): Array<TrendChartSeries & { points: TrendPoint[] }> {
  const overall = { name: title, points: trend.points };
  if (!byLayer) return [overall];
  return [
    overall,
    ...[...trend.layers]
      .sort((a, b) => a.layer - b.layer)
      .map(l => ({ name: layerName(l.layer), points: l.points })),
  ];
}

const LatestTable = ({
  rows,
}: {
  rows: Array<{ name: string; point: TrendPoint }>;
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  return (
    <ScrollingTable
      size="small"
      aria-label={t('scorecardsPage.trends.latestLabel')}
    >
      <TableHead>
        <TableRow>
          <TableCell>{t('scorecardsPage.trends.columns.series')}</TableCell>
          <TableCell>{t('scorecardsPage.trends.columns.day')}</TableCell>
          <TableCell>{t('scorecardsPage.trends.columns.coverage')}</TableCell>
          <TableCell>{t('scorecardsPage.trends.columns.counts')}</TableCell>
          <TableCell>{t('scorecardsPage.trends.columns.services')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(({ name, point }) => (
          <TableRow key={name}>
            <TableCell component="th" scope="row">
              {name}
            </TableCell>
            <TableCell>{point.day}</TableCell>
            <TableCell>{coveragePercentText(t, point)}</TableCell>
            <TableCell>
              {point.partial > 0
                ? t('scorecardsPage.trends.countsPartly', {
                    covered: point.covered,
                    required: point.required,
                    partial: point.partial,
                  })
                : t('scorecardsPage.trends.counts', {
                    covered: point.covered,
                    required: point.required,
                  })}
            </TableCell>
            <TableCell>{point.services}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </ScrollingTable>
  );
};

const TrendBody = ({
  trend,
  title,
  byLayer,
  layerName,
}: {
  trend: CoverageTrend;
  title: string;
  byLayer: boolean;
  /** "Layer 3 · Networking & storage", as the chart's lines name a layer. */
  layerName: (layer: number) => string;
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const series = seriesOf(trend, title, byLayer, layerName);
  // Points come oldest first, so the last is the latest day.
  const latest = series.flatMap(s => {
    const point = s.points[s.points.length - 1];
    return point ? [{ name: s.name, point }] : [];
  });
  return (
    <>
      <TrendChart
        series={series}
        ariaLabel={t('scorecardsPage.trends.chartLabel', { subject: title })}
        emptyMessage={t('trendChart.noHistory')}
      />
      <Box mt={2}>
        <LatestTable rows={latest} />
      </Box>
    </>
  );
};

/**
 * Coverage over time of the estate, a team (with the groups below it) or a
 * layer, from the daily snapshots; for the estate and a team optionally one
 * line per layer. What is shown is kept in the page's address.
 */
export const TrendSection = () => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const layerNames = useLayerNames();
  const subjectTitle = useSubjectTitle(layerNames.nameOf);
  const api = useApi(runtimeStackApiRef);
  const [{ subjectKey, days, byLayer }, setView] = useTrendSearchParams(
    layerNames.modelLayers,
  );

  const teams = useAsync(() => loadScorecardTeams(api), [api]);
  const subject = useMemo(() => subjectOf(subjectKey), [subjectKey]);
  // A subject from the address stays a choice though the lists lack it
  // (still loading, or the team is past the pages read).
  const teamChoices = withChosen(
    teams.value ?? [],
    subject.kind === 'team' ? subject.ref : undefined,
  );
  const layerChoices = withChosen(
    layerNames.layers,
    subject.kind === 'layer' ? subject.layer : undefined,
  );
  const trend = useAsyncRetry(
    () => api.getTrend(subject, days),
    [api, subject, days],
  );
  const layered = subject.kind === 'estate' || subject.kind === 'team';
  const teamTitle = useTeamTitle(
    subject.kind === 'team' ? subject.ref : undefined,
  );
  const title = teamTitle ?? subjectTitle(subject);

  let body: ReactNode;
  if (trend.loading) {
    body = <Progress />;
  } else if (trend.error) {
    body = (
      <LoadError
        error={trend.error}
        what={t('scorecardsPage.trends.what', { subject: title })}
        title={t('scorecardsPage.trends.loadError', { subject: title })}
        onRetry={trend.retry}
      />
    );
  } else if (!trend.value || trend.value.points.length === 0) {
    body = (
      <Typography variant="body2" color="textSecondary">
        {t('trendChart.noHistory')}
      </Typography>
    );
  } else {
    body = (
      <TrendBody
        trend={trend.value}
        title={title}
        byLayer={layered && byLayer}
        layerName={layerNames.nameOf}
      />
    );
  }

  return (
    <HeadedInfoCard
      title={t('scorecardsPage.trends.title')}
      subheader={t('scorecardsPage.trends.subheader')}
    >
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="center"
        mb={2}
        style={{ gap: 16 }}
      >
        <TextField
          select
          id="runtime-stack-trend-subject"
          label={t('scorecardsPage.trends.subject')}
          value={subjectKey}
          onChange={e => {
            // MUI v4 selects the group headings too, with no value.
            if (e.target.value) setView({ subjectKey: e.target.value });
          }}
          style={{ minWidth: 240 }}
          helperText={
            teams.error
              ? t('scorecardsPage.trends.teamsLoadError', {
                  message: errorMessage(teams.error),
                })
              : undefined
          }
          error={Boolean(teams.error)}
        >
          <MenuItem value="estate">
            {t('scorecardsPage.trends.estate')}
          </MenuItem>
          <ListSubheader>{t('scorecardsPage.trends.teams')}</ListSubheader>
          {teams.loading && (
            <MenuItem disabled value="">
              {t('scorecardsPage.trends.loadingTeams')}
            </MenuItem>
          )}
          {teamChoices.map(team => (
            <MenuItem key={team} value={`team:${team}`}>
              <TeamTitle teamRef={team} />
            </MenuItem>
          ))}
          <ListSubheader>{t('scorecardsPage.trends.layers')}</ListSubheader>
          {layerChoices.map(layer => (
            <MenuItem key={layer} value={`layer:${layer}`}>
              {layerNames.nameOf(layer)}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          id="runtime-stack-trend-days"
          label={t('scorecardsPage.trends.period')}
          value={days}
          onChange={e => setView({ days: Number(e.target.value) })}
          style={{ minWidth: 140 }}
        >
          {TREND_PERIODS.map(d => (
            <MenuItem key={d} value={d}>
              {t('scorecardsPage.trends.lastDays', { count: d })}
            </MenuItem>
          ))}
        </TextField>
        {layered && (
          <FormControlLabel
            control={
              <Switch
                checked={byLayer}
                onChange={e => setView({ byLayer: e.target.checked })}
                color="primary"
              />
            }
            label={t('scorecardsPage.trends.byLayer')}
          />
        )}
      </Box>
      {body}
    </HeadedInfoCard>
  );
};
