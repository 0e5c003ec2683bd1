import {
  coverageSignalChannel,
  type CoverageChangedSignal,
} from '@internal/backstage-plugin-runtime-stack-common';
import { useSignal } from '@backstage/plugin-signals-react';
import { useEffect, useRef } from 'react';

/**
 * Calls `onChange` each time the backend signals that the stored coverage
 * of this Component or System changed, so an open page shows a new
 * evaluation without a reload. Without the signals plugin in the app, it
 * does nothing: the page shows what it loaded, as before.
 */
export function useCoverageChanged(entityRef: string, onChange: () => void) {
  const { lastSignal } = useSignal<CoverageChangedSignal>(
    coverageSignalChannel(entityRef),
  );
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    if (lastSignal) latest.current();
  }, [lastSignal]);
}
