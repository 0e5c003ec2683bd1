import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
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

/**
 * The layered runtime model: what a service can run on, layer by layer, with
 * the tools the platform knows for each capability. In a `<main>`: the new
 * frontend system's page layout leaves that landmark to the page.
 */
export const LayerModelPage = () => {
  const api = useApi(runtimeStackApiRef);
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
          title="Could not load the layer model"
        />
      );
    }
    if (!model || model.layers.length === 0) {
      return (
        <EmptyState
          missing="data"
          title="No layers defined"
          description="The runtime-stack backend returned an empty layer model. Check that the runtime-stack backend plugin is installed and that no module removed its layers."
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
            label="Filter by capability or tool"
            placeholder="e.g. ingress, Cilium, metrics"
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
            label="Annotation ids"
          />
        </Grid>
        {showIds && (
          <Grid item xs={12}>
            {/* Not secondary grey: it sits on the page's grey, not a card. */}
            <Typography variant="body2">
              Declare what a service uses in its catalog-info.yaml:{' '}
              <code>
                runtime-stack.io/tools: gitops=argo-cd,metrics=prometheus
              </code>
              , a capability id and a tool id per entry. A tool not listed here
              is reported on the entity as unknown.
            </Typography>
          </Grid>
        )}
        {layers.length === 0 ? (
          <Grid item xs={12}>
            <EmptyState
              missing="content"
              title={`Nothing matches "${query}"`}
              description="Try a capability such as 'ingress' or a tool such as 'Prometheus', or clear the filter."
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
      <Header title="Runtime stack" />
      <Container>{body()}</Container>
    </main>
  );
};
