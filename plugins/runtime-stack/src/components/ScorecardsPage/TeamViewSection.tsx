import { parseEntityRef } from '@backstage/catalog-model';
import { Progress } from '@backstage/core-components';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  exemptionReadPermission,
  type TeamView,
} from '@internal/backstage-plugin-runtime-stack-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import CloseIcon from '@material-ui/icons/Close';
import { Fragment, type ReactNode, type RefObject } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { runtimeStackApiRef } from '../../api';
import { describeExpiry } from '../EntityRuntimeStackContent/exemptions';
import { useLayerModelTitles } from '../shared/layerModelTitles';
import { TeamTitle, useTeamTitle } from '../shared/TeamTitle';
import { RefLink } from '../shared/RefLink';
import { ScrollingTable } from '../shared/ScrollingTable';
import { AlertChip } from '../shared/AlertChip';
import { HeadedInfoCard } from '../shared/HeadedInfoCard';
import { LoadError } from '../shared/LoadError';
import { useCoverageStatusText } from '../shared/coverageStatusText';
import {
  runtimeStackTranslationRef,
  type RuntimeStackT,
} from '../../translation';
import { coveragePercentText } from '../shared/percentText';
import { CoverageFigure } from '../shared/CoverageFigure';
import { focusableTitle } from '../shared/focusableTitle';
import {
  teamListingOf,
  totalServicesOf,
  type TeamListing,
} from '../shared/totalServicesOf';

type TitleOf = (id: string) => string;

/**
 * The services the team's coverage counts. The list may hold fewer: it is
 * cut short and leaves out what the catalog hides from the caller. A
 * backend before `totalServices` counted only the list.
 */
/**
 * "6 of 7 required covered, 1 partly · 1 exempt": the counts behind a
 * service's percentage, which counts a partly covered capability as half.
 */
function serviceCountsText(
  t: RuntimeStackT,
  service: TeamView['services'][number],
): string {
  const counts = {
    covered: service.covered,
    required: service.required,
    partial: service.partial,
    exempt: service.exemptCount,
  };
  if (service.partial > 0) {
    return service.exemptCount > 0
      ? t('scorecardsPage.teamView.serviceCountsPartlyExempt', counts)
      : t('scorecardsPage.teamView.serviceCountsPartly', counts);
  }
  return service.exemptCount > 0
    ? t('scorecardsPage.teamView.serviceCountsExempt', counts)
    : t('scorecardsPage.teamView.serviceCounts', counts);
}

/**
 * What the list leaves out, when it leaves anything out: the services past
 * its least covered, those the catalog hides from the reader, or both.
 */
function listingNoteOf(
  t: RuntimeStackT,
  listing: TeamListing,
): string | undefined {
  const { shown, total, hidden: count } = listing;
  if (listing.cut) {
    return count > 0
      ? t('scorecardsPage.teamView.shownLeastCoveredHidden', {
          shown,
          total,
          count,
        })
      : t('scorecardsPage.teamView.shownLeastCovered', { shown, total });
  }
  if (count === 0) return undefined;
  return shown === 0
    ? t('scorecardsPage.teamView.allHidden', { count: total })
    : t('scorecardsPage.teamView.hiddenFromYou', { count, total });
}

const ServicesTable = ({
  view,
  capabilityTitleOf,
}: {
  view: TeamView;
  capabilityTitleOf: TitleOf;
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const statusText = useCoverageStatusText();
  const listing = teamListingOf(view);
  if (listing.total === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {t('scorecardsPage.teamView.noServices')}
      </Typography>
    );
  }
  const listingNote = listingNoteOf(t, listing);
  const shownNote = listingNote && (
    <Typography variant="body2" color="textSecondary" gutterBottom>
      {listingNote}
    </Typography>
  );
  if (view.services.length === 0) return <>{shownNote}</>;
  return (
    <>
      {shownNote}
      <ScrollingTable
        size="small"
        aria-label={t('scorecardsPage.teamView.servicesLabel')}
      >
        <TableHead>
          <TableRow>
            <TableCell>
              {t('scorecardsPage.teamView.columns.service')}
            </TableCell>
            <TableCell>
              {t('scorecardsPage.teamView.columns.coverage')}
            </TableCell>
            <TableCell>{t('scorecardsPage.teamView.columns.gaps')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {view.services.map(service => (
            <TableRow key={service.entityRef}>
              <TableCell>
                <RefLink
                  entityRef={service.entityRef}
                  defaultKind="component"
                />
                {service.system && (
                  <Typography variant="body2" color="textSecondary">
                    {t('scorecardsPage.teamView.inSystem', {
                      system: (
                        <RefLink
                          entityRef={service.system}
                          defaultKind="system"
                        />
                      ),
                    })}
                  </Typography>
                )}
              </TableCell>
              <TableCell>
                {coveragePercentText(t, service)}
                <Typography variant="body2" color="textSecondary">
                  {serviceCountsText(t, service)}
                </Typography>
              </TableCell>
              <TableCell>
                {service.gaps.length === 0 ? (
                  <Typography variant="body2" color="textSecondary">
                    {t('scorecardsPage.teamView.noGaps')}
                  </Typography>
                ) : (
                  <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
                    {service.gaps.map(gap => (
                      <AlertChip
                        key={gap.capability}
                        size="small"
                        alert={gap.status === 'missing'}
                        variant={
                          gap.status === 'missing' ? 'default' : 'outlined'
                        }
                        label={t('scorecardsPage.teamView.gap', {
                          capability: t('layerTitle', {
                            layer: String(gap.layer),
                            title: capabilityTitleOf(gap.capability),
                          }),
                          status: statusText(gap.status).label,
                        })}
                      />
                    ))}
                  </Box>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </ScrollingTable>
    </>
  );
};

const ExpiringExemptions = ({
  view,
  capabilityTitleOf,
}: {
  view: TeamView;
  capabilityTitleOf: TitleOf;
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  // The backend lists none to whoever may not read exemptions: that is not
  // "none expire".
  const { loading, allowed } = usePermission({
    permission: exemptionReadPermission,
  });
  if (view.expiringExemptions.length === 0) {
    // Until the permission is known, either sentence could be wrong.
    if (loading) return null;
    return (
      <Typography variant="body2" color="textSecondary">
        {allowed
          ? t('scorecardsPage.exemptions.none')
          : t('scorecardsPage.exemptions.notAllowed')}
      </Typography>
    );
  }
  return (
    <ScrollingTable
      size="small"
      aria-label={t('scorecardsPage.exemptions.tableLabel')}
    >
      <TableHead>
        <TableRow>
          <TableCell>
            {t('scorecardsPage.exemptions.columns.capability')}
          </TableCell>
          <TableCell>{t('scorecardsPage.exemptions.columns.scope')}</TableCell>
          <TableCell>
            {t('scorecardsPage.exemptions.columns.expires')}
          </TableCell>
          <TableCell>{t('scorecardsPage.exemptions.columns.reason')}</TableCell>
          <TableCell>
            {t('scorecardsPage.exemptions.columns.grantedBy')}
          </TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {view.expiringExemptions.map(exemption => {
          const expiry = describeExpiry(t, exemption.expiresAt);
          return (
            <TableRow key={exemption.id}>
              <TableCell>{capabilityTitleOf(exemption.capability)}</TableCell>
              <TableCell>
                <RefLink
                  entityRef={exemption.scope.ref}
                  defaultKind={exemption.scope.kind}
                />
              </TableCell>
              <TableCell>
                {expiry.expired ? (
                  <AlertChip size="small" label={expiry.text} />
                ) : (
                  expiry.text
                )}
              </TableCell>
              <TableCell>{exemption.reason}</TableCell>
              <TableCell>
                <RefLink entityRef={exemption.grantedBy} defaultKind="user" />
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </ScrollingTable>
  );
};

/** A team's coverage, its services with their gaps, its exemptions about to expire. */
export const TeamViewBody = ({ view }: { view: TeamView }) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const { capabilityTitleOf } = useLayerModelTitles();
  const { overall } = view;
  const counts = {
    covered: overall.covered,
    required: overall.required,
    count: totalServicesOf(view),
  };
  return (
    <>
      <Box display="flex" alignItems="baseline" style={{ gap: 12 }} mb={2}>
        <CoverageFigure
          label={t('scorecardsPage.teamView.coverageLabel')}
          value={coveragePercentText(t, overall)}
        />
        <Typography variant="body2" color="textSecondary">
          {overall.partial > 0
            ? t('scorecardsPage.teamView.summaryPartly', {
                ...counts,
                partial: overall.partial,
              })
            : t('scorecardsPage.teamView.summary', counts)}
        </Typography>
      </Box>
      <Typography variant="subtitle2" component="h4" gutterBottom>
        {t('scorecardsPage.teamView.servicesHeading')}
      </Typography>
      <ServicesTable view={view} capabilityTitleOf={capabilityTitleOf} />
      <Box mt={3}>
        <Typography variant="subtitle2" component="h4" gutterBottom>
          {t('scorecardsPage.exemptions.heading')}
        </Typography>
        <ExpiringExemptions view={view} capabilityTitleOf={capabilityTitleOf} />
      </Box>
    </>
  );
};

/**
 * One team's services with their gaps and its exemptions about to expire,
 * counting the groups below it.
 */
export const TeamViewSection = ({
  team,
  titleRef,
  onClose,
}: {
  /** A Group ref, such as `group:default/team-payments`. */
  team: string;
  /** The card's heading, for focus to move to when the view opens. */
  titleRef?: RefObject<HTMLHeadingElement>;
  onClose: () => void;
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const api = useApi(runtimeStackApiRef);
  const state = useAsyncRetry(async () => {
    const { namespace, name } = parseEntityRef(team, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    return api.getTeamView({ kind: 'group', namespace, name });
  }, [api, team]);
  // While the next team loads, react-use still holds the previous team's
  // view: its groups would head the next team's card.
  const view = state.loading ? undefined : state.value;

  const name = useTeamTitle(team);
  const others = (view?.groups ?? []).filter(g => g !== view?.team);
  let body: ReactNode;
  if (state.loading) {
    body = <Progress />;
  } else if (state.error) {
    body = (
      <LoadError
        error={state.error}
        what={t('scorecardsPage.teamView.what', { team: name })}
        title={t('scorecardsPage.teamView.loadError', { team: name })}
        onRetry={state.retry}
      />
    );
  } else if (view) {
    body = <TeamViewBody view={view} />;
  }

  return (
    <HeadedInfoCard
      title={t('scorecardsPage.teamView.title', {
        team: <RefLink entityRef={team} defaultKind="group" />,
      })}
      {...(titleRef && { titleTypographyProps: focusableTitle(titleRef) })}
      subheader={
        others.length > 0
          ? t('scorecardsPage.teamView.with', {
              teams: (
                <>
                  {others.map((group, i) => (
                    <Fragment key={group}>
                      {i > 0 && ', '}
                      <TeamTitle teamRef={group} />
                    </Fragment>
                  ))}
                </>
              ),
            })
          : undefined
      }
      action={
        <Button
          size="small"
          startIcon={<CloseIcon />}
          onClick={onClose}
          aria-label={t('scorecardsPage.teamView.closeLabel', { team: name })}
        >
          {t('scorecardsPage.teamView.close')}
        </Button>
      }
    >
      {body}
    </HeadedInfoCard>
  );
};
