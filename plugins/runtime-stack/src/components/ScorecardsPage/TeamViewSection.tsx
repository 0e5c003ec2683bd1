import { parseEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { TeamView } from '@internal/backstage-plugin-runtime-stack-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import CloseIcon from '@material-ui/icons/Close';
import type { ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { runtimeStackApiRef } from '../../api';
import { describeExpiry } from '../EntityRuntimeStackContent/exemptions';
import { formatCoveragePercent } from '../shared/formatPercent';
import { ScrollingTable } from '../shared/ScrollingTable';
import { AlertChip } from '../shared/AlertChip';

/** `team-payments`, or `ops/team-payments` outside the default namespace. */
function shortName(ref: string): string {
  try {
    const { namespace, name } = parseEntityRef(ref);
    return namespace === 'default' ? name : `${namespace}/${name}`;
  } catch {
    return ref;
  }
}

/** A ref as a link, or as text when it is no ref at all. */
const Ref = ({ entityRef, kind }: { entityRef: string; kind: string }) => {
  try {
    return (
      <EntityRefLink
        entityRef={parseEntityRef(entityRef, { defaultKind: kind })}
        defaultKind={kind}
      />
    );
  } catch {
    return <>{entityRef}</>;
  }
};

const ServicesTable = ({ view }: { view: TeamView }) => {
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
              <Ref entityRef={service.entityRef} kind="component" />
              {service.system && (
                <Typography variant="body2" color="textSecondary">
                  in {shortName(service.system)}
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
                      label={`Layer ${gap.layer} · ${gap.capability} ${gap.status}`}
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

const ExpiringExemptions = ({ view }: { view: TeamView }) => {
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
              <TableCell>{exemption.capability}</TableCell>
              <TableCell>
                <Ref
                  entityRef={exemption.scope.ref}
                  kind={exemption.scope.kind}
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
                <Ref entityRef={exemption.grantedBy} kind="user" />
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
      <Typography variant="subtitle2" component="h3" gutterBottom>
        Services
      </Typography>
      <ServicesTable view={view} />
      <Box mt={3}>
        <Typography variant="subtitle2" component="h3" gutterBottom>
          Exemptions expiring within 30 days
        </Typography>
        <ExpiringExemptions view={view} />
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

  const others = (state.value?.groups ?? [])
    .filter(g => g !== state.value?.team)
    .map(shortName);
  let body: ReactNode;
  if (state.loading) {
    body = <Progress />;
  } else if (state.error) {
    body = (
      <ResponseErrorPanel
        error={state.error}
        title={`Could not load the view of ${shortName(team)}`}
      />
    );
  } else if (state.value) {
    body = <TeamViewBody view={state.value} />;
  }

  return (
    <InfoCard
      title={
        <>
          Team <Ref entityRef={team} kind="group" />
        </>
      }
      subheader={others.length > 0 ? `with ${others.join(', ')}` : undefined}
      action={
        <Button
          size="small"
          startIcon={<CloseIcon />}
          onClick={onClose}
          aria-label={`Close the view of ${shortName(team)}`}
        >
          Close
        </Button>
      }
    >
      {body}
    </InfoCard>
  );
};
