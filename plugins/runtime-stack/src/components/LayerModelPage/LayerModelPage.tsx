import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { Container, Header } from '@backstage/ui';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Grid from '@material-ui/core/Grid';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { runtimeStackApiRef } from '../../api';
import { ClustersCard } from '../ClustersCard';
import { filterLayerModel } from './filterLayerModel';
import { LayerCard } from './LayerCard';
import { runtimeStackTranslationRef } from '../../translation';

/**
 * The layered runtime model: what a service can run on, layer by layer, with
 * the tools the platform knows for each capability. In a `<main>`: the new
 * frontend system's page layout leaves that landmark to the page.
 */
export const LayerModelPage = () => {
  const api = useApi(runtimeStackApiRef);
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const {
    value: model,
    loading,
    error,
  } = useAsync(() => api.getLayerModel(), [api]);
  const [query, setQuery] = useState('');
  // For writing annotations: what the catalog-info.yaml names, not titles.
  const [showIds, setShowIds] = useState(false);
  const layers = useMemo(
    () => (model ? filterLayerModel(model, query) : []),
    [model, query],
  );

  const body = () => {
    if (loading) {
      return <Progress />;
    }
    if (error) {
      return (
        <ResponseErrorPanel
          error={error}
          title={t('layerModelPage.loadError')}
        />
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
    return (
      <Grid container spacing={2}>
        <Grid item xs={12}>
          <ClustersCard layerModel={model} />
        </Grid>
        <Grid item xs={12} sm>
          <TextField
            id="runtime-stack-layer-filter"
            label={t('layerModelPage.filterLabel')}
            placeholder={t('layerModelPage.filterPlaceholder')}
            value={query}
            onChange={event => setQuery(event.target.value)}
            size="small"
            fullWidth
          />
        </Grid>
        <Grid item xs={12} sm="auto">
          <FormControlLabel
            control={
              <Switch
                checked={showIds}
                onChange={event => setShowIds(event.target.checked)}
                color="primary"
              />
            }
            label={t('layerModelPage.showIds')}
          />
        </Grid>
        {showIds && (
          <Grid item xs={12}>
            {/* Not secondary grey: it sits on the page's grey, not a card. */}
            <Typography variant="body2">
              {t('layerModelPage.idsHint', {
                example: (
                  <code>
                    runtime-stack.io/tools: gitops=argo-cd,metrics=prometheus
                  </code>
                ),
              })}
            </Typography>
          </Grid>
        )}
        {layers.length === 0 ? (
          <Grid item xs={12}>
            <EmptyState
              missing="content"
              title={t('layerModelPage.noMatchTitle', { query })}
              description={t('layerModelPage.noMatchDescription')}
            />
          </Grid>
        ) : (
          // The application sits on top of the platform, as in the roadmap.
          [...layers].reverse().map(layer => (
            <Grid item xs={12} key={layer.id}>
              <LayerCard layer={layer} showIds={showIds} />
            </Grid>
          ))
        )}
      </Grid>
    );
  };

  return (
    <main>
      <Header title={t('layerModelPage.header')} />
      <Container>{body()}</Container>
    </main>
  );
};
