import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { runtimeStackTranslationRef } from '../../translation';

/**
 * Where a cluster was located: the catalog Resource that declares it, or
 * the locator that listed it (a GKE project); nothing for configured ones.
 */
export const ClusterOrigin = ({
  cluster,
}: {
  cluster: { entityRef?: string; origin?: string };
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  if (cluster.entityRef) {
    return (
      <Typography variant="body2" color="textSecondary">
        {t('clusterOrigin.catalog', {
          resource: (
            <EntityRefLink
              entityRef={cluster.entityRef}
              defaultKind="resource"
            />
          ),
        })}
      </Typography>
    );
  }
  return cluster.origin ? (
    <Typography variant="body2" color="textSecondary">
      {t('clusterOrigin.locator', { origin: cluster.origin })}
    </Typography>
  ) : null;
};
