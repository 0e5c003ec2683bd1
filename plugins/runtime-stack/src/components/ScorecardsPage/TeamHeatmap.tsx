import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  TeamCoverageCell,
  TeamCoverageRow,
  TeamScorecard,
} from '@internal/backstage-plugin-runtime-stack-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Link from '@material-ui/core/Link';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import ArrowBackIcon from '@material-ui/icons/ArrowBack';
import OpenInNewIcon from '@material-ui/icons/OpenInNew';
import { CSSProperties, useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { runtimeStackApiRef } from '../../api';
import { formatCoveragePercent } from '@internal/backstage-plugin-runtime-stack-common';
import { useTeamTitle } from '../shared/TeamTitle';
import { heatColor, heatTextColor } from './heatColor';
import { HeatLegend } from './HeatLegend';
import { RefLink } from '../shared/RefLink';
import { TeamViewSection } from './TeamViewSection';
import { ScrollingTable } from '../shared/ScrollingTable';
import { plural } from '../shared/plural';
import { HeadedInfoCard } from '../shared/HeadedInfoCard';

/** Teams per page of the heatmap. */
export const TEAMS_PER_PAGE = 50;

type Column = TeamScorecard['columns'][number];

/** "layer 3" in the layers view, the capability's title in the drill-down. */
const columnName = (column: Column, drilled: boolean) =>
  drilled ? column.title : `layer ${column.layer}`;

/** "team-payments, layer 3: 83%, 5 of 6 required", for screen readers. */
export function cellLabel(
  team: string,
  column: string,
  cell: TeamCoverageCell | undefined,
): string {
  if (!cell || cell.required === 0) {
    return `${team}, ${column}: nothing required`;
  }
  const partly = cell.partial > 0 ? `, ${cell.partial} partly` : '';
  return `${team}, ${column}: ${formatCoveragePercent(cell)}, ${
    cell.covered
  } of ${cell.required} required${partly}, ${plural(cell.services, 'service')}`;
}

const HeatCell = ({
  team,
  column,
  drilled,
  cell,
}: {
  team: string;
  column: Column;
  drilled: boolean;
  cell?: TeamCoverageCell;
}) => {
  const required = cell !== undefined && cell.required > 0;
  const background = heatColor(required ? cell.ratio : undefined);
  return (
    <TableCell
      align="center"
      aria-label={cellLabel(team, columnName(column, drilled), cell)}
      data-heat={background}
      style={{
        background,
        color: heatTextColor(background),
        whiteSpace: 'nowrap',
        border: '2px solid transparent',
        backgroundClip: 'padding-box',
      }}
    >
      {required ? (
        <>
          <Typography variant="subtitle2" component="div">
            {formatCoveragePercent(cell)}
          </Typography>
          <Typography variant="caption" component="div">
            {cell.covered}/{cell.required}
            {cell.partial > 0 && ` +${cell.partial} partly`}
          </Typography>
          <Typography variant="caption" component="div">
            {plural(cell.services, 'svc')}
          </Typography>
        </>
      ) : (
        '—'
      )}
    </TableCell>
  );
};

// Narrow columns (a layer nobody is asked for) would otherwise squeeze their
// titles; the table keeps words whole, and a title's words do not break even
// where a cell's longer token would.
const columnTitleStyle: CSSProperties = {
  display: 'inline-block',
  minWidth: '5em',
  overflowWrap: 'normal',
};

const TeamHeader = ({
  row,
  name,
  parentName,
  selected,
  onSelect,
}: {
  row: TeamCoverageRow;
  /** The team as the catalog names it. */
  name: string;
  /** Its parent group as the catalog names it, when it has one. */
  parentName?: string;
  selected: boolean;
  onSelect: () => void;
}) => (
  <TableCell
    component="th"
    scope="row"
    // MUI gives a body th the role of a plain cell.
    role="rowheader"
    style={{ whiteSpace: 'nowrap' }}
  >
    <Box display="flex" alignItems="center" style={{ gap: 4 }}>
      <Link
        component="button"
        variant="body2"
        onClick={onSelect}
        aria-pressed={selected}
        title={`Show the services and gaps of ${name}`}
        style={{ fontWeight: selected ? 700 : undefined }}
      >
        {name}
      </Link>
      <RefLink
        entityRef={row.team}
        defaultKind="group"
        aria-label={`Open ${name} in the catalog`}
      >
        <OpenInNewIcon style={{ fontSize: '1em' }} />
      </RefLink>
    </Box>
    <Typography variant="caption" color="textSecondary" component="div">
      {formatCoveragePercent(row.overall)} overall ·{' '}
      {plural(row.services, 'service')}
    </Typography>
    {parentName && (
      <Typography variant="caption" color="textSecondary" component="div">
        in {parentName}
      </Typography>
    )}
  </TableCell>
);

const TeamRow = ({
  row,
  columns,
  drilled,
  selected,
  onSelect,
}: {
  row: TeamCoverageRow;
  columns: Column[];
  drilled: boolean;
  selected: boolean;
  onSelect: () => void;
}) => {
  const team = useTeamTitle(row.team);
  const parent = useTeamTitle(row.parent);
  return (
    <TableRow selected={selected}>
      <TeamHeader
        row={row}
        name={team}
        parentName={parent}
        selected={selected}
        onSelect={onSelect}
      />
      {columns.map(column => (
        <HeatCell
          key={column.id}
          team={team}
          column={column}
          drilled={drilled}
          cell={row.cells.find(c => c.column === column.id)}
        />
      ))}
    </TableRow>
  );
};

/**
 * Teams × layers, each cell coloured by how much of what the team's services
 * require is covered; a layer's header drills down to its capabilities.
 * Choosing a team opens its view below the table.
 */
export const TeamHeatmap = () => {
  const api = useApi(runtimeStackApiRef);
  const [layer, setLayer] = useState<{ layer: number; title: string }>();
  const [page, setPage] = useState(0);
  const [selectedTeam, setSelectedTeam] = useState<string>();

  const { value, loading, error } = useAsync(
    () =>
      api.getTeamScorecard({
        layer: layer?.layer,
        limit: TEAMS_PER_PAGE,
        offset: page * TEAMS_PER_PAGE,
      }),
    [api, layer, page],
  );

  // A page past the end (teams went away) falls back to the last one.
  const lastPage = value
    ? Math.max(0, Math.ceil(value.totalCount / TEAMS_PER_PAGE) - 1)
    : 0;
  useEffect(() => {
    if (value && page > lastPage) setPage(lastPage);
  }, [value, page, lastPage]);

  const drilled = layer !== undefined;

  let body;
  // No stale table while loading: after a drill-down its columns would be
  // the previous view's.
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = (
      <ResponseErrorPanel
        error={error}
        title="Could not load the team scorecard"
      />
    );
  } else if (!value || value.totalCount === 0) {
    body = (
      <EmptyState
        missing="data"
        title="No teams to score yet"
        description="Teams appear once the services they own have been evaluated. Coverage is evaluated after the first cluster collection; a service counts for the Group in its spec.owner and every Group above it."
      />
    );
  } else if (value.columns.length === 0) {
    body = (
      <Typography variant="body2" color="textSecondary">
        {drilled
          ? `Layer ${layer.layer} has no capabilities.`
          : 'The layer model has no layers.'}
      </Typography>
    );
  } else {
    body = (
      <>
        <ScrollingTable
          size="small"
          aria-label={
            drilled
              ? `Coverage of layer ${layer.layer} capabilities by team`
              : 'Coverage by team and layer'
          }
        >
          <TableHead>
            <TableRow>
              <TableCell>Team</TableCell>
              {value.columns.map(column => (
                <TableCell
                  key={column.id}
                  align="center"
                  style={{ verticalAlign: 'bottom' }}
                >
                  {drilled ? (
                    <span style={columnTitleStyle}>{column.title}</span>
                  ) : (
                    <Tooltip title={`Show the capabilities of ${column.title}`}>
                      <Link
                        component="button"
                        variant="body2"
                        onClick={() =>
                          setLayer({
                            layer: column.layer,
                            title: column.title,
                          })
                        }
                        // Starts with the visible text, so voice control
                        // users can say what they see.
                        aria-label={`L${column.layer} · ${column.title}: show its capabilities`}
                        style={columnTitleStyle}
                      >
                        L{column.layer} · {column.title}
                      </Link>
                    </Tooltip>
                  )}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {value.items.map(row => (
              <TeamRow
                key={row.team}
                row={row}
                columns={value.columns}
                drilled={drilled}
                selected={row.team === selectedTeam}
                onSelect={() => setSelectedTeam(row.team)}
              />
            ))}
          </TableBody>
        </ScrollingTable>
        <Box
          display="flex"
          alignItems="center"
          justifyContent="space-between"
          flexWrap="wrap"
        >
          <HeatLegend />
          <TablePagination
            component="div"
            count={value.totalCount}
            page={Math.min(page, lastPage)}
            rowsPerPage={TEAMS_PER_PAGE}
            rowsPerPageOptions={[]}
            onPageChange={(_, next) => setPage(next)}
          />
        </Box>
      </>
    );
  }

  return (
    <>
      <HeadedInfoCard
        title={
          drilled
            ? `Layer ${layer.layer} · ${layer.title} by team`
            : 'Coverage by team'
        }
        subheader={
          drilled
            ? 'Each capability of the layer that the team’s services require.'
            : 'Teams count the services of the groups below them. Choose a layer to see its capabilities, or a team to see its services and gaps.'
        }
        action={
          drilled ? (
            <Button
              size="small"
              startIcon={<ArrowBackIcon />}
              onClick={() => setLayer(undefined)}
            >
              Back to layers
            </Button>
          ) : undefined
        }
      >
        {body}
      </HeadedInfoCard>
      {selectedTeam && (
        <Box mt={2}>
          <TeamViewSection
            team={selectedTeam}
            onClose={() => setSelectedTeam(undefined)}
          />
        </Box>
      )}
    </>
  );
};
