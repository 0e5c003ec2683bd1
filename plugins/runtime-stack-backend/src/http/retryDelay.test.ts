import { abortableSleep } from './retryDelay';

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
