import { useCallback, useMemo } from 'react';
import { fullRefOfKind } from '../shared/fullRefOfKind';
import { layerNumberOf } from './layerNumberOf';
import {
  paramsWithPrefix,
  useSearchParamsUpdate,
  type SearchParamChanges,
} from './useSearchParamsUpdate';

/** The periods offered, in days. */
export const TREND_PERIODS = [30, 90, 180] as const;

const DEFAULT_DAYS = 90;

/** The search parameters of the Trends tab. */
export const TREND_PARAMS = {
  subject: 'trends.subject',
  days: 'trends.days',
  byLayer: 'trends.byLayer',
} as const;

/** The picker's value for a subject: `estate`, `team:<ref>` or `layer:<n>`. */
export type SubjectKey = string;

export interface TrendView {
  subjectKey: SubjectKey;
  days: number;
  byLayer: boolean;
}

/**
 * A subject the picker offers, from the address: a Group's ref, or a layer
 * of the model (any layer while the model loads); the estate for anything
 * else.
 */
function subjectKeyOf(
  value: string | null,
  knownLayers: readonly number[] | undefined,
): SubjectKey {
  const team = value?.startsWith('team:')
    ? fullRefOfKind(value.slice('team:'.length), 'group')
    : undefined;
  if (team) return `team:${team}`;
  const layer = value?.startsWith('layer:')
    ? layerNumberOf(value.slice('layer:'.length), knownLayers)
    : undefined;
  return layer === undefined ? 'estate' : `layer:${layer}`;
}

/** The trend the address asks for; what it does not say is the default. */
export function readTrendView(
  params: URLSearchParams,
  knownLayers: readonly number[] | undefined,
): TrendView {
  const days = Number(params.get(TREND_PARAMS.days));
  return {
    subjectKey: subjectKeyOf(params.get(TREND_PARAMS.subject), knownLayers),
    days: TREND_PERIODS.some(p => p === days) ? days : DEFAULT_DAYS,
    byLayer: params.get(TREND_PARAMS.byLayer) === 'true',
  };
}

/** The address of a trend view; defaults are left out. */
export function trendViewParams(view: Partial<TrendView>): SearchParamChanges {
  const changes: SearchParamChanges = {};
  if (view.subjectKey !== undefined) {
    changes[TREND_PARAMS.subject] =
      view.subjectKey === 'estate' ? undefined : view.subjectKey;
  }
  if (view.days !== undefined) {
    changes[TREND_PARAMS.days] =
      view.days === DEFAULT_DAYS ? undefined : String(view.days);
  }
  if (view.byLayer !== undefined) {
    changes[TREND_PARAMS.byLayer] = view.byLayer ? 'true' : undefined;
  }
  return changes;
}

/**
 * The subject, period and lines per layer of the Trends tab, kept in the
 * page's address, so a reload or a shared link shows the same trend.
 * `knownLayers` are the layer model's, undefined while it loads.
 */
export function useTrendSearchParams(
  knownLayers: readonly number[] | undefined,
) {
  const [params, update] = useSearchParamsUpdate();
  const own = paramsWithPrefix(params, 'trends.');
  const view = useMemo(
    () => readTrendView(new URLSearchParams(own), knownLayers),
    [own, knownLayers],
  );
  const setView = useCallback(
    (changes: Partial<TrendView>) => update(trendViewParams(changes)),
    [update],
  );
  return [view, setView] as const;
}
