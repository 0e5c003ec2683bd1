import {
  coverageSignalChannel,
  type CoverageChangedSignal,
} from '@internal/backstage-plugin-runtime-stack-common';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useSignal } from '@backstage/plugin-signals-react';
import { useEffect, useRef, useState } from 'react';
import { runtimeStackTranslationRef } from '../../translation';
import { VISUALLY_HIDDEN } from './visuallyHidden';
import { percentText } from './percentText';
import type { LastGoodAsync } from './useLastGoodAsync';

/**
 * How long a page must have been out of sight before it reloads on coming
 * back: long enough that the signals' connection may have dropped meanwhile
 * (a laptop asleep, a network change) and missed a change, not every switch
 * between browser tabs.
 */
export const RELOAD_AFTER_HIDDEN_MS = 60_000;

/** Calls `reload` when the page is shown again after `RELOAD_AFTER_HIDDEN_MS`. */
function useReloadOnReturn(reload: () => void) {
  const latest = useRef(reload);
  latest.current = reload;
  useEffect(() => {
    let hiddenSince: number | undefined;
    const onVisibilityChange = () => {
      if (document.visibilityState === 'hidden') {
        hiddenSince = Date.now();
        return;
      }
      if (
        hiddenSince !== undefined &&
        Date.now() - hiddenSince >= RELOAD_AFTER_HIDDEN_MS
      ) {
        latest.current();
      }
      hiddenSince = undefined;
    };
    document.addEventListener('visibilitychange', onVisibilityChange);
    return () =>
      document.removeEventListener('visibilitychange', onVisibilityChange);
  }, []);
}

/**
 * Reloads `coverage` each time the backend signals that the stored coverage
 * of this Component or System changed, so an open page shows a new
 * evaluation without a reload; returns, once such a reload has landed, what
 * to tell screen readers (`describe` of the new value), since the page
 * changes without anything the user did. Without the signals plugin in the
 * app no signal comes: the page shows what it loaded, as before.
 *
 * Signals sent while the connection was down are not sent again, so a page
 * that comes back into sight after a while (`RELOAD_AFTER_HIDDEN_MS`)
 * reloads too, without an announcement: the user is just back.
 *
 * With `shownEvaluatedAt`, a signal of an evaluation the page already shows
 * is dropped: the first view of a service not evaluated yet evaluates it, and
 * that read's own signal would otherwise load it a second time. A signal
 * that comes while a load is running waits for that load, then is compared.
 */
export function useCoverageChanged<T>(
  entityRef: string,
  coverage: LastGoodAsync<T>,
  describe: (value: T) => string,
  shownEvaluatedAt?: (value: T) => string | undefined,
): string {
  const { lastSignal } = useSignal<CoverageChangedSignal>(
    coverageSignalChannel(entityRef),
  );
  const latest = useRef({ retry: coverage.retry, describe, shownEvaluatedAt });
  latest.current = { retry: coverage.retry, describe, shownEvaluatedAt };
  const handled = useRef<CoverageChangedSignal>();
  const reloading = useRef(false);
  const [announcement, setAnnouncement] = useState('');
  const { value } = coverage;
  const loading = coverage.loading || coverage.refreshing;
  const failed = Boolean(coverage.error ?? coverage.refreshError);
  useReloadOnReturn(() => latest.current.retry());

  // Before the effect that starts a reload: in the render where a load ends
  // and a waiting signal starts the next one, this must not announce. A
  // reload that failed changed nothing: the value shown is the one before.
  useEffect(() => {
    if (!reloading.current || loading) return;
    if (failed) {
      reloading.current = false;
      return;
    }
    if (value === undefined) return;
    reloading.current = false;
    setAnnouncement(latest.current.describe(value));
  }, [value, loading, failed]);

  useEffect(() => {
    if (!lastSignal || lastSignal === handled.current || loading) return;
    handled.current = lastSignal;
    const shown =
      value === undefined
        ? undefined
        : latest.current.shownEvaluatedAt?.(value);
    if (shown && Date.parse(shown) >= Date.parse(lastSignal.evaluatedAt)) {
      return;
    }
    reloading.current = true;
    latest.current.retry();
  }, [lastSignal, value, loading]);

  return announcement;
}

/** Says `text` to screen readers when it changes; shows nothing. */
export const LiveAnnouncement = ({ text }: { text: string }) => (
  <span role="status" style={VISUALLY_HIDDEN}>
    {text}
  </span>
);

/**
 * What a screen reader hears when the coverage of a service, a System or a
 * team changed while shown.
 */
export function useDescribeCoverageChange(
  scope: 'entity' | 'system' | 'team',
): (overall: { required: number; ratio: number }) => string {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  return overall =>
    t(`coverageChange.${scope}`, {
      change:
        overall.required === 0
          ? t('coverageChange.nothingRequired')
          : t('coverageChange.covered', {
              percent: percentText(t, overall.ratio),
            }),
    });
}
