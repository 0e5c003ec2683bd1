import { useEffect, useRef } from 'react';

/**
 * Calls `onNew` when the entity's coverage is evaluated again: its
 * `evaluatedAt` changes while the same entity is shown. Not on the first
 * evaluation seen, nor when the page moves to another entity.
 */
export function useOnNewEvaluation(
  entityRef: string,
  evaluatedAt: string | undefined,
  onNew: () => void,
): void {
  const seen = useRef<{ entityRef: string; evaluatedAt?: string }>();
  const latest = useRef(onNew);
  latest.current = onNew;
  useEffect(() => {
    const before = seen.current;
    if (evaluatedAt === undefined) return;
    seen.current = { entityRef, evaluatedAt };
    if (before?.entityRef === entityRef && before.evaluatedAt !== evaluatedAt) {
      latest.current();
    }
  }, [entityRef, evaluatedAt]);
}
