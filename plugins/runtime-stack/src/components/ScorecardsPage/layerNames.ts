import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import type { LayerModel } from '@internal/backstage-plugin-runtime-stack-common';
import { useCallback, useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { runtimeStackApiRef } from '../../api';
import { runtimeStackTranslationRef } from '../../translation';

/** The layers offered until the layer model gives their titles. */
const DEFAULT_LAYERS = [0, 1, 2, 3, 4, 5, 6];

/**
 * "Layer 3 · Networking & storage", as every view names a layer, or
 * "Layer 3" while the layer model is not at hand.
 */
export function useLayerNameOf(
  model: LayerModel | undefined,
): (layer: number) => string {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  return useCallback(
    (layer: number) => {
      const title = model?.layers.find(l => l.id === layer)?.title;
      return title
        ? t('layerTitle', { layer: String(layer), title })
        : t('scorecardsPage.layer', { layer: String(layer) });
    },
    [model, t],
  );
}

/** The layer model's layers by the names {@link useLayerNameOf} gives them. */
export interface LayerNames {
  /** Layer numbers, in the model's order; the usual seven until it loads. */
  layers: number[];
  /** The model's layer numbers, the same array until it changes; undefined until it loads. */
  modelLayers?: number[];
  nameOf: (layer: number) => string;
}

/** {@link LayerNames} from the backend's layer model. */
export function useLayerNames(): LayerNames {
  const api = useApi(runtimeStackApiRef);
  const model = useAsync(() => api.getLayerModel(), [api]);
  const nameOf = useLayerNameOf(model.value);
  const modelLayers = useMemo(
    () => model.value?.layers.map(l => l.id),
    [model.value],
  );
  return { layers: modelLayers ?? DEFAULT_LAYERS, modelLayers, nameOf };
}
