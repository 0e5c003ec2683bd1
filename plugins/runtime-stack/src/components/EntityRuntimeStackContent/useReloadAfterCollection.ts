import type { EntityCoverage } from '@internal/backstage-plugin-runtime-stack-common';
import { useCallback, useEffect, useRef } from 'react';
import type { LastGoodAsync } from '../shared/useLastGoodAsync';
import { useOnNewEvaluation } from '../shared/useOnNewEvaluation';

/**
 * Calls `reload` (the clusters, images and telemetry, which only a
 * collection changes) when the coverage is evaluated again, except for an
 * evaluation the tab's own write caused: an exemption granted or revoked
 * is evaluated at once, but changes nothing a collection reads.
 *
 * The coverage carries nothing that tells the two apart (only cluster
 * evidence has a `seenAt`, and registry and telemetry reads none), so the
 * tab marks its writes: it reports one with the returned callback, which
 * reloads the coverage. The first coverage to land after that carries the
 * write's evaluation, whether that reload or a signal's brought it; a later
 * one reloads as usual. At worst a collection evaluated during the write is
 * taken for it, and the next evaluation reloads.
 */
export function useReloadAfterCollection(
  entityRef: string,
  coverage: LastGoodAsync<EntityCoverage>,
  reload: () => void,
): () => void {
  const { value, retry } = coverage;
  // The coverage shown when the write was reported; undefined without one.
  const shownAtWrite = useRef<{ value?: EntityCoverage }>();
  const shown = useRef(value);
  shown.current = value;

  useOnNewEvaluation(entityRef, value?.evaluatedAt, () => {
    const write = shownAtWrite.current;
    if (write && write.value !== value) return;
    reload();
  });
  // After the check above: the first coverage loaded since the write was
  // its own, whatever it says.
  useEffect(() => {
    if (shownAtWrite.current && shownAtWrite.current.value !== value) {
      shownAtWrite.current = undefined;
    }
  }, [value]);

  return useCallback(() => {
    shownAtWrite.current = { value: shown.current };
    retry();
  }, [retry]);
}
