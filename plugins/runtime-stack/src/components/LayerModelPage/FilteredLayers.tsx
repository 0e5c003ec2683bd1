import { EmptyState } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { LayerModel } from '@internal/backstage-plugin-runtime-stack-common';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Grid from '@material-ui/core/Grid';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useMemo, useState } from 'react';
import {
  capabilityCount,
  filterLayerModel,
  filterTermsOf,
} from './filterLayerModel';
import { LayerCard } from './LayerCard';
import { runtimeStackTranslationRef } from '../../translation';

/**
 * The layers of a loaded model, filtered by capability or tool, by titles or
 * by the ids annotations use.
 */
export const FilteredLayers = ({ model }: { model: LayerModel }) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const [query, setQuery] = useState('');
  // For writing annotations: what the catalog-info.yaml names, not titles.
  const [showIds, setShowIds] = useState(false);
  const layers = useMemo(() => filterLayerModel(model, query), [model, query]);
  // As the filter reads the query: ", ," filters nothing, so no count.
  const filtering = filterTermsOf(query).length > 0;

  return (
    <Grid container spacing={2}>
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
        {/* Always in the page, so that a screen reader announces the
            count each time it changes. */}
        <Typography variant="body2" role="status">
          {filtering &&
            t('layerModelPage.matchCount', { count: capabilityCount(layers) })}
        </Typography>
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
