import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
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
import { useTeamTitle } from '../shared/TeamTitle';
import { heatColor, heatTextColor } from './heatColor';
import { HeatLegend } from './HeatLegend';
import { RefLink } from '../shared/RefLink';
import { TeamViewSection } from './TeamViewSection';
import { ScrollingTable } from '../shared/ScrollingTable';
import { HeadedInfoCard } from '../shared/HeadedInfoCard';
import { runtimeStackTranslationRef } from '../../translation';
import { usePaginationLabels } from './usePaginationLabels';
import { coveragePercentText } from '../shared/percentText';

/** Teams per page of the heatmap. */
export const TEAMS_PER_PAGE = 50;

type Column = TeamScorecard['columns'][number];

/**
 * "team-payments, layer 3: 83%, 5 of 6 required, 5 services", for screen
 * readers: the column is "layer 3" in the layers view, the capability's
 * title in the drill-down.
 */
function useCellLabel() {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  return (
    team: string,
    column: Column,
    drilled: boolean,
    cell: TeamCoverageCell | undefined,
  ): string => {
    const name = drilled
      ? column.title
      : t('scorecardsPage.heatmap.cellLayer', { layer: String(column.layer) });
    if (!cell || cell.required === 0) {
      return t('scorecardsPage.heatmap.cellNothingRequired', {
        team,
        column: name,
      });
    }
    const values = {
      team,
      column: name,
      percent: coveragePercentText(t, cell),
      covered: cell.covered,
      required: cell.required,
      count: cell.services,
    };
    return cell.partial > 0
      ? t('scorecardsPage.heatmap.cellPartly', {
          ...values,
          partial: cell.partial,
        })
      : t('scorecardsPage.heatmap.cell', values);
  };
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
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const cellLabel = useCellLabel();
  const required = cell !== undefined && cell.required > 0;
  const background = heatColor(required ? cell.ratio : undefined);
  return (
    <TableCell
      align="center"
      aria-label={cellLabel(team, column, drilled, cell)}
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
            {coveragePercentText(t, cell)}
          </Typography>
          <Typography variant="caption" component="div">
            {cell.covered}/{cell.required}
            {cell.partial > 0 &&
              ` ${t('scorecardsPage.heatmap.cellPartial', {
                partial: cell.partial,
              })}`}
          </Typography>
          <Typography variant="caption" component="div">
            {t('scorecardsPage.heatmap.cellServices', {
              count: cell.services,
            })}
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

/** A layer's column title, which drills down to its capabilities. */
const LayerHeader = ({
  column,
  onDrillDown,
}: {
  column: Column;
  onDrillDown: () => void;
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const header = t('scorecardsPage.heatmap.layerColumn', {
    layer: String(column.layer),
    title: column.title,
  });
  return (
    <Tooltip
      title={t('scorecardsPage.heatmap.drillDown', { title: column.title })}
    >
      <Link
        component="button"
        variant="body2"
        onClick={onDrillDown}
        // Starts with the visible text, so voice control users can say what
        // they see.
        aria-label={t('scorecardsPage.heatmap.drillDownLabel', {
          column: header,
        })}
        style={columnTitleStyle}
      >
        {header}
      </Link>
    </Tooltip>
  );
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
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  return (
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
          title={t('scorecardsPage.heatmap.showTeam', { team: name })}
          style={{ fontWeight: selected ? 700 : undefined }}
        >
          {name}
        </Link>
        <RefLink
          entityRef={row.team}
          defaultKind="group"
          aria-label={t('scorecardsPage.heatmap.openTeam', { team: name })}
        >
          <OpenInNewIcon style={{ fontSize: '1em' }} />
        </RefLink>
      </Box>
      <Typography variant="caption" color="textSecondary" component="div">
        {t('scorecardsPage.heatmap.teamSummary', {
          percent: coveragePercentText(t, row.overall),
          count: row.services,
        })}
      </Typography>
      {parentName && (
        <Typography variant="caption" color="textSecondary" component="div">
          {t('scorecardsPage.heatmap.parent', { team: parentName })}
        </Typography>
      )}
    </TableCell>
  );
};

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
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const paginationLabels = usePaginationLabels();
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
        title={t('scorecardsPage.heatmap.loadError')}
      />
    );
  } else if (!value || value.totalCount === 0) {
    body = (
      <EmptyState
        missing="data"
        title={t('scorecardsPage.heatmap.emptyTitle')}
        description={t('scorecardsPage.heatmap.emptyDescription')}
      />
    );
  } else if (value.columns.length === 0) {
    body = (
      <Typography variant="body2" color="textSecondary">
        {drilled
          ? t('scorecardsPage.heatmap.noCapabilities', {
              layer: String(layer.layer),
            })
          : t('scorecardsPage.heatmap.noLayers')}
      </Typography>
    );
  } else {
    body = (
      <>
        <ScrollingTable
          size="small"
          aria-label={
            drilled
              ? t('scorecardsPage.heatmap.drilledTableLabel', {
                  layer: String(layer.layer),
                })
              : t('scorecardsPage.heatmap.tableLabel')
          }
        >
          <TableHead>
            <TableRow>
              <TableCell>{t('scorecardsPage.heatmap.teamColumn')}</TableCell>
              {value.columns.map(column => (
                <TableCell
                  key={column.id}
                  align="center"
                  style={{ verticalAlign: 'bottom' }}
                >
                  {drilled ? (
                    <span style={columnTitleStyle}>{column.title}</span>
                  ) : (
                    <LayerHeader
                      column={column}
                      onDrillDown={() =>
                        setLayer({ layer: column.layer, title: column.title })
                      }
                    />
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
            {...paginationLabels}
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
            ? t('scorecardsPage.heatmap.drilledTitle', {
                layer: t('layerTitle', {
                  layer: String(layer.layer),
                  title: layer.title,
                }),
              })
            : t('scorecardsPage.heatmap.title')
        }
        subheader={
          drilled
            ? t('scorecardsPage.heatmap.drilledSubheader')
            : t('scorecardsPage.heatmap.subheader')
        }
        action={
          drilled ? (
            <Button
              size="small"
              startIcon={<ArrowBackIcon />}
              onClick={() => setLayer(undefined)}
            >
              {t('scorecardsPage.heatmap.back')}
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
