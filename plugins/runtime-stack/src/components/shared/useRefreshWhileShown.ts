import { useEffect, useRef } from 'react';

/**
 * How often the panels of what a service runs (its clusters, images and
 * telemetry) are read again while in sight. The clusters are watched, so
 * their store changes between the collections that re-evaluate coverage;
 * the backend answers these reads from its store or a short cache.
 */
export const PANEL_REFRESH_MS = 30_000;

/**
 * Calls `refresh` every `everyMs` while the page is in sight, as the
 * Kubernetes tab polls its clusters; not while the browser tab is hidden,
 * and once on coming back into sight if a call fell due meanwhile. Off
 * while `enabled` is false (nothing shown yet, or a load that failed,
 * which has its own Try again).
 */
export function useRefreshWhileShown(
  refresh: () => void,
  everyMs: number,
  enabled = true,
): void {
  const latest = useRef(refresh);
  latest.current = refresh;
  useEffect(() => {
    if (!enabled) return undefined;
    let last = Date.now();
    const call = () => {
      last = Date.now();
      latest.current();
    };
    const timer = setInterval(() => {
      if (document.visibilityState !== 'hidden') call();
    }, everyMs);
    const onVisibilityChange = () => {
      if (
        document.visibilityState !== 'hidden' &&
        Date.now() - last >= everyMs
      ) {
        call();
      }
    };
    document.addEventListener('visibilitychange', onVisibilityChange);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibilityChange);
    };
  }, [everyMs, enabled]);
}
