import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { CapabilityCoverage } from '@internal/backstage-plugin-runtime-stack-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { CoverageStatusChip } from '../shared/CoverageStatusChip';
import { WrappingListItemText } from '../shared/WrappingListItemText';
import { runtimeStackTranslationRef } from '../../translation';
import { coverageHintText } from '../shared/coverageHintText';

const SHOWN = 3;

/**
 * Missing before partial, since nothing is there at all; otherwise the
 * backend's layer order stands, lower layers carrying the ones above.
 */
export function pickTopGaps(
  gaps: CapabilityCoverage[],
  count: number,
): CapabilityCoverage[] {
  const rank = (gap: CapabilityCoverage) => (gap.status === 'missing' ? 0 : 1);
  return [...gaps].sort((a, b) => rank(a) - rank(b)).slice(0, count);
}

/** The few gaps worth acting on first, with what would close them. */
export const TopGaps = ({ gaps }: { gaps: CapabilityCoverage[] }) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const shown = pickTopGaps(gaps, SHOWN);
  return (
    <>
      <Typography variant="subtitle2" component="h4">
        {t('coverageCard.topGaps')}
      </Typography>
      <List dense disablePadding aria-label={t('coverageCard.topGapsLabel')}>
        {shown.map(gap => (
          <ListItem key={gap.capability} disableGutters alignItems="flex-start">
            <WrappingListItemText
              primary={t('layerTitle', {
                layer: String(gap.layer),
                title: gap.title,
              })}
              secondary={coverageHintText(t, gap)}
            />
            <CoverageStatusChip
              status={gap.status}
              requirement={gap.requirement}
              capabilityTitle={gap.title}
            />
          </ListItem>
        ))}
      </List>
      {gaps.length > shown.length && (
        <Typography variant="body2" color="textSecondary">
          {t('coverageCard.moreGaps', { count: gaps.length - shown.length })}
        </Typography>
      )}
    </>
  );
};
