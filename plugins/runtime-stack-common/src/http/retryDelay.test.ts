import {
  backoffDelay,
  isRetryableStatus,
  MAX_RETRY_WAIT_MS,
  parseRetryAfter,
  retryWaitMs,
} from './retryDelay';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-12-05T10:00:00Z');

  it('reads seconds and HTTP dates, and nothing else', () => {
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Sat, 05 Dec 2026 10:00:05 GMT', now)).toBe(5000);
    // A date already past asks for no wait, not a negative one.
    expect(parseRetryAfter('Sat, 05 Dec 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  it('doubles per attempt with at most a quarter of jitter', () => {
    expect(backoffDelay(1, 100, () => 0)).toBe(100);
    expect(backoffDelay(2, 100, () => 0)).toBe(200);
    expect(backoffDelay(3, 100, () => 1)).toBe(500);
    const jittered = backoffDelay(3, 100);
    expect(jittered).toBeGreaterThanOrEqual(400);
    expect(jittered).toBeLessThanOrEqual(500);
  });
});

describe('retryWaitMs', () => {
  it('waits what the server asks, up to a minute', () => {
    expect(retryWaitMs(6_000, 1, 500)).toBe(6_000);
    expect(retryWaitMs(MAX_RETRY_WAIT_MS, 1, 500)).toBe(MAX_RETRY_WAIT_MS);
  });

  it('does not wait when the server asks for longer', () => {
    expect(retryWaitMs(MAX_RETRY_WAIT_MS + 1, 1, 500)).toBeUndefined();
  });

  it('backs off exponentially when the server says nothing', () => {
    expect(retryWaitMs(undefined, 3, 500, () => 0)).toBe(2_000);
    expect(retryWaitMs(undefined, 3, 500, () => 1)).toBe(2_500);
  });
});

describe('isRetryableStatus', () => {
  it('retries an overloaded or restarting server, not a refusal', () => {
    expect([429, 500, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 409].some(isRetryableStatus)).toBe(false);
  });
});
