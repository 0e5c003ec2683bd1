import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type {
  TeamCoverageCell,
  TeamCoverageRow,
  TeamScorecard,
} from '@internal/backstage-plugin-runtime-stack-common';
import Box from '@material-ui/core/Box';
import Link from '@material-ui/core/Link';
import { alpha, makeStyles } from '@material-ui/core/styles';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import OpenInNewIcon from '@material-ui/icons/OpenInNew';
import type { CSSProperties } from 'react';
import { runtimeStackTranslationRef } from '../../translation';
import { RefLink } from '../shared/RefLink';
import { ScrollingTable } from '../shared/ScrollingTable';
import { useTeamTitle } from '../shared/TeamTitle';
import { coveragePercentText } from '../shared/percentText';
import { heatColor, heatTextColor } from './heatColor';

type Column = TeamScorecard['columns'][number];

const useStyles = makeStyles(theme => ({
  // The team column stays in place while the layers scroll sideways under
  // it, so a cell's row can still be told; its own background hides them.
  teamColumn: {
    position: 'sticky',
    left: 0,
    zIndex: 1,
    backgroundColor: theme.palette.background.paper,
    boxShadow: `inset -1px 0 0 ${theme.palette.divider}`,
    // The selected row's tint, over the background that hides the cells.
    'tr.Mui-selected > &': {
      backgroundImage: `linear-gradient(${alpha(
        theme.palette.secondary.main,
        theme.palette.action.selectedOpacity,
      )}, ${alpha(
        theme.palette.secondary.main,
        theme.palette.action.selectedOpacity,
      )})`,
    },
  },
}));

/**
 * "team-payments, layer 3: 83%, 5 of 6 required covered, 5 services", for screen
 * readers: the column is "layer 3" in the layers view, where the column
 * header gives its title and every cell repeats the label, and the
 * capability's title in the drill-down.
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
            {t('scorecardsPage.heatmap.cellCounts', {
              covered: cell.covered,
              required: cell.required,
            })}
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
  name,
  onDrillDown,
}: {
  column: Column;
  /** "Layer 3 · Networking & storage", as every view names the layer. */
  name: string;
  onDrillDown: () => void;
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
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
          column: name,
        })}
        style={columnTitleStyle}
      >
        {name}
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
  const classes = useStyles();
  return (
    <TableCell
      component="th"
      scope="row"
      // MUI gives a body th the role of a plain cell.
      role="rowheader"
      className={classes.teamColumn}
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
 * Teams × layers, or teams × the capabilities of one layer: each cell
 * coloured by how much of what the team's services require is covered.
 */
export const HeatmapTable = ({
  scorecard,
  drilled,
  label,
  selectedTeam,
  busy,
  onDrillDown,
  onSelectTeam,
}: {
  scorecard: TeamScorecard;
  /** Whether the columns are the capabilities of one layer. */
  drilled: boolean;
  label: string;
  selectedTeam?: string;
  /** Another view is loading in its place. */
  busy: boolean;
  onDrillDown: (layer: number) => void;
  onSelectTeam: (team: string) => void;
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const classes = useStyles();
  return (
    <ScrollingTable size="small" aria-label={label} aria-busy={busy}>
      <TableHead>
        <TableRow>
          <TableCell className={classes.teamColumn}>
            {t('scorecardsPage.heatmap.teamColumn')}
          </TableCell>
          {scorecard.columns.map(column => (
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
                  name={t('layerTitle', {
                    layer: String(column.layer),
                    title: column.title,
                  })}
                  onDrillDown={() => onDrillDown(column.layer)}
                />
              )}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {scorecard.items.map(row => (
          <TeamRow
            key={row.team}
            row={row}
            columns={scorecard.columns}
            drilled={drilled}
            selected={row.team === selectedTeam}
            onSelect={() => onSelectTeam(row.team)}
          />
        ))}
      </TableBody>
    </ScrollingTable>
  );
};
