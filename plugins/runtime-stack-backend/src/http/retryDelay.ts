import { setTimeout as delay } from 'node:timers/promises';

export {
  backoffDelay,
  MAX_RETRY_WAIT_MS,
  parseRetryAfter,
  retryWaitMs,
} from '@internal/backstage-plugin-runtime-stack-common';

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
