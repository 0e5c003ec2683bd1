import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type {
  LayerCoverage,
  SystemCoverage,
} from '@internal/backstage-plugin-runtime-stack-common';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { ScrollingTable } from '../shared/ScrollingTable';
import { HiddenTableHead } from '../shared/HiddenTableHead';
import { HeadedInfoCard } from '../shared/HeadedInfoCard';
import { runtimeStackTranslationRef } from '../../translation';
import {
  coveragePercentText,
  layerCountsText,
  overallCountsText,
} from '../shared/percentText';
import { CoverageBar } from '../shared/CoverageBar';
import { CoverageFigure } from '../shared/CoverageFigure';

/**
 * The System's coverage: every component's required capabilities summed, so
 * a component that requires more weighs more, as the backend adds them up.
 */
export const AggregatedCoverageCard = ({
  value,
}: {
  value: SystemCoverage;
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const { overall } = value;
  const layerCounts = (layer: LayerCoverage) =>
    layer.required === 0
      ? t('systemContent.coverage.layerNothingRequired')
      : layerCountsText(t, layer);
  return (
    <HeadedInfoCard
      title={t('systemContent.coverage.title')}
      subheader={t('systemContent.coverage.subheader', {
        count: value.components.length,
      })}
    >
      <CoverageFigure
        variant="h3"
        label={t('systemContent.coverage.title')}
        value={coveragePercentText(t, overall)}
      />
      <Typography variant="body2" color="textSecondary">
        {overallCountsText(t, overall)}
      </Typography>
      <ScrollingTable
        size="small"
        aria-label={t('systemContent.coverage.layersLabel')}
      >
        <HiddenTableHead
          columns={[
            t('layerCoverageColumns.layer'),
            t('layerCoverageColumns.bar'),
            t('layerCoverageColumns.percent'),
          ]}
        />
        <TableBody>
          {[...value.layers]
            .sort((a, b) => b.layer - a.layer)
            .map(layer => (
              <TableRow key={layer.layer}>
                {/* The count under the title leaves the title room to stay on one or two lines. */}
                <TableCell>
                  <Typography variant="body2">
                    {t('layerTitle', {
                      layer: String(layer.layer),
                      title: layer.title,
                    })}
                  </Typography>
                  <Typography variant="caption" color="textSecondary">
                    {layerCounts(layer)}
                  </Typography>
                </TableCell>
                <TableCell style={{ width: '30%', minWidth: 60 }}>
                  <CoverageBar
                    coverage={layer}
                    label={t('coverageCard.layerBarLabel', {
                      layer: String(layer.layer),
                    })}
                  />
                </TableCell>
                <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
                  {coveragePercentText(t, layer)}
                </TableCell>
              </TableRow>
            ))}
        </TableBody>
      </ScrollingTable>
    </HeadedInfoCard>
  );
};
