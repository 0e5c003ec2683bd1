import {
  abortableSleep,
  backoffDelay,
  MAX_RETRY_WAIT_MS,
  parseRetryAfter,
  retryWaitMs,
} from './retryDelay';

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 00:00:00 GMT', now)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  it('doubles per attempt with at most a quarter of jitter', () => {
    for (const [attempt, base] of [
      [1, 100],
      [2, 200],
      [3, 400],
    ]) {
      const delay = backoffDelay(attempt, 100);
      expect(delay).toBeGreaterThanOrEqual(base);
      expect(delay).toBeLessThanOrEqual(base * 1.25);
    }
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
    const wait = retryWaitMs(undefined, 3, 500)!;
    expect(wait).toBeGreaterThanOrEqual(2_000);
    expect(wait).toBeLessThanOrEqual(2_500);
  });
});

describe('abortableSleep', () => {
  it('ends early when its signal aborts', async () => {
    const cancel = new AbortController();
    const started = Date.now();
    setTimeout(() => cancel.abort(), 50);
    await abortableSleep(10_000, cancel.signal);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('does not wait at all on a signal already aborted', async () => {
    const started = Date.now();
    await abortableSleep(10_000, AbortSignal.abort());
    expect(Date.now() - started).toBeLessThan(100);
  });
});
