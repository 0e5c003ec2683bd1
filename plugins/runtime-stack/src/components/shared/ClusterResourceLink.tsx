import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';

/** Where a cluster from the catalog is declared; nothing for configured ones. */
export const ClusterResourceLink = ({ entityRef }: { entityRef?: string }) =>
  entityRef ? (
    <Typography variant="body2" color="textSecondary">
      from the catalog:{' '}
      <EntityRefLink entityRef={entityRef} defaultKind="resource" />
    </Typography>
  ) : null;
