import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  ComponentCoverageSummary,
  LayerCoverage,
} from '@internal/backstage-plugin-runtime-stack-common';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import { formatAgeSince } from '../shared/formatAgeSince';
import { ScrollingTable } from '../shared/ScrollingTable';
import { HeadedInfoCard } from '../shared/HeadedInfoCard';
import { runtimeStackTranslationRef } from '../../translation';
import { coveragePercentText, layerCountsText } from '../shared/percentText';
import { CoverageBar } from '../shared/CoverageBar';

const requiresNothing = (c: ComponentCoverageSummary) =>
  c.overall.required === 0 ? 1 : 0;

/**
 * Lowest ratio first, then most gaps, so the components that need work
 * lead; components that require nothing (ratio 1, but nothing to cover)
 * end the list, after the complete ones.
 */
export function worstFirst(
  components: ComponentCoverageSummary[],
): ComponentCoverageSummary[] {
  return [...components].sort(
    (a, b) =>
      requiresNothing(a) - requiresNothing(b) ||
      a.overall.ratio - b.overall.ratio ||
      b.gapCount - a.gapCount ||
      a.entityRef.localeCompare(b.entityRef),
  );
}

const LayerCell = ({ layer }: { layer?: LayerCoverage }) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  if (!layer || layer.required === 0) {
    return <TableCell align="center">—</TableCell>;
  }
  const counts = layerCountsText(t, layer);
  return (
    <TableCell align="center" style={{ whiteSpace: 'nowrap' }}>
      <Tooltip title={counts}>
        <span>{coveragePercentText(t, layer)}</span>
      </Tooltip>
      <CoverageBar
        coverage={layer}
        // The tooltip's counts, for screen readers.
        label={t('systemContent.components.layerBarLabel', {
          layer: String(layer.layer),
          counts,
        })}
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
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const columns = [...layers].sort((a, b) => a.layer - b.layer);
  return (
    <HeadedInfoCard
      title={t('systemContent.components.title')}
      subheader={t('systemContent.components.subheader')}
    >
      <ScrollingTable
        size="small"
        aria-label={t('systemContent.components.tableLabel')}
      >
        <TableHead>
          <TableRow style={{ whiteSpace: 'nowrap' }}>
            <TableCell>
              {t('systemContent.components.componentColumn')}
            </TableCell>
            <TableCell>{t('systemContent.components.profileColumn')}</TableCell>
            <TableCell align="right">
              {t('systemContent.components.overallColumn')}
            </TableCell>
            <TableCell align="right">
              {t('systemContent.components.gapsColumn')}
            </TableCell>
            {columns.map(layer => (
              <TableCell
                key={layer.layer}
                align="center"
                aria-label={t('layerTitle', {
                  layer: String(layer.layer),
                  title: layer.title,
                })}
              >
                <Tooltip title={layer.title}>
                  <span>
                    {t('systemContent.components.layerColumn', {
                      layer: String(layer.layer),
                    })}
                  </span>
                </Tooltip>
              </TableCell>
            ))}
            <TableCell>
              {t('systemContent.components.evaluatedColumn')}
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {worstFirst(components).map(component => {
            const age = formatAgeSince(t, component.evaluatedAt);
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
                  {coveragePercentText(t, component.overall)}
                </TableCell>
                <TableCell align="right">{component.gapCount}</TableCell>
                {columns.map(column => (
                  <LayerCell
                    key={column.layer}
                    layer={component.layers.find(l => l.layer === column.layer)}
                  />
                ))}
                <TableCell style={{ whiteSpace: 'nowrap' }}>
                  {age
                    ? t('systemContent.components.evaluatedAgo', { age })
                    : '—'}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </ScrollingTable>
    </HeadedInfoCard>
  );
};
