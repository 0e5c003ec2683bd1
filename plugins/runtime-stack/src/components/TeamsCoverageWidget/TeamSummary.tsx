import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { TeamView } from '@internal/backstage-plugin-runtime-stack-common';
import Typography from '@material-ui/core/Typography';
import { runtimeStackTranslationRef } from '../../translation';
import { AlertChip } from '../shared/AlertChip';
import { CoverageBar } from '../shared/CoverageBar';
import { coveragePercentText, overallCountsText } from '../shared/percentText';
import { totalServicesOf } from '../shared/totalServicesOf';
import { commonGaps } from './teamGaps';
import { useTeamsWidgetStyles } from './teamsWidgetStyles';

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
  const total = totalServicesOf(view);
  if (total === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {t('teamsWidget.noServices')}
      </Typography>
    );
  }
  const shown = view.services.length;
  const gaps = commonGaps(view, 3);
  const gapCount = view.services.reduce((n, s) => n + s.gaps.length, 0);
  // The gaps come from the services listed, which may be fewer than the
  // team counts: say so rather than pass them off as the team's.
  const facts: string[] = [
    t('teamsWidget.services', { count: total }),
    shown < total
      ? t('teamsWidget.gapsAmongShown', { count: gapCount, shown })
      : t('teamsWidget.gaps', { count: gapCount }),
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
