import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import Grid from '@material-ui/core/Grid';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { runtimeStackApiRef } from '../../api';
import { ClustersCard } from '../ClustersCard';
import { statusOf } from '../shared/errorMessage';
import { RetryButton } from '../shared/RetryButton';
import { FilteredLayers } from './FilteredLayers';
import { runtimeStackTranslationRef } from '../../translation';

/**
 * What the layer model page shows, without its header: the collected
 * clusters, and the layered runtime model (what a service can run on, layer
 * by layer, with the tools the platform knows for each capability).
 */
export const LayerModelContent = () => {
  const api = useApi(runtimeStackApiRef);
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const {
    value: model,
    loading,
    error,
    retry,
  } = useAsyncRetry(() => api.getLayerModel(), [api]);

  const layerModel = () => {
    if (loading) {
      return <Progress />;
    }
    if (error) {
      // The backend always serves /layers: a 404 means it is not there.
      const title =
        statusOf(error) === 404
          ? t('layerModelPage.backendMissing')
          : t('layerModelPage.loadError');
      return (
        <>
          <ResponseErrorPanel error={error} title={title} />
          <RetryButton onClick={retry} />
        </>
      );
    }
    if (!model || model.layers.length === 0) {
      return (
        <EmptyState
          missing="data"
          title={t('layerModelPage.emptyTitle')}
          description={t('layerModelPage.emptyDescription')}
        />
      );
    }
    return <FilteredLayers model={model} />;
  };

  return (
    <Grid container spacing={2}>
      {/* Asks for the clusters alongside the layer model, not after it, and
          stays when the model fails; the model only names their tools. */}
      <Grid item xs={12}>
        <ClustersCard layerModel={model} />
      </Grid>
      <Grid item xs={12}>
        {layerModel()}
      </Grid>
    </Grid>
  );
};
