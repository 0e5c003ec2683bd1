import { Link } from '@backstage/core-components';
import type { EntityClusters } from '@internal/backstage-plugin-runtime-stack-common';
import Box from '@material-ui/core/Box';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { formatAge } from '../shared/formatAge';
import type { LayerModelTitles } from '@internal/backstage-plugin-runtime-stack-common';
import { ToolChips } from '../shared/ToolChips';
import { WorkloadDashboardLink } from './WorkloadDashboardLink';
import { FreshnessChip } from '../shared/FreshnessChip';
import { ClusterOrigin } from '../shared/ClusterOrigin';
import { ErrorText } from '../shared/ErrorText';
import { ScrollingTable } from '../shared/ScrollingTable';

/** Per cluster: how fresh the data is, the workloads and the tools in use. */
export const ClustersPanel = ({
  value,
  titles,
}: {
  value: EntityClusters;
  titles: LayerModelTitles;
}) => (
  <>
    {value.unavailable.map(u => (
      <ErrorText key={u.cluster}>
        {u.cluster} could not be checked{u.lastError ? `: ${u.lastError}` : ''}
      </ErrorText>
    ))}
    {value.clusters.map(cluster => (
      <Box key={cluster.cluster} mb={3}>
        <Box display="flex" alignItems="center" style={{ gap: 8 }}>
          <Typography variant="h6" component="h4">
            {cluster.dashboardUrl ? (
              <Link to={cluster.dashboardUrl}>{cluster.cluster}</Link>
            ) : (
              cluster.cluster
            )}
          </Typography>
          <FreshnessChip cluster={cluster} />
          <Typography variant="body2" color="textSecondary">
            {cluster.namespaces.join(', ')}
            {cluster.ageSeconds !== undefined &&
              ` · collected ${formatAge(cluster.ageSeconds)} ago`}
          </Typography>
        </Box>
        <ClusterOrigin cluster={cluster} />
        {cluster.lastError && (
          <ErrorText>Showing the last good data: {cluster.lastError}</ErrorText>
        )}
        <ScrollingTable
          size="small"
          aria-label={`Workloads on ${cluster.cluster}`}
        >
          <TableHead>
            <TableRow style={{ whiteSpace: 'nowrap' }}>
              <TableCell>Workload</TableCell>
              <TableCell>Ready</TableCell>
              <TableCell>Pods</TableCell>
              <TableCell>Restarts</TableCell>
              <TableCell>Images</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {cluster.workloads.map(w => (
              <TableRow key={`${w.kind}/${w.namespace}/${w.name}`}>
                <TableCell>
                  <WorkloadDashboardLink dashboard={cluster} workload={w}>
                    {w.kind} {w.name}
                  </WorkloadDashboardLink>
                </TableCell>
                <TableCell>
                  {w.readyReplicas}
                  {w.desiredReplicas !== undefined && ` / ${w.desiredReplicas}`}
                </TableCell>
                <TableCell>
                  {w.pods.running} running of {w.pods.total}
                  {w.pods.failed > 0 && `, ${w.pods.failed} failed`}
                </TableCell>
                <TableCell>{w.pods.restarts}</TableCell>
                <TableCell>{w.images.join(', ')}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </ScrollingTable>
        {cluster.tools.length > 0 && (
          <Box mt={1}>
            <Typography variant="subtitle2" component="h5">
              Uses here
            </Typography>
            <ToolChips tools={cluster.tools} titles={titles} />
          </Box>
        )}
      </Box>
    ))}
  </>
);
