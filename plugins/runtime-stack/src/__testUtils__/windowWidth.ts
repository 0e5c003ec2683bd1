/**
 * Makes `window.matchMedia` answer as a window `width` pixels wide would,
 * for the min-width and max-width queries MUI's breakpoints write; jsdom
 * has no matchMedia, so media queries match nothing otherwise. Returns
 * what puts the window back.
 */
export function inWindowOfWidth(width: number): () => void {
  const original = window.matchMedia;
  const holds = (query: string) =>
    [...query.matchAll(/\((min|max)-width:\s*([\d.]+)px\)/g)].every(
      ([, bound, px]) =>
        bound === 'min' ? width >= Number(px) : width <= Number(px),
    );
  window.matchMedia = (query: string) =>
    ({
      matches: holds(query),
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    } as MediaQueryList);
  return () => {
    window.matchMedia = original;
  };
}
