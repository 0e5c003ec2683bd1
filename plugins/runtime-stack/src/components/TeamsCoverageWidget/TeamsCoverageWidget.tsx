import {
  parseEntityRef,
  stringifyEntityRef,
  type CompoundEntityRef,
} from '@backstage/catalog-model';
import { Link, Progress } from '@backstage/core-components';
import {
  coreApis,
  useApi,
  useRouteRef,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityRefLink,
  useEntityRefLink,
} from '@backstage/plugin-catalog-react';
import type { TeamView } from '@internal/backstage-plugin-runtime-stack-common';
import Box from '@material-ui/core/Box';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { runtimeStackApiRef } from '../../api';
import { legacyScorecardsRouteRef } from '../../legacyRoutes';
import { scorecardsRouteRef } from '../../routes';
import { AlertChip } from '../shared/AlertChip';
import { ErrorText } from '../shared/ErrorText';
import { errorMessage } from '../shared/errorMessage';
import { useLayerModelTitles } from '../shared/layerModelTitles';
import { useTeamTitle } from '../shared/TeamTitle';
import { commonGaps } from './teamGaps';
import { runtimeStackTranslationRef } from '../../translation';
import {
  RUNTIME_STACK_TAB_PATH,
  useOptionalLegacyRouteRef,
} from '../shared/routeLinks';
import { coveragePercentText } from '../shared/percentText';
import { CoverageBar } from '../shared/CoverageBar';

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  team: {
    paddingBottom: theme.spacing(2),
    '& + &': {
      borderTop: `1px solid ${theme.palette.divider}`,
      paddingTop: theme.spacing(2),
    },
  },
  heading: {
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'baseline',
    gap: theme.spacing(1),
  },
  bar: { height: 8, borderRadius: 4, margin: theme.spacing(1, 0) },
  gaps: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5) },
}));

type TeamResult =
  | { team: CompoundEntityRef; view: TeamView }
  | { team: CompoundEntityRef; error: unknown };

const TeamSummary = ({
  team,
  view,
  capabilityTitleOf,
}: {
  team: string;
  view: TeamView;
  capabilityTitleOf: (capability: string) => string;
}) => {
  const classes = useStyles();
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  if (view.services.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {t('teamsWidget.noServices')}
      </Typography>
    );
  }
  const gaps = commonGaps(view, 3);
  const gapCount = view.services.reduce((n, s) => n + s.gaps.length, 0);
  const facts: string[] = [
    t('teamsWidget.services', { count: view.services.length }),
    t('teamsWidget.gaps', { count: gapCount }),
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
          covered: view.overall.covered,
          required: view.overall.required,
        })}
      />
      <Typography variant="body2" color="textSecondary" gutterBottom>
        {facts.join(' · ')}
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

/** One team: its coverage and link to its team view, or why it can't show. */
const TeamItem = ({
  result,
  capabilityTitleOf,
}: {
  result: TeamResult;
  capabilityTitleOf: (capability: string) => string;
}) => {
  const classes = useStyles();
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const entityLink = useEntityRefLink();
  const { team } = result;
  const name = useTeamTitle(stringifyEntityRef(team));
  const heading = (coverage?: string) => (
    <Box className={classes.heading}>
      <Typography variant="subtitle1" component="h3">
        <EntityRefLink entityRef={team} defaultKind="group" />
      </Typography>
      {coverage && (
        <Typography variant="h6" component="span">
          {coverage}
        </Typography>
      )}
    </Box>
  );
  if ('error' in result) {
    return (
      <>
        {heading()}
        <ErrorText>
          {t('teamsWidget.teamLoadError', {
            message: errorMessage(result.error),
          })}
        </ErrorText>
      </>
    );
  }
  // The Group's tab at the path the plugin gives it: a route of the entity
  // page can't be resolved from outside it.
  const tab = `${entityLink({
    kind: 'group',
    namespace: team.namespace,
    name: team.name,
  })}/${RUNTIME_STACK_TAB_PATH}`;
  return (
    <>
      {heading(coveragePercentText(t, result.view.overall))}
      <TeamSummary
        team={name}
        view={result.view}
        capabilityTitleOf={capabilityTitleOf}
      />
      <Typography variant="body2">
        <Link to={tab}>{t('teamsWidget.teamView', { team: name })}</Link>
      </Typography>
    </>
  );
};

/**
 * The coverage of the signed-in user's teams, for the home page: each team's
 * share of required capabilities covered, its most common gaps and the
 * exemptions about to expire, with a link to its team view. The exports
 * below say where the scorecards are.
 */
const TeamsCoverage = ({ scorecardsLink }: { scorecardsLink?: string }) => {
  const classes = useStyles();
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const identityApi = useApi(coreApis.identity);
  const api = useApi(runtimeStackApiRef);
  // Once for the widget, not once per team.
  const { capabilityTitleOf } = useLayerModelTitles();

  const { value, loading, error } = useAsync(async (): Promise<
    TeamResult[]
  > => {
    const { ownershipEntityRefs } = await identityApi.getBackstageIdentity();
    const teams = ownershipEntityRefs
      .map(ref => parseEntityRef(ref))
      .filter(ref => ref.kind.toLocaleLowerCase('en-US') === 'group');
    // One team failing (no permission, say) leaves the others readable.
    return Promise.all(
      teams.map(team =>
        api.getTeamView(team).then(
          view => ({ team, view }),
          failure => ({ team, error: failure }),
        ),
      ),
    );
  }, [identityApi, api]);

  if (loading) return <Progress />;
  if (error) {
    return (
      <ErrorText>
        {t('teamsWidget.loadError', { message: errorMessage(error) })}
      </ErrorText>
    );
  }
  if (!value || value.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {t('teamsWidget.noTeams')}{' '}
        {scorecardsLink && (
          <Link to={scorecardsLink}>{t('teamsWidget.allTeamsLink')}</Link>
        )}
      </Typography>
    );
  }

  return (
    <ul className={classes.list} aria-label={t('teamsWidget.teamsLabel')}>
      {value.map(result => (
        <li
          key={`${result.team.namespace}/${result.team.name}`}
          className={classes.team}
        >
          <TeamItem result={result} capabilityTitleOf={capabilityTitleOf} />
        </li>
      ))}
    </ul>
  );
};

/** The widget in the new frontend system's home page. */
export const TeamsCoverageWidget = () => {
  const scorecards = useRouteRef(scorecardsRouteRef);
  return <TeamsCoverage scorecardsLink={scorecards?.()} />;
};

/** The card in a legacy app's home page. */
export const LegacyTeamsCoverageWidget = () => {
  const scorecards = useOptionalLegacyRouteRef(legacyScorecardsRouteRef);
  return <TeamsCoverage scorecardsLink={scorecards?.()} />;
};
