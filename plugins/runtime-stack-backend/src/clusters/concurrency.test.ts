import {
  ConcurrencyLimit,
  mapUntilFailure,
  mapWithConcurrency,
  SharedSlot,
} from './concurrency';

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

  it('drops a waiting call whose signal aborts, without running it, and keeps its slots', async () => {
    const limit = new ConcurrencyLimit(1);
    const g = gate();
    const first = limit.run(g.task('a'));
    const cancel = new AbortController();
    let ran = false;
    const dropped = limit.run(async () => {
      ran = true;
    }, cancel.signal);
    const after = limit.run(g.task('c'));
    cancel.abort(new Error('cancelled'));
    await expect(dropped).rejects.toThrow('cancelled');
    await g.settle();
    expect(g.started()).toBe(1);
    // The aborted call's place goes to the next one, not to a second slot.
    await g.finishNext();
    expect(g.started()).toBe(1);
    await g.finishNext();
    await expect(Promise.all([first, after])).resolves.toEqual(['a', 'c']);
    expect(ran).toBe(false);
    expect(g.most()).toBe(1);
    await expect(
      limit.run(async () => 'started', AbortSignal.abort(new Error('late'))),
    ).rejects.toThrow('late');
  });
});

describe('mapUntilFailure', () => {
  /** Calls that run until their signal aborts, recording what happened. */
  function calls() {
    const started: string[] = [];
    const stopped: string[] = [];
    let settled = 0;
    const fn = (item: string, signal: AbortSignal) =>
      new Promise<string>((_resolve, reject) => {
        started.push(item);
        if (item === 'bad') {
          setTimeout(() => reject(new Error('list failed')), 5);
        }
        signal.addEventListener('abort', () =>
          // An in-flight request takes a moment to end.
          setTimeout(() => {
            stopped.push(item);
            settled++;
            reject(signal.reason);
          }, 20),
        );
      });
    return { fn, started, stopped, settled: () => settled };
  }

  it('stops at the first failure: those in flight are told, the rest never start, and it waits for them', async () => {
    const c = calls();
    await expect(
      mapUntilFailure(
        ['ok-1', 'bad', 'ok-2', 'ok-3', 'ok-4'],
        3,
        c.fn,
        new AbortController().signal,
      ),
    ).rejects.toThrow('list failed');
    expect(c.started).toEqual(['ok-1', 'bad', 'ok-2']);
    expect(c.stopped.sort()).toEqual(['bad', 'ok-1', 'ok-2']);
    expect(c.settled()).toBe(3);
  });

  it('stops when its signal aborts, with its reason', async () => {
    const c = calls();
    const cancel = new AbortController();
    const mapping = mapUntilFailure(['a', 'b', 'c'], 2, c.fn, cancel.signal);
    cancel.abort(new Error('run cancelled'));
    await expect(mapping).rejects.toThrow('run cancelled');
    expect(c.started).toEqual(['a', 'b']);
    expect(c.settled()).toBe(2);
  });

  it('keeps the order of the items when all succeed', async () => {
    await expect(
      mapUntilFailure(
        [20, 1, 10],
        2,
        async ms => {
          await new Promise(resolve => setTimeout(resolve, ms));
          return ms;
        },
        new AbortController().signal,
      ),
    ).resolves.toEqual([20, 1, 10]);
  });
});

describe('SharedSlot', () => {
  it('holds one outer slot while any call of its group waits or runs, and at most its limit at once', async () => {
    const outer = new ConcurrencyLimit(1);
    const eu = new SharedSlot(outer, 2);
    const us = new SharedSlot(outer, 2);
    const g = gate();
    const euRuns = ['eu-1', 'eu-2', 'eu-3'].map(v => eu.run(g.task(v)));
    const usRuns = ['us-1'].map(v => us.run(g.task(v)));
    await g.settle();
    expect(g.started()).toBe(2);
    await g.finishNext();
    // eu-3 joins eu's turn; us waits until eu has nothing left.
    expect(g.started()).toBe(2);
    const euLate = eu.run(g.task('eu-4'));
    await g.finishNext();
    await g.finishNext();
    expect(g.started()).toBe(1);
    await g.finishNext();
    expect(g.started()).toBe(1);
    await g.finishNext();
    await expect(Promise.all([...euRuns, euLate, ...usRuns])).resolves.toEqual([
      'eu-1',
      'eu-2',
      'eu-3',
      'eu-4',
      'us-1',
    ]);
    expect(g.most()).toBe(2);
  });

  it('gives its place in the outer queue up when every waiting call aborts', async () => {
    const outer = new ConcurrencyLimit(1);
    const eu = new SharedSlot(outer, 2);
    const g = gate();
    const other = outer.run(g.task('other'));
    const cancel = new AbortController();
    let ran = false;
    const dropped = eu.run(async () => {
      ran = true;
    }, cancel.signal);
    const next = outer.run(g.task('next'));
    cancel.abort(new Error('window closed'));
    await expect(dropped).rejects.toThrow('window closed');
    await g.finishNext();
    // Straight to the one behind, not held by a turn nobody wants.
    expect(g.started()).toBe(1);
    await g.finishNext();
    await expect(Promise.all([other, next])).resolves.toEqual([
      'other',
      'next',
    ]);
    expect(ran).toBe(false);
    await expect(eu.run(async () => 'again')).resolves.toBe('again');
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
