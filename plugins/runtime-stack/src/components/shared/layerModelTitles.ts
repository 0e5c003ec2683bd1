import { useApi } from '@backstage/frontend-plugin-api';
import {
  layerModelTitlesOf,
  type LayerModelTitles,
} from '@internal/backstage-plugin-runtime-stack-common';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { runtimeStackApiRef } from '../../api';

/**
 * Tool and capability titles from the backend's layer model; ids until it
 * has loaded, or if it cannot load, since a name is still better than nothing.
 */
export function useLayerModelTitles(): LayerModelTitles {
  const api = useApi(runtimeStackApiRef);
  const { value } = useAsync(() => api.getLayerModel(), [api]);
  return useMemo(() => layerModelTitlesOf(value), [value]);
}
