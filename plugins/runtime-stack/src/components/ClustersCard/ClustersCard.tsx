import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type { LayerModel } from '@internal/backstage-plugin-runtime-stack-common';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { runtimeStackApiRef } from '../../api';
import { formatAge } from '../shared/formatAge';
import { ToolChips } from '../shared/ToolChips';
import { layerModelTitlesOf } from '@internal/backstage-plugin-runtime-stack-common';
import { FreshnessChip } from '../shared/FreshnessChip';
import { ClusterOrigin } from '../shared/ClusterOrigin';
import { ErrorText } from '../shared/ErrorText';
import { ScrollingTable } from '../shared/ScrollingTable';
import { HeadedInfoCard } from '../shared/HeadedInfoCard';

const NO_WRAP = { verticalAlign: 'top', whiteSpace: 'nowrap' } as const;

/**
 * The clusters the backend collects: how fresh their data is and which
 * platform tools were detected on each, with the evidence on hover. Tools
 * are named by their titles in the layer model when it is given.
 */
export const ClustersCard = ({ layerModel }: { layerModel?: LayerModel }) => {
  const api = useApi(runtimeStackApiRef);
  const titles = useMemo(() => layerModelTitlesOf(layerModel), [layerModel]);
  const { value, loading, error } = useAsync(() => api.getClusters(), [api]);

  const body = () => {
    if (loading) return <Progress />;
    if (error) {
      return (
        <ResponseErrorPanel error={error} title="Could not load the clusters" />
      );
    }
    if (!value || value.length === 0) {
      // A hint rather than EmptyState's illustration: the card sits above
      // the layer model and should stay small.
      return (
        <>
          <Typography variant="subtitle1" component="p">
            No clusters configured
          </Typography>
          <Typography variant="body2" color="textSecondary">
            Add clusters under kubernetes.clusterLocatorMethods in
            app-config.yaml (type: config), list a Google project's with a type:
            gke locator, or register kubernetes-cluster Resources with a type:
            catalog locator; the Kubernetes plugin and Runtime Stack both read
            them.
          </Typography>
        </>
      );
    }
    return (
      <ScrollingTable size="small" aria-label="Collected clusters">
        <TableHead>
          <TableRow>
            <TableCell>Cluster</TableCell>
            <TableCell>Data</TableCell>
            <TableCell style={NO_WRAP}>Objects</TableCell>
            <TableCell>Platform detected</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {value.map(cluster => (
            <TableRow key={cluster.name}>
              <TableCell style={NO_WRAP}>
                <Typography variant="subtitle2" component="span">
                  {cluster.dashboardUrl ? (
                    <Link to={cluster.dashboardUrl}>{cluster.name}</Link>
                  ) : (
                    cluster.name
                  )}
                </Typography>
                {cluster.serverVersion && (
                  <Typography variant="body2" color="textSecondary">
                    Kubernetes {cluster.serverVersion}
                  </Typography>
                )}
                <ClusterOrigin cluster={cluster} />
              </TableCell>
              <TableCell style={NO_WRAP}>
                <FreshnessChip cluster={cluster} />
                {cluster.ageSeconds !== undefined && (
                  <Typography variant="body2" color="textSecondary">
                    collected {formatAge(cluster.ageSeconds)} ago
                  </Typography>
                )}
                {cluster.lastError && (
                  // An API server's error can be long: it wraps, the state does not.
                  <ErrorText style={{ whiteSpace: 'normal', maxWidth: 360 }}>
                    {cluster.lastError}
                  </ErrorText>
                )}
                {cluster.warnings.length > 0 && (
                  <Typography variant="body2" color="textSecondary">
                    {cluster.warnings.length} resource(s) not readable
                  </Typography>
                )}
              </TableCell>
              <TableCell style={NO_WRAP}>{cluster.objectCount}</TableCell>
              <TableCell style={{ verticalAlign: 'top' }}>
                {cluster.platformTools.length > 0 ? (
                  <ToolChips tools={cluster.platformTools} titles={titles} />
                ) : (
                  <Typography variant="body2" color="textSecondary">
                    nothing detected yet
                  </Typography>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </ScrollingTable>
    );
  };

  return (
    <HeadedInfoCard
      title="Clusters"
      subheader="Collected on a schedule and kept current with watches; pages read the stored state."
    >
      {body()}
    </HeadedInfoCard>
  );
};
