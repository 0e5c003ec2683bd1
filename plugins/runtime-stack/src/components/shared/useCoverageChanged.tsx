import {
  coverageSignalChannel,
  formatPercent,
  type CoverageChangedSignal,
} from '@internal/backstage-plugin-runtime-stack-common';
import { useSignal } from '@backstage/plugin-signals-react';
import { useEffect, useRef, useState } from 'react';
import { VISUALLY_HIDDEN } from './visuallyHidden';

/**
 * Reloads `coverage` each time the backend signals that the stored coverage
 * of this Component or System changed, so an open page shows a new
 * evaluation without a reload; returns, once such a reload has landed, what
 * to tell screen readers (`describe` of the new value), since the page
 * changes without anything the user did. Without the signals plugin in the
 * app it does nothing: the page shows what it loaded, as before.
 */
export function useCoverageChanged<T>(
  entityRef: string,
  coverage: { value?: T; loading: boolean; retry: () => void },
  describe: (value: T) => string,
): string {
  const { lastSignal } = useSignal<CoverageChangedSignal>(
    coverageSignalChannel(entityRef),
  );
  const latest = useRef({ retry: coverage.retry, describe });
  latest.current = { retry: coverage.retry, describe };
  const reloading = useRef(false);
  const [announcement, setAnnouncement] = useState('');

  useEffect(() => {
    if (!lastSignal) return;
    reloading.current = true;
    latest.current.retry();
  }, [lastSignal]);

  const { value, loading } = coverage;
  useEffect(() => {
    if (!reloading.current || loading || value === undefined) return;
    reloading.current = false;
    setAnnouncement(latest.current.describe(value));
  }, [value, loading]);

  return announcement;
}

/** Says `text` to screen readers when it changes; shows nothing. */
export const LiveAnnouncement = ({ text }: { text: string }) => (
  <span role="status" style={VISUALLY_HIDDEN}>
    {text}
  </span>
);

/** What a screen reader hears when `what` (the coverage, a System's) changed. */
export const describeCoverageChange = (
  what: string,
  overall: { required: number; ratio: number },
) =>
  `${what} updated: ${
    overall.required === 0
      ? 'nothing required'
      : `${formatPercent(overall.ratio)} covered`
  }`;
