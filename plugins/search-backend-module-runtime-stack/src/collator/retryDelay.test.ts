import { parseRetryAfter, retryWaitMs } from './retryDelay';

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

describe('retryWaitMs', () => {
  it('doubles from the base, with at most a quarter of jitter', () => {
    expect(retryWaitMs(1, 100, undefined, () => 0)).toBe(100);
    expect(retryWaitMs(2, 100, undefined, () => 0)).toBe(200);
    expect(retryWaitMs(3, 100, undefined, () => 1)).toBe(500);
  });

  it('waits what the server asks, unless it asks for more than a minute', () => {
    expect(retryWaitMs(1, 100, 2000)).toBe(2000);
    expect(retryWaitMs(1, 100, 60_000)).toBe(60_000);
    expect(retryWaitMs(1, 100, 60_001)).toBeUndefined();
  });
});
