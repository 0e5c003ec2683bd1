import { useCallback, useEffect, useRef } from 'react';

/**
 * Moves focus to `ref` once what the user asked for is on screen, so that
 * keyboard and screen reader users land on it rather than on the page's
 * body when the control they used goes away. `shown` names what is on
 * screen (undefined while it loads); `focusWhenShown(key)` asks for focus
 * once `shown` is `key`. Nothing is focused unasked: a view opened from a
 * link keeps the page's own focus.
 */
export function useFocusWhenShown<T extends HTMLElement>(
  shown: string | undefined,
  options: { scroll?: boolean } = {},
) {
  const ref = useRef<T>(null);
  const pending = useRef<string>();
  const shownNow = useRef(shown);
  shownNow.current = shown;
  const { scroll = false } = options;

  const focus = useCallback(() => {
    const element = ref.current;
    if (!element) return;
    pending.current = undefined;
    // jsdom has no scrollIntoView.
    if (scroll) element.scrollIntoView?.({ block: 'start' });
    element.focus({ preventScroll: scroll });
  }, [scroll]);

  useEffect(() => {
    if (shown !== undefined && pending.current === shown) focus();
  }, [shown, focus]);

  const focusWhenShown = useCallback(
    (key: string) => {
      pending.current = key;
      // Already on screen (the same team chosen again): no render will follow.
      if (shownNow.current === key) focus();
    },
    [focus],
  );
  return { ref, focusWhenShown };
}
