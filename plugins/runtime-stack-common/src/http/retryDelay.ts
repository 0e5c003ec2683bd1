/**
 * Statuses worth asking again: the server is overloaded or restarting, not
 * refusing the request.
 *
 * @public
 */
export const isRetryableStatus = (status: number): boolean =>
  status === 429 || status >= 500;

/**
 * Milliseconds a `Retry-After` header (seconds or an HTTP date) asks for.
 *
 * @public
 */
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
 * Exponential backoff from `baseMs` for attempt `attempt` (1 for the first
 * retry), with up to a quarter of jitter, so clients do not retry in step.
 *
 * @public
 */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  random: () => number = Math.random,
): number {
  const exponential = baseMs * 2 ** (attempt - 1);
  return exponential + random() * exponential * 0.25;
}

/**
 * A Retry-After longer than this is not worth waiting for within a request,
 * a collection or an indexing run: giving up reports the overload now, and
 * the next scheduled run comes sooner.
 *
 * @public
 */
export const MAX_RETRY_WAIT_MS = 60_000;

/**
 * How long to wait before attempt `attempt + 1`: what the server asked for,
 * else exponential backoff. `undefined` when that is more than
 * {@link MAX_RETRY_WAIT_MS}: waiting would hold the run (and its slot among
 * those running at once) for as long as the server likes.
 *
 * @public
 */
export function retryWaitMs(
  retryAfterMs: number | undefined,
  attempt: number,
  backoffMs: number,
  random: () => number = Math.random,
): number | undefined {
  const wait = retryAfterMs ?? backoffDelay(attempt, backoffMs, random);
  return wait > MAX_RETRY_WAIT_MS ? undefined : wait;
}
