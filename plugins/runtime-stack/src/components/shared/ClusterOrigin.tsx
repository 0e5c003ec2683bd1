import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';

/**
 * Where a cluster was located: the catalog Resource that declares it, or
 * the locator that listed it (a GKE project); nothing for configured ones.
 */
export const ClusterOrigin = ({
  cluster,
}: {
  cluster: { entityRef?: string; origin?: string };
}) => {
  if (cluster.entityRef) {
    return (
      <Typography variant="body2" color="textSecondary">
        from the catalog:{' '}
        <EntityRefLink entityRef={cluster.entityRef} defaultKind="resource" />
      </Typography>
    );
  }
  return cluster.origin ? (
    <Typography variant="body2" color="textSecondary">
      from {cluster.origin}
    </Typography>
  ) : null;
};
