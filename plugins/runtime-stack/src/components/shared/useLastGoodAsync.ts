import { useCallback, useRef, useState, type DependencyList } from 'react';
import useAsync from 'react-use/esm/useAsync';

/** A load whose last good value outlives the reloads that follow it. */
export interface LastGoodAsync<T> {
  /** The last value loaded for the current key, kept while it reloads and when a reload fails. */
  value?: T;
  /** The first load for the current key is running: nothing to show yet. */
  loading: boolean;
  /** Why the first load for the current key failed: nothing to show. */
  error?: Error;
  /** A reload is running while `value` stays on screen. */
  refreshing: boolean;
  /** Why the last reload failed; `value` is what was loaded before it. */
  refreshError?: Error;
  /**
   * Loads again. Asked while a load is running, it starts a new one whose
   * answer wins: the running one may have been sent before the change that
   * the caller wants to see.
   */
  retry: () => void;
}

/**
 * `useAsyncRetry` for a view that stays on screen while it reloads. react-use
 * drops the value when a reload fails, so a signal that met a restarting
 * backend would replace the view with an error and close its open dialogs;
 * this keeps the last good value and says why the reload failed instead.
 *
 * The value belongs to `key` (the entity shown): a legacy app keeps a tab
 * mounted when its page moves to another entity, and react-use keeps the
 * old value while the new one loads, so a new key starts from nothing
 * rather than show one entity's data on another's page.
 */
export function useLastGoodAsync<T>(
  key: string,
  load: () => Promise<T>,
  deps: DependencyList,
): LastGoodAsync<T> {
  // The key of the load react-use last started: until the effect starts the
  // new key's load, its state is still the old key's.
  const loadingKey = useRef<string>();
  // Not react-use's retry, which does nothing while a load runs: a reload
  // asked for after a save would be dropped, leaving the old owner on
  // screen. Each attempt is a new load; react-use keeps only the answer of
  // the latest one started.
  const [attempt, setAttempt] = useState(0);
  const state = useAsync(() => {
    loadingKey.current = key;
    return load();
  }, [key, attempt, ...deps]);
  const retry = useCallback(() => setAttempt(n => n + 1), []);
  const lastGood = useRef<{ key: string; value: T }>();

  const current = loadingKey.current === key;
  // While loading, react-use still holds the previous answer: only a
  // settled state is this load's own.
  const settled = current && !state.loading;
  if (settled && state.value !== undefined) {
    lastGood.current = { key, value: state.value };
  }
  const value =
    lastGood.current?.key === key ? lastGood.current.value : undefined;
  const failed = settled ? state.error : undefined;
  const shown = value !== undefined;
  return {
    value,
    loading: !shown && (!current || state.loading),
    error: shown ? undefined : failed,
    refreshing: shown && current && state.loading,
    refreshError: shown ? failed : undefined,
    retry,
  };
}
