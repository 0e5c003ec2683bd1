import {
  stringifyEntityRef,
  type CompoundEntityRef,
} from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  EntityRefLink,
  useEntityRefLink,
} from '@backstage/plugin-catalog-react';
import type { TeamView } from '@internal/backstage-plugin-runtime-stack-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { runtimeStackTranslationRef } from '../../translation';
import { ErrorText } from '../shared/ErrorText';
import { errorMessage } from '../shared/errorMessage';
import { RefusalText, refusalOf } from '../shared/LoadError';
import { coveragePercentText } from '../shared/percentText';
import { RUNTIME_STACK_TAB_PATH } from '../shared/routeLinks';
import { useTeamTitle } from '../shared/TeamTitle';
import { TeamSummary } from './TeamSummary';
import { useTeamsWidgetStyles } from './teamsWidgetStyles';

/** One team's view, or why it could not be loaded. */
export type TeamResult =
  | { team: CompoundEntityRef; view: TeamView }
  | { team: CompoundEntityRef; error: unknown };

/** Why a team's view is missing: a refusal calmly, a failure in red. */
const TeamLoadError = ({ error }: { error: unknown }) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const refusal = refusalOf(error);
  if (refusal !== undefined) {
    return <RefusalText what={t('teamsWidget.teamWhat')} reason={refusal} />;
  }
  return (
    <ErrorText>
      {t('teamsWidget.teamLoadError', { message: errorMessage(error) })}
    </ErrorText>
  );
};

/** One team: its coverage and link to its team view, or why it can't show. */
export const TeamItem = ({
  result,
  capabilityTitleOf,
}: {
  result: TeamResult;
  capabilityTitleOf: (capability: string) => string;
}) => {
  const classes = useTeamsWidgetStyles();
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
        <TeamLoadError error={result.error} />
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
