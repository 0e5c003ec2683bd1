/**
 * Statuses worth asking again: the backend is overloaded or restarting,
 * not refusing the request.
 */
export const isRetryableStatus = (status: number) =>
  status === 429 || status >= 500;

/** Milliseconds a `Retry-After` header (seconds or an HTTP date) asks for. */
export function parseRetryAfter(
  header: string | null | undefined,
  now = Date.now(),
): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * A Retry-After longer than this is not worth holding an indexing run for:
 * the next scheduled run comes sooner than a server asking for more.
 */
export const MAX_RETRY_WAIT_MS = 60_000;

/**
 * How long to wait before retry `retry` (1 for the first): what the server
 * asked for, else exponential backoff with some jitter, so instances do not
 * retry in step. `undefined` when the server asks for more than
 * {@link MAX_RETRY_WAIT_MS}: giving up then reports the overload now.
 */
export function retryWaitMs(
  retry: number,
  baseMs: number,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number | undefined {
  if (retryAfterMs !== undefined) {
    return retryAfterMs > MAX_RETRY_WAIT_MS ? undefined : retryAfterMs;
  }
  const exponential = baseMs * 2 ** (retry - 1);
  return Math.min(
    MAX_RETRY_WAIT_MS,
    exponential + random() * exponential * 0.25,
  );
}
