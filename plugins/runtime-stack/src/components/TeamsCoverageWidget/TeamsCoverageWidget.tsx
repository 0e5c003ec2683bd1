import { Link, Progress } from '@backstage/core-components';
import {
  coreApis,
  useApi,
  useRouteRef,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { runtimeStackApiRef } from '../../api';
import { legacyScorecardsRouteRef } from '../../legacyRoutes';
import { scorecardsRouteRef } from '../../routes';
import { runtimeStackTranslationRef } from '../../translation';
import { ErrorText } from '../shared/ErrorText';
import { errorMessage } from '../shared/errorMessage';
import { useLayerModelTitles } from '../shared/layerModelTitles';
import { RetryButton } from '../shared/RetryButton';
import {
  SCORECARDS_DEFAULT_PATH,
  useOptionalLegacyRouteRef,
} from '../shared/routeLinks';
import { TeamItem, type TeamResult } from './TeamItem';
import { teamsToShow } from './teamsToShow';
import { useTeamsWidgetStyles } from './teamsWidgetStyles';

/**
 * The coverage of the signed-in user's teams, for the home page: each team's
 * share of required capabilities covered, its most common gaps and the
 * exemptions about to expire, with a link to its team view. Only the first
 * few teams load; the scorecards show the rest. The exports below say where
 * the scorecards are.
 */
const TeamsCoverage = ({ scorecardsLink }: { scorecardsLink?: string }) => {
  const classes = useTeamsWidgetStyles();
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const identityApi = useApi(coreApis.identity);
  const api = useApi(runtimeStackApiRef);
  // Once for the widget, not once per team.
  const { capabilityTitleOf } = useLayerModelTitles();

  const { value, loading, error, retry } = useAsyncRetry(async () => {
    const { ownershipEntityRefs } = await identityApi.getBackstageIdentity();
    const { shown, more } = teamsToShow(ownershipEntityRefs);
    // One team failing (no permission, say) leaves the others readable.
    const results = await Promise.all(
      shown.map(
        (team): Promise<TeamResult> =>
          api.getTeamView(team).then(
            view => ({ team, view }),
            failure => ({ team, error: failure }),
          ),
      ),
    );
    return { results, more };
  }, [identityApi, api]);

  if (loading) return <Progress />;
  if (error) {
    return (
      <>
        <ErrorText>
          {t('teamsWidget.loadError', { message: errorMessage(error) })}
        </ErrorText>
        <RetryButton onClick={retry} />
      </>
    );
  }
  if (!value || value.results.length === 0) {
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
    <>
      <ul className={classes.list} aria-label={t('teamsWidget.teamsLabel')}>
        {value.results.map(result => (
          <li
            key={`${result.team.namespace}/${result.team.name}`}
            className={classes.team}
          >
            <TeamItem result={result} capabilityTitleOf={capabilityTitleOf} />
          </li>
        ))}
      </ul>
      {value.more > 0 && (
        <Typography variant="body2">
          {/* The teams left out are reachable only there: where the app
              binds no route to the scorecards, the path they mount at. */}
          <Link to={scorecardsLink ?? SCORECARDS_DEFAULT_PATH}>
            {t('teamsWidget.moreTeams', { count: value.more })}
          </Link>
        </Typography>
      )}
    </>
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
