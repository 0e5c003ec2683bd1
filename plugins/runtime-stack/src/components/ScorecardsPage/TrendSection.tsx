import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
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
import { useMemo, useState, type ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { runtimeStackApiRef } from '../../api';
import { formatCoveragePercent } from '@internal/backstage-plugin-runtime-stack-common';
import {
  NO_TREND_HISTORY,
  TrendChart,
  type TrendChartSeries,
} from '../shared/TrendChart';
import { ScrollingTable } from '../shared/ScrollingTable';
import { TeamTitle, useTeamTitle } from '../shared/TeamTitle';
import { shortEntityName } from './entityRefs';
import { loadScorecardTeams } from './scorecardTeams';
import { HeadedInfoCard } from '../shared/HeadedInfoCard';

/** The periods offered, in days. */
export const TREND_PERIODS = [30, 90, 180] as const;
const LAYERS = [0, 1, 2, 3, 4, 5, 6];

/** The picker's value for a subject: `estate`, `team:<ref>` or `layer:<n>`. */
type SubjectKey = string;

function subjectOf(key: SubjectKey): TrendSubject {
  if (key.startsWith('team:')) {
    return { kind: 'team', ref: key.slice('team:'.length) };
  }
  if (key.startsWith('layer:')) {
    return { kind: 'layer', layer: Number(key.slice('layer:'.length)) };
  }
  return { kind: 'estate' };
}

function subjectTitle(subject: TrendSubject): string {
  switch (subject.kind) {
    case 'team':
    case 'service':
    case 'system':
      return shortEntityName(subject.ref);
    case 'layer':
      return `Layer ${subject.layer}`;
    default:
      return 'Estate';
  }
}

/** The chart's lines: the subject, then each layer when asked for. */
export function seriesOf(
  trend: CoverageTrend,
  title: string,
  byLayer: boolean,
): Array<TrendChartSeries & { points: TrendPoint[] }> {
  const overall = { name: title, points: trend.points };
  if (!byLayer) return [overall];
  return [
    overall,
    ...[...trend.layers]
      .sort((a, b) => a.layer - b.layer)
      .map(l => ({ name: `Layer ${l.layer}`, points: l.points })),
  ];
}

const LatestTable = ({
  rows,
}: {
  rows: Array<{ name: string; point: TrendPoint }>;
}) => (
  <ScrollingTable size="small" aria-label="Latest coverage">
    <TableHead>
      <TableRow>
        <TableCell>Series</TableCell>
        <TableCell>Day</TableCell>
        <TableCell>Coverage</TableCell>
        <TableCell>Covered / required</TableCell>
        <TableCell>Services</TableCell>
      </TableRow>
    </TableHead>
    <TableBody>
      {rows.map(({ name, point }) => (
        <TableRow key={name}>
          <TableCell component="th" scope="row">
            {name}
          </TableCell>
          <TableCell>{point.day}</TableCell>
          <TableCell>{formatCoveragePercent(point)}</TableCell>
          <TableCell>
            {point.covered} / {point.required}
            {point.partial > 0 && ` (${point.partial} partly)`}
          </TableCell>
          <TableCell>{point.services}</TableCell>
        </TableRow>
      ))}
    </TableBody>
  </ScrollingTable>
);

const TrendBody = ({
  trend,
  title,
  byLayer,
}: {
  trend: CoverageTrend;
  title: string;
  byLayer: boolean;
}) => {
  const series = seriesOf(trend, title, byLayer);
  // Points come oldest first, so the last is the latest day.
  const latest = series.flatMap(s => {
    const point = s.points[s.points.length - 1];
    return point ? [{ name: s.name, point }] : [];
  });
  return (
    <>
      <TrendChart
        series={series}
        ariaLabel={`Coverage of ${title} by day`}
        emptyMessage={NO_TREND_HISTORY}
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
 * line per layer.
 */
export const TrendSection = () => {
  const api = useApi(runtimeStackApiRef);
  const [subjectKey, setSubjectKey] = useState<SubjectKey>('estate');
  const [days, setDays] = useState<number>(90);
  const [byLayer, setByLayer] = useState(false);

  const teams = useAsync(() => loadScorecardTeams(api), [api]);
  const subject = useMemo(() => subjectOf(subjectKey), [subjectKey]);
  const trend = useAsync(
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
      <ResponseErrorPanel
        error={trend.error}
        title={`Could not load the trend of ${title}`}
      />
    );
  } else if (!trend.value || trend.value.points.length === 0) {
    body = (
      <Typography variant="body2" color="textSecondary">
        {NO_TREND_HISTORY}
      </Typography>
    );
  } else {
    body = (
      <TrendBody
        trend={trend.value}
        title={title}
        byLayer={layered && byLayer}
      />
    );
  }

  return (
    <HeadedInfoCard
      title="Coverage over time"
      subheader="One snapshot a day of the stored coverage; partly covered capabilities count half"
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
          label="Subject"
          value={subjectKey}
          onChange={e => {
            // MUI v4 selects the group headings too, with no value.
            if (e.target.value) setSubjectKey(e.target.value);
          }}
          style={{ minWidth: 240 }}
          helperText={
            teams.error
              ? `Could not load the teams: ${teams.error.message}`
              : undefined
          }
          error={Boolean(teams.error)}
        >
          <MenuItem value="estate">Estate</MenuItem>
          <ListSubheader>Teams</ListSubheader>
          {teams.loading && (
            <MenuItem disabled value="">
              Loading teams…
            </MenuItem>
          )}
          {(teams.value ?? []).map(team => (
            <MenuItem key={team} value={`team:${team}`}>
              <TeamTitle teamRef={team} />
            </MenuItem>
          ))}
          <ListSubheader>Layers</ListSubheader>
          {LAYERS.map(layer => (
            <MenuItem key={layer} value={`layer:${layer}`}>
              Layer {layer}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          id="runtime-stack-trend-days"
          label="Period"
          value={days}
          onChange={e => setDays(Number(e.target.value))}
          style={{ minWidth: 140 }}
        >
          {TREND_PERIODS.map(d => (
            <MenuItem key={d} value={d}>
              Last {d} days
            </MenuItem>
          ))}
        </TextField>
        {layered && (
          <FormControlLabel
            control={
              <Switch
                checked={byLayer}
                onChange={e => setByLayer(e.target.checked)}
                color="primary"
              />
            }
            label="By layer"
          />
        )}
      </Box>
      {body}
    </HeadedInfoCard>
  );
};
