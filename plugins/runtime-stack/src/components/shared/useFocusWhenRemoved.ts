import { useCallback, useEffect, useRef } from 'react';

/**
 * Moves focus to `ref` once an item the user removed is gone from the list
 * on screen, since the control they used (its row's button) went with it
 * and focus fell to the page's body. `shown` is the keys of the items on
 * screen (undefined while none are); `focusWhenRemoved(key)` asks for focus
 * once `key` is no longer among them. Waiting for the item to go, rather
 * than for a reload to end, holds however the reload's states are batched;
 * a reload that fails keeps the item, and focus where it was. Focus the
 * user has moved elsewhere meanwhile stays there.
 */
export function useFocusWhenRemoved<T extends HTMLElement>(
  shown: ReadonlyArray<string> | undefined,
) {
  const ref = useRef<T>(null);
  const removed = useRef<string>();

  useEffect(() => {
    const key = removed.current;
    if (key === undefined || shown === undefined || shown.includes(key)) {
      return;
    }
    removed.current = undefined;
    const active = document.activeElement;
    if (!active || active === document.body) ref.current?.focus();
  }, [shown]);

  const focusWhenRemoved = useCallback((key: string) => {
    removed.current = key;
  }, []);
  return { ref, focusWhenRemoved };
}
