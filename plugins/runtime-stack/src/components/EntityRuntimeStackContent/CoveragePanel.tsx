import type {
  EntityClusters,
  EntityCoverage,
} from '@internal/backstage-plugin-runtime-stack-common';
import Box from '@material-ui/core/Box';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { formatAgeSince } from '../shared/formatAgeSince';
import { ScrollingTable } from '../shared/ScrollingTable';
import { HiddenTableHead } from '../shared/HiddenTableHead';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { runtimeStackTranslationRef } from '../../translation';
import {
  coverageHintText,
  profileReasonText,
} from '../shared/coverageHintText';
import { coveragePercentText } from '../shared/percentText';
import { CoverageBar } from '../shared/CoverageBar';
import { CoverageStatusChip } from '../shared/CoverageStatusChip';
import { CoverageCaveats } from '../shared/CoverageCaveats';
import { CoverageFigure } from '../shared/CoverageFigure';

/**
 * Overall and per-layer coverage under the service's requirement profile,
 * what it may be missing (sources that failed, clusters behind), then the
 * gaps with what would close them.
 */
export const CoveragePanel = ({
  value,
  clusters,
}: {
  value: EntityCoverage;
  /** The service's clusters, when loaded: their freshness says how current the coverage is. */
  clusters?: EntityClusters;
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const age = formatAgeSince(t, value.evaluatedAt);
  return (
    <>
      <CoverageFigure
        label={t('entityContent.coverage.overallLabel')}
        value={coveragePercentText(t, value.overall)}
      />
      <Typography variant="body2" color="textSecondary">
        {t(
          value.overall.partial > 0
            ? 'entityContent.coverage.summaryPartly'
            : 'entityContent.coverage.summary',
          {
            covered: value.overall.covered,
            required: value.overall.required,
            partial: value.overall.partial,
            profile: value.profile.title,
            reason: profileReasonText(t, value.profile),
          },
        )}
        {age && t('entityContent.coverage.evaluated', { age })}
      </Typography>
      <CoverageCaveats
        sourceErrors={value.sourceErrors}
        clusters={clusters}
        where="tab"
      />
      <ScrollingTable
        size="small"
        aria-label={t('entityContent.coverage.layersLabel')}
      >
        <HiddenTableHead
          columns={[
            t('layerCoverageColumns.layer'),
            t('layerCoverageColumns.bar'),
            t('layerCoverageColumns.ofRequired'),
          ]}
        />
        <TableBody>
          {[...value.layers].reverse().map(layer => (
            <TableRow key={layer.layer}>
              <TableCell style={{ width: '35%' }}>
                {t('layerTitle', {
                  layer: String(layer.layer),
                  title: layer.title,
                })}
              </TableCell>
              <TableCell style={{ width: '45%' }}>
                <CoverageBar
                  coverage={layer}
                  label={t('entityContent.coverage.layerBarLabel', {
                    layer: String(layer.layer),
                  })}
                />
              </TableCell>
              {/* "100% of 7" on one line: on a phone the bar gives way instead. */}
              <TableCell
                style={
                  layer.required === 0 ? undefined : { whiteSpace: 'nowrap' }
                }
              >
                {layer.required === 0
                  ? t('entityContent.coverage.layerNothingRequired')
                  : t('entityContent.coverage.layerRatio', {
                      percent: coveragePercentText(t, layer),
                      required: layer.required,
                    })}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </ScrollingTable>
      {value.gaps.length > 0 && (
        <Box mt={2}>
          <Typography variant="subtitle2" component="h4">
            {t('entityContent.coverage.gaps')}
          </Typography>
          <ScrollingTable
            size="small"
            aria-label={t('entityContent.coverage.gapsLabel')}
          >
            <HiddenTableHead
              columns={[
                t('entityContent.coverage.gapColumns.status'),
                t('entityContent.coverage.gapColumns.capability'),
                t('entityContent.coverage.gapColumns.hint'),
              ]}
            />
            <TableBody>
              {value.gaps.map(gap => (
                <TableRow key={gap.capability}>
                  <TableCell>
                    <CoverageStatusChip
                      status={gap.status}
                      requirement={gap.requirement}
                      capabilityTitle={gap.title}
                    />
                  </TableCell>
                  <TableCell>
                    {t('layerTitle', {
                      layer: String(gap.layer),
                      title: gap.title,
                    })}
                    {gap.conflict &&
                      t('entityContent.coverage.conflict', {
                        declared: gap.conflict.declared.join(', '),
                        observed: gap.conflict.observed.join(', '),
                      })}
                  </TableCell>
                  <TableCell>
                    <Typography variant="body2" color="textSecondary">
                      {coverageHintText(t, gap)}
                    </Typography>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </ScrollingTable>
        </Box>
      )}
    </>
  );
};
