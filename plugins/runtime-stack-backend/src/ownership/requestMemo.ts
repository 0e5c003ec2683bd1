/**
 * Loads each key once: for lookups that one request repeats for many
 * records (the same scope's owners, the same owner group), so a batch of n
 * records on one service costs the lookups of one.
 */
export type RequestMemo = <T>(
  key: string,
  load: () => Promise<T>,
) => Promise<T>;

export function createRequestMemo(): RequestMemo {
  const loaded = new Map<string, Promise<unknown>>();
  return <T>(key: string, load: () => Promise<T>) => {
    if (!loaded.has(key)) loaded.set(key, load());
    return loaded.get(key) as Promise<T>;
  };
}

/** Loads every time: for callers with one record. */
export const noMemo: RequestMemo = (_key, load) => load();
