import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { TeamView } from '@internal/backstage-plugin-runtime-stack-common';
import Typography from '@material-ui/core/Typography';
import {
  runtimeStackTranslationRef,
  type RuntimeStackT,
} from '../../translation';
import { AlertChip } from '../shared/AlertChip';
import { CoverageBar } from '../shared/CoverageBar';
import { coveragePercentText, overallCountsText } from '../shared/percentText';
import { teamListingOf, type TeamListing } from '../shared/totalServicesOf';
import { commonGaps } from './teamGaps';
import { useTeamsWidgetStyles } from './teamsWidgetStyles';

/**
 * The gaps come from the services listed, which may be fewer than the team
 * counts: say which ones rather than pass them off as the team's.
 */
function gapsFact(
  t: RuntimeStackT,
  listing: TeamListing,
  count: number,
): string {
  const { shown } = listing;
  if (shown === 0) return t('teamsWidget.allHidden');
  if (listing.cut) {
    return t('teamsWidget.gapsAmongLeastCovered', { count, shown });
  }
  if (listing.hidden > 0) {
    return t('teamsWidget.gapsAmongVisible', { count, shown });
  }
  return t('teamsWidget.gaps', { count });
}

/** A team's coverage bar, its counts and its most common gaps. */
export const TeamSummary = ({
  team,
  view,
  capabilityTitleOf,
}: {
  team: string;
  view: TeamView;
  capabilityTitleOf: (capability: string) => string;
}) => {
  const classes = useTeamsWidgetStyles();
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const listing = teamListingOf(view);
  const { total } = listing;
  if (total === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {t('teamsWidget.noServices')}
      </Typography>
    );
  }
  const gaps = commonGaps(view, 3);
  const gapCount = view.services.reduce((n, s) => n + s.gaps.length, 0);
  const facts: string[] = [
    t('teamsWidget.services', { count: total }),
    gapsFact(t, listing, gapCount),
  ];
  if (view.expiringExemptions.length > 0) {
    facts.push(
      t('teamsWidget.expiring', { count: view.expiringExemptions.length }),
    );
  }
  return (
    <>
      <CoverageBar
        className={classes.bar}
        coverage={view.overall}
        label={t('teamsWidget.coverageLabel', { team })}
        valueText={t('teamsWidget.coverageValue', {
          percent: coveragePercentText(t, view.overall),
          counts: overallCountsText(t, view.overall),
        })}
      />
      <Typography variant="body2" color="textSecondary" gutterBottom>
        {facts.join(t('teamsWidget.factSeparator'))}
      </Typography>
      {gaps.length > 0 && (
        <div
          className={classes.gaps}
          role="group"
          aria-label={t('teamsWidget.commonGapsLabel', { team })}
        >
          {gaps.map(gap => (
            <AlertChip
              key={gap.capability}
              size="small"
              label={t('teamsWidget.commonGap', {
                layer: String(gap.layer),
                capability: capabilityTitleOf(gap.capability),
                count: gap.services,
              })}
            />
          ))}
        </div>
      )}
    </>
  );
};
