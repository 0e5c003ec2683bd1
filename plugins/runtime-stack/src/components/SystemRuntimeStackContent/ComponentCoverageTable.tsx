import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  ComponentCoverageSummary,
  LayerCoverage,
} from '@internal/backstage-plugin-runtime-stack-common';
import LinearProgress from '@material-ui/core/LinearProgress';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import { formatAgeSince } from '../shared/formatAgeSince';
import { formatCoveragePercent } from '@internal/backstage-plugin-runtime-stack-common';
import { ScrollingTable } from '../shared/ScrollingTable';
import { HeadedInfoCard } from '../shared/HeadedInfoCard';

/**
 * Lowest ratio first, then most gaps, so the components that need work
 * lead; components that require nothing (ratio 1) end the list.
 */
export function worstFirst(
  components: ComponentCoverageSummary[],
): ComponentCoverageSummary[] {
  return [...components].sort(
    (a, b) =>
      a.overall.ratio - b.overall.ratio ||
      b.gapCount - a.gapCount ||
      a.entityRef.localeCompare(b.entityRef),
  );
}

const LayerCell = ({ layer }: { layer?: LayerCoverage }) => {
  if (!layer || layer.required === 0) {
    return <TableCell align="center">—</TableCell>;
  }
  return (
    <TableCell align="center" style={{ whiteSpace: 'nowrap' }}>
      <Tooltip
        title={`${layer.covered} of ${layer.required} covered, ${layer.partial} partly`}
      >
        <span>{formatCoveragePercent(layer)}</span>
      </Tooltip>
      <LinearProgress
        variant="determinate"
        value={layer.ratio * 100}
        // The tooltip's counts, for screen readers.
        aria-label={`Layer ${layer.layer} coverage: ${layer.covered} of ${layer.required} covered, ${layer.partial} partly`}
      />
    </TableCell>
  );
};

/**
 * The evaluated components worst first, with a column per layer of the
 * System so the columns line up even where a component lacks a layer.
 */
export const ComponentCoverageTable = ({
  components,
  layers,
}: {
  components: ComponentCoverageSummary[];
  layers: LayerCoverage[];
}) => {
  const columns = [...layers].sort((a, b) => a.layer - b.layer);
  return (
    <HeadedInfoCard title="Components" subheader="Worst covered first">
      <ScrollingTable size="small" aria-label="Component coverage">
        <TableHead>
          <TableRow style={{ whiteSpace: 'nowrap' }}>
            <TableCell>Component</TableCell>
            <TableCell>Profile</TableCell>
            <TableCell align="right">Overall</TableCell>
            <TableCell align="right">Gaps</TableCell>
            {columns.map(layer => (
              <TableCell
                key={layer.layer}
                align="center"
                aria-label={`Layer ${layer.layer} · ${layer.title}`}
              >
                <Tooltip title={layer.title}>
                  <span>L{layer.layer}</span>
                </Tooltip>
              </TableCell>
            ))}
            <TableCell>Evaluated</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {worstFirst(components).map(component => {
            const age = formatAgeSince(component.evaluatedAt);
            return (
              <TableRow key={component.entityRef}>
                <TableCell>
                  <EntityRefLink
                    entityRef={component.entityRef}
                    defaultKind="component"
                  />
                </TableCell>
                <TableCell>{component.profile.title}</TableCell>
                <TableCell align="right">
                  {formatCoveragePercent(component.overall)}
                </TableCell>
                <TableCell align="right">{component.gapCount}</TableCell>
                {columns.map(column => (
                  <LayerCell
                    key={column.layer}
                    layer={component.layers.find(l => l.layer === column.layer)}
                  />
                ))}
                <TableCell style={{ whiteSpace: 'nowrap' }}>
                  {age ? `${age} ago` : '—'}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </ScrollingTable>
    </HeadedInfoCard>
  );
};
