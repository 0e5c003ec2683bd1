import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { LayerCoverage } from '@internal/backstage-plugin-runtime-stack-common';
import { VisuallyHidden } from '@backstage/ui';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import { ScrollingTable } from '../shared/ScrollingTable';
import { HiddenTableHead } from '../shared/HiddenTableHead';
import { runtimeStackTranslationRef } from '../../translation';
import { coveragePercentText, layerCountsText } from '../shared/percentText';
import { CoverageBar } from '../shared/CoverageBar';

/**
 * One line per layer, highest first as the stack is drawn. A layer the
 * profile asks nothing of gets no bar: a full one would claim coverage.
 */
export const LayerCoverageList = ({ layers }: { layers: LayerCoverage[] }) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const countsOf = (layer: LayerCoverage) =>
    layer.required === 0
      ? t('coverageCard.layerNothingRequired')
      : layerCountsText(t, layer);
  return (
    <ScrollingTable size="small" aria-label={t('coverageCard.layersLabel')}>
      <HiddenTableHead
        columns={[
          t('layerCoverageColumns.number'),
          t('layerCoverageColumns.layer'),
          t('layerCoverageColumns.bar'),
          t('layerCoverageColumns.percent'),
        ]}
      />
      <TableBody>
        {[...layers]
          .sort((a, b) => b.layer - a.layer)
          .map(layer => (
            <TableRow key={layer.layer}>
              <TableCell padding="none" style={{ width: '1.5em' }}>
                {layer.layer}
              </TableCell>
              <TableCell>{layer.title}</TableCell>
              <TableCell style={{ width: '30%' }}>
                <CoverageBar
                  coverage={layer}
                  label={t('coverageCard.layerBarLabel', {
                    layer: String(layer.layer),
                  })}
                />
              </TableCell>
              <TableCell align="right" title={countsOf(layer)}>
                {coveragePercentText(t, layer)}
                {/* The counts behind the percentage, for those who cannot hover the cell. */}
                <VisuallyHidden> {countsOf(layer)}</VisuallyHidden>
              </TableCell>
            </TableRow>
          ))}
      </TableBody>
    </ScrollingTable>
  );
};
