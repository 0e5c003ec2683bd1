import { useTranslationRef } from '@backstage/frontend-plugin-api';
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
import { runtimeStackTranslationRef } from '../../translation';

/**
 * Gaps by how many components share them, as the backend orders them: one
 * fix on the platform can close a gap for all of them at once.
 */
export const SharedGapsCard = ({ gaps }: { gaps: AggregatedGap[] }) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  // "missing on 3, partial on 1", leaving out a count of zero.
  const describeCounts = (gap: AggregatedGap) =>
    [
      gap.missing > 0 &&
        t('systemContent.gaps.missingOn', { count: gap.missing }),
      gap.partial > 0 &&
        t('systemContent.gaps.partialOn', { count: gap.partial }),
    ]
      .filter(Boolean)
      .join(', ');
  return (
    <HeadedInfoCard title={t('systemContent.gaps.title')}>
      {gaps.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {t('systemContent.gaps.none')}
        </Typography>
      ) : (
        <ScrollingTable size="small" aria-label={t('systemContent.gaps.title')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('systemContent.capabilityColumn')}</TableCell>
              <TableCell>{t('systemContent.gaps.whereColumn')}</TableCell>
              <TableCell>{t('systemContent.gaps.componentsColumn')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {gaps.map(gap => (
              <TableRow key={gap.capability}>
                <TableCell>
                  {t('layerTitle', {
                    layer: String(gap.layer),
                    title: gap.title,
                  })}
                </TableCell>
                <TableCell>{describeCounts(gap)}</TableCell>
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
};
