import { Link, Progress } from '@backstage/core-components';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import type { LayerModel } from '@internal/backstage-plugin-runtime-stack-common';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { runtimeStackApiRef } from '../../api';
import { formatAge } from '../shared/formatAge';
import { ToolChips } from '../shared/ToolChips';
import { layerModelTitlesOf } from '@internal/backstage-plugin-runtime-stack-common';
import { FreshnessChip } from '../shared/FreshnessChip';
import { ClusterOrigin } from '../shared/ClusterOrigin';
import { ErrorText } from '../shared/ErrorText';
import { LoadError } from '../shared/LoadError';
import { ScrollingTable } from '../shared/ScrollingTable';
import { HeadedInfoCard } from '../shared/HeadedInfoCard';
import { runtimeStackTranslationRef } from '../../translation';

const NO_WRAP = { verticalAlign: 'top', whiteSpace: 'nowrap' } as const;

/**
 * The clusters the backend collects: how fresh their data is and which
 * platform tools were detected on each, with the evidence on hover. Tools
 * are named by their titles in the layer model when it is given.
 */
export const ClustersCard = ({ layerModel }: { layerModel?: LayerModel }) => {
  const api = useApi(runtimeStackApiRef);
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const titles = useMemo(() => layerModelTitlesOf(layerModel), [layerModel]);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getClusters(),
    [api],
  );

  const body = () => {
    if (loading) return <Progress />;
    if (error) {
      return (
        <LoadError
          error={error}
          what={t('clustersCard.what')}
          title={t('clustersCard.loadError')}
          onRetry={retry}
        />
      );
    }
    if (!value || value.length === 0) {
      // A hint rather than EmptyState's illustration: the card sits above
      // the layer model and should stay small.
      return (
        <>
          <Typography variant="subtitle1" component="p">
            {t('clustersCard.emptyTitle')}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            {t('clustersCard.emptyDescription')}
          </Typography>
        </>
      );
    }
    return (
      <ScrollingTable size="small" aria-label={t('clustersCard.tableLabel')}>
        <TableHead>
          <TableRow>
            <TableCell>{t('clustersCard.clusterColumn')}</TableCell>
            <TableCell>{t('clustersCard.dataColumn')}</TableCell>
            <TableCell style={NO_WRAP}>
              {t('clustersCard.objectsColumn')}
            </TableCell>
            <TableCell>{t('clustersCard.platformColumn')}</TableCell>
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
                    {t('clustersCard.serverVersion', {
                      version: cluster.serverVersion,
                    })}
                  </Typography>
                )}
                <ClusterOrigin cluster={cluster} />
              </TableCell>
              <TableCell style={NO_WRAP}>
                <FreshnessChip cluster={cluster} />
                {cluster.ageSeconds !== undefined && (
                  <Typography variant="body2" color="textSecondary">
                    {t('clustersCard.collected', {
                      age: formatAge(t, cluster.ageSeconds),
                    })}
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
                    {t('clustersCard.unreadable', {
                      count: cluster.warnings.length,
                    })}
                  </Typography>
                )}
              </TableCell>
              <TableCell style={NO_WRAP}>{cluster.objectCount}</TableCell>
              <TableCell style={{ verticalAlign: 'top' }}>
                {cluster.platformTools.length > 0 ? (
                  <ToolChips tools={cluster.platformTools} titles={titles} />
                ) : (
                  <Typography variant="body2" color="textSecondary">
                    {t('clustersCard.nothingDetected')}
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
      title={t('clustersCard.title')}
      subheader={t('clustersCard.subheader')}
    >
      {body()}
    </HeadedInfoCard>
  );
};
