import { setTimeout as delay } from 'node:timers/promises';

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

/** Exponential backoff with some jitter, so clients do not retry in step. */
export function backoffDelay(attempt: number, baseMs: number): number {
  const exponential = baseMs * 2 ** (attempt - 1);
  return exponential + Math.random() * exponential * 0.25;
}

/**
 * A Retry-After longer than this is not worth waiting for within a request
 * or a collection run: giving up reports the overload now.
 */
export const MAX_RETRY_WAIT_MS = 60_000;

/**
 * How long to wait before attempt `attempt + 1`: what the server asked for,
 * else exponential backoff. `undefined` when the server asks for more than
 * {@link MAX_RETRY_WAIT_MS}: giving up then reports the overload now, where
 * waiting would hold the run (and its slot among the clusters listed at
 * once) for as long as the server likes.
 */
export function retryWaitMs(
  retryAfterMs: number | undefined,
  attempt: number,
  backoffMs: number,
): number | undefined {
  const wait = retryAfterMs ?? backoffDelay(attempt, backoffMs);
  return wait > MAX_RETRY_WAIT_MS ? undefined : wait;
}

/**
 * Waits `ms`, or less when `signal` aborts: a run that is cancelled must not
 * sit out a backoff first. Resolves either way, so the caller decides what
 * an abort means.
 */
export async function abortableSleep(
  ms: number,
  signal?: AbortSignal,
): Promise<void> {
  try {
    await delay(ms, undefined, { signal });
  } catch (error) {
    if (!signal?.aborted) throw error;
  }
}
