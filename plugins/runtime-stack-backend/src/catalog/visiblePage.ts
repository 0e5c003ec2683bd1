/**
 * A page with only the items the caller may see, and its count less those
 * hidden on it. Whenever the matches fit on one page, as a narrow filter's
 * do, the count is then the caller's own, so it cannot tell them that a
 * record about an entity hidden from them matched.
 */
export function visiblePage<I, P extends { items: I[]; totalCount?: number }>(
  page: P,
  shown: I[],
): P {
  return {
    ...page,
    items: shown,
    ...(page.totalCount !== undefined
      ? { totalCount: page.totalCount - (page.items.length - shown.length) }
      : {}),
  };
}
