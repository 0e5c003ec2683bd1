/**
 * At most `limit` calls of {@link ConcurrencyLimit.run} in flight; the rest
 * wait their turn, first come first served.
 */
export class ConcurrencyLimit {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active < Math.max(1, this.limit)) {
      this.active++;
    } else {
      // The caller finishing hands its slot straight to this one.
      await new Promise<void>(resolve => this.waiting.push(resolve));
    }
    try {
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
