import { ConcurrencyLimit, mapWithConcurrency } from './concurrency';

/** A task that finishes when told to, recording how many ran at once. */
function gate() {
  let inFlight = 0;
  let most = 0;
  const release: Array<() => void> = [];
  const task = (value: string) => async () => {
    inFlight++;
    most = Math.max(most, inFlight);
    await new Promise<void>(resolve => release.push(resolve));
    inFlight--;
    return value;
  };
  const settle = () => new Promise(resolve => setImmediate(resolve));
  return {
    task,
    settle,
    started: () => release.length,
    most: () => most,
    finishNext: async () => {
      release.shift()!();
      await settle();
    },
  };
}

describe('ConcurrencyLimit', () => {
  it('runs at most its limit at once, and the rest in the order they came', async () => {
    const limit = new ConcurrencyLimit(2);
    const g = gate();
    const order: string[] = [];
    const runs = ['a', 'b', 'c', 'd'].map(v =>
      limit.run(g.task(v)).then(r => order.push(r)),
    );
    await g.settle();
    expect(g.started()).toBe(2);
    await g.finishNext();
    expect(g.started()).toBe(2);
    await g.finishNext();
    await g.finishNext();
    await g.finishNext();
    await Promise.all(runs);
    expect(order).toEqual(['a', 'b', 'c', 'd']);
    expect(g.most()).toBe(2);
  });

  it('gives the slot of a failed run to the next one', async () => {
    const limit = new ConcurrencyLimit(1);
    const failed = limit.run(async () => {
      throw new Error('list failed');
    });
    const next = limit.run(async () => 'listed');
    await expect(failed).rejects.toThrow('list failed');
    await expect(next).resolves.toBe('listed');
    await expect(limit.run(async () => 'again')).resolves.toBe('again');
  });
});

describe('mapWithConcurrency', () => {
  it('keeps the order of the items whatever order they finish in', async () => {
    const delays = [30, 5, 20, 1, 10];
    let inFlight = 0;
    let most = 0;
    const result = await mapWithConcurrency(delays, 3, async ms => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise(resolve => setTimeout(resolve, ms));
      inFlight--;
      return ms * 2;
    });
    expect(result).toEqual([60, 10, 40, 2, 20]);
    expect(most).toBe(3);
  });
});
