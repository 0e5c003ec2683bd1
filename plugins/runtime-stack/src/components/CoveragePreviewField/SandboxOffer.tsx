import { WarningPanel } from '@backstage/core-components';
import {
  useApiHolder,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import type { ClusterSummary } from '@internal/backstage-plugin-runtime-stack-common';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { runtimeStackApiRef } from '../../api';
import { runtimeStackTranslationRef } from '../../translation';
import { errorMessage } from '../shared/errorMessage';

/**
 * The clusters whose detected platform names the RuntimeClass: detection
 * records a sandbox's class (gVisor's, Kata's) as the evidence of the tool.
 */
export function clustersOffering(
  clusters: ClusterSummary[],
  runtimeClass: string,
): string[] {
  return clusters
    .filter(cluster =>
      cluster.platformTools.some(tool =>
        tool.evidence.some(
          e => e.kind === 'RuntimeClass' && e.name === runtimeClass,
        ),
      ),
    )
    .map(cluster => cluster.name);
}

/**
 * Where the chosen sandbox can run. Kubernetes refuses a pod that names a
 * RuntimeClass its cluster lacks, so a choice no cluster offers is a warning
 * before anything is created, not a crash loop after.
 */
export const SandboxOffer = ({
  runtimeClass,
  cluster,
}: {
  runtimeClass: string;
  /** The cluster the service will run on, when chosen. */
  cluster?: string;
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const api = useApiHolder().get(runtimeStackApiRef);
  const clusters = useAsync(
    async () => (api ? api.getClusters() : undefined),
    [api],
  );
  if (clusters.loading || !clusters.value) {
    return clusters.error ? (
      <Typography variant="body2" color="textSecondary">
        {t('coveragePreview.sandbox.notChecked', {
          runtimeClass,
          error: errorMessage(clusters.error),
        })}
      </Typography>
    ) : null;
  }
  const offering = clustersOffering(clusters.value, runtimeClass);
  if (cluster && offering.length > 0 && !offering.includes(cluster)) {
    return (
      <WarningPanel
        severity="warning"
        title={t('coveragePreview.sandbox.notOnClusterTitle', {
          runtimeClass,
          cluster,
        })}
        message={t('coveragePreview.sandbox.notOnClusterMessage', {
          cluster,
          clusters: offering.join(', '),
        })}
      />
    );
  }
  return offering.length > 0 ? (
    <Typography variant="body2" color="textSecondary">
      {t('coveragePreview.sandbox.offeredOn', {
        runtimeClass,
        clusters: offering.join(', '),
      })}
    </Typography>
  ) : (
    <WarningPanel
      severity="warning"
      title={t('coveragePreview.sandbox.nowhereTitle', { runtimeClass })}
      message={t('coveragePreview.sandbox.nowhereMessage', { runtimeClass })}
    />
  );
};
