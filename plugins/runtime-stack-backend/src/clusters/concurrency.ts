/**
 * At most `limit` calls of {@link ConcurrencyLimit.run} in flight; the rest
 * wait their turn, first come first served.
 */
export class ConcurrencyLimit {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  /**
   * Runs `fn` when a slot is free. A call whose `signal` aborts before its
   * turn leaves the queue and rejects with the signal's reason, without
   * running: a cancelled list must not start, nor hold up the ones behind it.
   */
  async run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    if (this.active < Math.max(1, this.limit)) {
      this.active++;
    } else {
      let leave: (() => void) | undefined;
      try {
        // The caller finishing hands its slot straight to this one.
        await new Promise<void>((resolve, reject) => {
          this.waiting.push(resolve);
          leave = () => {
            // Not found: the slot came first, and the check below gives it on.
            const at = this.waiting.indexOf(resolve);
            if (at >= 0) this.waiting.splice(at, 1);
            reject(signal!.reason);
          };
          signal?.addEventListener('abort', leave, { once: true });
        });
      } finally {
        if (leave) signal?.removeEventListener('abort', leave);
      }
    }
    try {
      // Handed the slot just as the signal aborted.
      signal?.throwIfAborted();
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/** Runs `fn` over the items with at most `limit` in flight, keeping their order. */
export function mapWithConcurrency<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const slots = new ConcurrencyLimit(limit);
  return Promise.all(items.map(item => slots.run(() => fn(item))));
}

/**
 * Like {@link mapWithConcurrency}, but the first failure stops the rest:
 * the signal given to the calls in flight aborts, items not yet started
 * never start, and the promise rejects with that failure only once every
 * started call has settled, so nothing of it runs on after it is over.
 * `signal` aborting stops it the same way, rejecting with its reason.
 */
export async function mapUntilFailure<T, R>(
  items: T[],
  limit: number,
  fn: (item: T, signal: AbortSignal) => Promise<R>,
  signal: AbortSignal,
): Promise<R[]> {
  const failed = new AbortController();
  const stop = AbortSignal.any([signal, failed.signal]);
  const slots = new ConcurrencyLimit(limit);
  const settled = await Promise.allSettled(
    items.map(item =>
      slots.run(async () => {
        try {
          return await fn(item, stop);
        } catch (error) {
          // Before the slot passes on, so the next item does not start.
          // Later failures are mostly the others stopping because of it.
          if (!stop.aborted) failed.abort(error);
          throw error;
        }
      }, stop),
    ),
  );
  if (failed.signal.aborted) throw failed.signal.reason;
  signal.throwIfAborted();
  return settled.map(result => (result as PromiseFulfilledResult<R>).value);
}

/**
 * Calls that share one slot of an outer {@link ConcurrencyLimit}, as the
 * lists of one cluster share one of the slots of the clusters listed at
 * once: the slot is taken when a call comes and none holds it, and given
 * back once no call is left waiting or running. Within it, at most `limit`
 * calls run at once.
 */
export class SharedSlot {
  private readonly inner: ConcurrencyLimit;
  private calls = 0;
  private turn?: { taken: Promise<void>; giveBack: () => void };

  constructor(private readonly outer: ConcurrencyLimit, limit: number) {
    this.inner = new ConcurrencyLimit(limit);
  }

  async run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    this.calls++;
    try {
      this.turn ??= this.takeTurn();
      await untilAborted(this.turn.taken, signal);
      return await this.inner.run(fn, signal);
    } finally {
      if (--this.calls === 0) {
        this.turn?.giveBack();
        this.turn = undefined;
      }
    }
  }

  private takeTurn() {
    let taken!: () => void;
    let finish!: () => void;
    const turn = new Promise<void>(resolve => {
      taken = resolve;
    });
    const finished = new Promise<void>(resolve => {
      finish = resolve;
    });
    // Every caller gave up before the slot came: leave the queue too.
    const unwanted = new AbortController();
    this.outer
      .run(async () => {
        taken();
        await finished;
      }, unwanted.signal)
      .catch(() => {});
    return {
      taken: turn,
      giveBack: () => {
        unwanted.abort();
        finish();
      },
    };
  }
}

/** `promise`, or a rejection with the signal's reason when it aborts first. */
function untilAborted<T>(promise: Promise<T>, signal?: AbortSignal) {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const abort = () => reject(signal.reason);
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => {
      signal.removeEventListener('abort', abort);
    });
  });
}
