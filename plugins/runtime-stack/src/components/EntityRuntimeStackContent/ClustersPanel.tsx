import { Link } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type {
  EntityClusters,
  ToolFinding,
  WorkloadSummary,
} from '@internal/backstage-plugin-runtime-stack-common';
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
import { clustersEmptyText } from './clustersEmptyText';
import { FreshnessChip } from '../shared/FreshnessChip';
import { ClusterOrigin } from '../shared/ClusterOrigin';
import { ErrorText } from '../shared/ErrorText';
import { ScrollingTable } from '../shared/ScrollingTable';
import {
  runtimeStackTranslationRef,
  type RuntimeStackT,
} from '../../translation';

/** Tools under a heading, or nothing when there are none. */
const ToolsSection = ({
  heading,
  tools,
  titles,
}: {
  heading: string;
  tools: ToolFinding[];
  titles: LayerModelTitles;
}) =>
  tools.length > 0 ? (
    <Box mt={1}>
      <Typography variant="subtitle2" component="h5">
        {heading}
      </Typography>
      <ToolChips tools={tools} titles={titles} />
    </Box>
  ) : null;

/** "3 running of 5", with the pods that ran to completion and those that failed. */
function podsText(t: RuntimeStackT, pods: WorkloadSummary['pods']): string {
  const counts = {
    running: pods.running,
    total: pods.total,
    succeeded: pods.succeeded ?? 0,
    failed: pods.failed,
  };
  if (counts.succeeded > 0) {
    return pods.failed > 0
      ? t('clustersPanel.podsSucceededFailed', counts)
      : t('clustersPanel.podsSucceeded', counts);
  }
  return pods.failed > 0
    ? t('clustersPanel.podsFailed', counts)
    : t('clustersPanel.pods', counts);
}

/** Per cluster: how fresh the data is, the workloads and the tools in use. */
export const ClustersPanel = ({
  value,
  titles,
}: {
  value: EntityClusters;
  titles: LayerModelTitles;
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  return (
    <>
      {value.unavailable.map(u => (
        <ErrorText key={u.cluster}>
          {u.lastError
            ? t('clustersPanel.unavailableBecause', {
                cluster: u.cluster,
                message: u.lastError,
              })
            : t('clustersPanel.unavailable', { cluster: u.cluster })}
        </ErrorText>
      ))}
      {value.clusters.length === 0 && (
        // Beside the clusters that could not be checked, what to change if
        // the service is not on the others either.
        <Typography variant="body2" color="textSecondary">
          {clustersEmptyText(t, value)}
        </Typography>
      )}
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
                t('clustersPanel.collected', {
                  age: formatAge(t, cluster.ageSeconds),
                })}
            </Typography>
          </Box>
          <ClusterOrigin cluster={cluster} />
          {cluster.lastError && (
            <ErrorText>
              {t('clustersPanel.lastGoodData', { message: cluster.lastError })}
            </ErrorText>
          )}
          {cluster.warnings.length > 0 && (
            // "0 running of 0" beside "current" reads as no pods, where the
            // pods were only not readable.
            <ErrorText>
              {t('clustersPanel.unreadable', {
                warnings: cluster.warnings.join('; '),
              })}
            </ErrorText>
          )}
          <ScrollingTable
            size="small"
            aria-label={t('clustersPanel.workloadsLabel', {
              cluster: cluster.cluster,
            })}
          >
            <TableHead>
              <TableRow style={{ whiteSpace: 'nowrap' }}>
                <TableCell>{t('clustersPanel.columns.workload')}</TableCell>
                <TableCell>{t('clustersPanel.columns.ready')}</TableCell>
                <TableCell>{t('clustersPanel.columns.pods')}</TableCell>
                <TableCell>{t('clustersPanel.columns.restarts')}</TableCell>
                <TableCell>{t('clustersPanel.columns.images')}</TableCell>
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
                    {w.readyReplicas === undefined
                      ? t('clustersPanel.readyNotApplicable')
                      : w.readyReplicas}
                    {w.desiredReplicas !== undefined &&
                      ` / ${w.desiredReplicas}`}
                  </TableCell>
                  <TableCell>{podsText(t, w.pods)}</TableCell>
                  <TableCell>{w.pods.restarts}</TableCell>
                  <TableCell>{w.images.join(', ')}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </ScrollingTable>
          <ToolsSection
            heading={t('clustersPanel.usesHere')}
            tools={cluster.tools}
            titles={titles}
          />
          <ToolsSection
            heading={t('clustersPanel.providedHere')}
            tools={cluster.providedByCluster ?? []}
            titles={titles}
          />
        </Box>
      ))}
    </>
  );
};
