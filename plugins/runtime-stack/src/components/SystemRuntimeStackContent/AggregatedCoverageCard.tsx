import type { SystemCoverage } from '@internal/backstage-plugin-runtime-stack-common';
import LinearProgress from '@material-ui/core/LinearProgress';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { formatCoveragePercent } from '@internal/backstage-plugin-runtime-stack-common';
import { ScrollingTable } from '../shared/ScrollingTable';
import { plural } from '../shared/plural';
import { HeadedInfoCard } from '../shared/HeadedInfoCard';

/**
 * The System's coverage: every component's required capabilities summed, so
 * a component that requires more weighs more, as the backend adds them up.
 */
export const AggregatedCoverageCard = ({
  value,
}: {
  value: SystemCoverage;
}) => {
  const { overall } = value;
  return (
    <HeadedInfoCard
      title="System coverage"
      subheader={`Summed over ${plural(
        value.components.length,
        'evaluated component',
      )}`}
    >
      <Typography variant="h3" component="p" aria-label="System coverage">
        {formatCoveragePercent(overall)}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {overall.covered} of {overall.required} required capabilities covered
        {overall.partial > 0 && `, ${overall.partial} partly`}
      </Typography>
      <ScrollingTable size="small" aria-label="System coverage by layer">
        <TableBody>
          {[...value.layers]
            .sort((a, b) => b.layer - a.layer)
            .map(layer => (
              <TableRow key={layer.layer}>
                {/* The count under the title leaves the title room to stay on one or two lines. */}
                <TableCell>
                  <Typography variant="body2">
                    Layer {layer.layer} · {layer.title}
                  </Typography>
                  <Typography variant="caption" color="textSecondary">
                    {layer.required === 0
                      ? 'nothing required'
                      : `${layer.covered}${
                          layer.partial > 0 ? ` + ${layer.partial} partly` : ''
                        } of ${layer.required} covered`}
                  </Typography>
                </TableCell>
                <TableCell style={{ width: '30%', minWidth: 60 }}>
                  {layer.required > 0 && (
                    <LinearProgress
                      variant="determinate"
                      value={layer.ratio * 100}
                      aria-label={`Layer ${layer.layer} coverage`}
                    />
                  )}
                </TableCell>
                <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
                  {formatCoveragePercent(layer)}
                </TableCell>
              </TableRow>
            ))}
        </TableBody>
      </ScrollingTable>
    </HeadedInfoCard>
  );
};
