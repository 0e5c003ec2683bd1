import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type {
  EntityClusters,
  EntityCoverage,
} from '@internal/backstage-plugin-runtime-stack-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { formatAgeSince } from '../shared/formatAgeSince';
import { LayerCoverageList } from './LayerCoverageList';
import { TopGaps } from './TopGaps';
import { runtimeStackTranslationRef } from '../../translation';
import { CoverageCaveats } from '../shared/CoverageCaveats';
import { CoverageFigure } from '../shared/CoverageFigure';
import { coveragePercentText, overallCountsText } from '../shared/percentText';

/**
 * The card's body: what the coverage may be missing, the overall ratio,
 * then per layer, then what to fix.
 */
export const CoverageSummary = ({
  value,
  clusters,
}: {
  value: EntityCoverage;
  /** The service's clusters, when loaded: their freshness says how current the coverage is. */
  clusters?: EntityClusters;
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const { overall } = value;
  const age = formatAgeSince(t, value.evaluatedAt);
  return (
    <>
      <CoverageCaveats
        sourceErrors={value.sourceErrors}
        clusters={clusters}
        where="card"
      />
      <CoverageFigure
        variant="h3"
        label={t('coverageCard.overallLabel')}
        value={coveragePercentText(t, overall)}
      />
      <Typography variant="body2">
        {overall.required === 0 && t('coverageCard.nothingRequired')}
        {overall.required > 0 && overallCountsText(t, overall)}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {age
          ? t('coverageCard.profileEvaluated', {
              profile: value.profile.title,
              age,
            })
          : t('coverageCard.profile', { profile: value.profile.title })}
      </Typography>
      <Box mt={1} mb={2}>
        <LayerCoverageList layers={value.layers} />
      </Box>
      {value.gaps.length > 0 ? (
        <TopGaps gaps={value.gaps} />
      ) : (
        overall.required > 0 && (
          <Typography variant="body2" color="textSecondary">
            {t('coverageCard.allCovered')}
          </Typography>
        )
      )}
    </>
  );
};
