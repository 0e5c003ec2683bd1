import { parseEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type { TeamView } from '@internal/backstage-plugin-runtime-stack-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import CloseIcon from '@material-ui/icons/Close';
import { Fragment, type ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { runtimeStackApiRef } from '../../api';
import { describeExpiry } from '../EntityRuntimeStackContent/exemptions';
import { formatCoveragePercent } from '@internal/backstage-plugin-runtime-stack-common';
import { useLayerModelTitles } from '../shared/layerModelTitles';
import { TeamTitle, useTeamTitle } from '../shared/TeamTitle';
import { RefLink } from '../shared/RefLink';
import { ScrollingTable } from '../shared/ScrollingTable';
import { AlertChip } from '../shared/AlertChip';
import { HeadedInfoCard } from '../shared/HeadedInfoCard';

type TitleOf = (id: string) => string;

const ServicesTable = ({
  view,
  capabilityTitleOf,
}: {
  view: TeamView;
  capabilityTitleOf: TitleOf;
}) => {
  if (view.services.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No services are owned by this team or the groups below it.
      </Typography>
    );
  }
  return (
    <ScrollingTable size="small" aria-label="Services of the team">
      <TableHead>
        <TableRow>
          <TableCell>Service</TableCell>
          <TableCell>Coverage</TableCell>
          <TableCell>Gaps</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {view.services.map(service => (
          <TableRow key={service.entityRef}>
            <TableCell>
              <RefLink entityRef={service.entityRef} defaultKind="component" />
              {service.system && (
                <Typography variant="body2" color="textSecondary">
                  in <RefLink entityRef={service.system} defaultKind="system" />
                </Typography>
              )}
            </TableCell>
            <TableCell>
              {formatCoveragePercent(service)}
              <Typography variant="body2" color="textSecondary">
                {service.covered} of {service.required}
                {service.exemptCount > 0 && ` · ${service.exemptCount} exempt`}
              </Typography>
            </TableCell>
            <TableCell>
              {service.gaps.length === 0 ? (
                <Typography variant="body2" color="textSecondary">
                  none
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
                      label={`Layer ${gap.layer} · ${capabilityTitleOf(
                        gap.capability,
                      )} ${gap.status}`}
                    />
                  ))}
                </Box>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </ScrollingTable>
  );
};

const ExpiringExemptions = ({
  view,
  capabilityTitleOf,
}: {
  view: TeamView;
  capabilityTitleOf: TitleOf;
}) => {
  if (view.expiringExemptions.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        None of the team&apos;s exemptions expires within 30 days.
      </Typography>
    );
  }
  return (
    <ScrollingTable
      size="small"
      aria-label="Exemptions expiring within 30 days"
    >
      <TableHead>
        <TableRow>
          <TableCell>Capability</TableCell>
          <TableCell>Scope</TableCell>
          <TableCell>Expires</TableCell>
          <TableCell>Reason</TableCell>
          <TableCell>Granted by</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {view.expiringExemptions.map(exemption => {
          const expiry = describeExpiry(exemption.expiresAt);
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
  const { capabilityTitleOf } = useLayerModelTitles();
  return (
    <>
      <Box display="flex" alignItems="baseline" style={{ gap: 12 }} mb={2}>
        <Typography variant="h4" component="p" aria-label="Team coverage">
          {formatCoveragePercent(view.overall)}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          {view.overall.covered} of {view.overall.required} required
          capabilities covered
          {view.overall.partial > 0 &&
            `, ${view.overall.partial} partly`} · {view.services.length}{' '}
          {view.services.length === 1 ? 'service' : 'services'}
        </Typography>
      </Box>
      <Typography variant="subtitle2" component="h4" gutterBottom>
        Services
      </Typography>
      <ServicesTable view={view} capabilityTitleOf={capabilityTitleOf} />
      <Box mt={3}>
        <Typography variant="subtitle2" component="h4" gutterBottom>
          Exemptions expiring within 30 days
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
  onClose,
}: {
  /** A Group ref, such as `group:default/team-payments`. */
  team: string;
  onClose: () => void;
}) => {
  const api = useApi(runtimeStackApiRef);
  const state = useAsync(async () => {
    const { namespace, name } = parseEntityRef(team, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    return api.getTeamView({ kind: 'group', namespace, name });
  }, [api, team]);

  const name = useTeamTitle(team);
  const others = (state.value?.groups ?? []).filter(
    g => g !== state.value?.team,
  );
  let body: ReactNode;
  if (state.loading) {
    body = <Progress />;
  } else if (state.error) {
    body = (
      <ResponseErrorPanel
        error={state.error}
        title={`Could not load the view of ${name}`}
      />
    );
  } else if (state.value) {
    body = <TeamViewBody view={state.value} />;
  }

  return (
    <HeadedInfoCard
      title={
        <>
          Team <RefLink entityRef={team} defaultKind="group" />
        </>
      }
      subheader={
        others.length > 0 ? (
          <>
            with{' '}
            {others.map((group, i) => (
              <Fragment key={group}>
                {i > 0 && ', '}
                <TeamTitle teamRef={group} />
              </Fragment>
            ))}
          </>
        ) : undefined
      }
      action={
        <Button
          size="small"
          startIcon={<CloseIcon />}
          onClick={onClose}
          aria-label={`Close the view of ${name}`}
        >
          Close
        </Button>
      }
    >
      {body}
    </HeadedInfoCard>
  );
};
