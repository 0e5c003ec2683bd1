import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { AggregatedGap } from '@internal/backstage-plugin-runtime-stack-common';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { Fragment } from 'react';
import { ScrollingTable } from '../shared/ScrollingTable';
import { HeadedInfoCard } from '../shared/HeadedInfoCard';

/** "missing on 3, partial on 1", leaving out a count of zero. */
export function describeGapCounts(gap: AggregatedGap): string {
  return [
    gap.missing > 0 && `missing on ${gap.missing}`,
    gap.partial > 0 && `partial on ${gap.partial}`,
  ]
    .filter(Boolean)
    .join(', ');
}

/**
 * Gaps by how many components share them, as the backend orders them: one
 * fix on the platform can close a gap for all of them at once.
 */
export const SharedGapsCard = ({ gaps }: { gaps: AggregatedGap[] }) => (
  <HeadedInfoCard title="Gaps across components">
    {gaps.length === 0 ? (
      <Typography variant="body2" color="textSecondary">
        No component has a gap in its required capabilities.
      </Typography>
    ) : (
      <ScrollingTable size="small" aria-label="Gaps across components">
        <TableHead>
          <TableRow>
            <TableCell>Capability</TableCell>
            <TableCell>Where</TableCell>
            <TableCell>Components</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {gaps.map(gap => (
            <TableRow key={gap.capability}>
              <TableCell>
                Layer {gap.layer} · {gap.title}
              </TableCell>
              <TableCell>{describeGapCounts(gap)}</TableCell>
              <TableCell>
                {gap.components.map((ref, i) => (
                  <Fragment key={ref}>
                    {i > 0 && ', '}
                    <EntityRefLink entityRef={ref} defaultKind="component" />
                  </Fragment>
                ))}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </ScrollingTable>
    )}
  </HeadedInfoCard>
);
