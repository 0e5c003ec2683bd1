/**
 * A ResizeObserver that the test triggers, as the browser would on a resize:
 * jsdom lays nothing out and has none. `useManualResizeObserver` installs it.
 */
export class ManualResizeObserver {
  static instances: ManualResizeObserver[] = [];
  observed: Element[] = [];
  constructor(private readonly callback: ResizeObserverCallback) {
    ManualResizeObserver.instances.push(this);
  }
  observe(element: Element) {
    this.observed.push(element);
  }
  disconnect() {
    this.observed = [];
  }
  unobserve() {}
  /** Reports the observed elements `width` px wide. */
  resize(width: number) {
    this.callback(
      this.observed.map(
        target =>
          ({
            target,
            contentRect: { width },
          } as unknown as ResizeObserverEntry),
      ),
      this as unknown as ResizeObserver,
    );
  }
}

/** Installs `ManualResizeObserver` for each test of the enclosing block. */
export function useManualResizeObserver() {
  const original = globalThis.ResizeObserver;
  beforeEach(() => {
    ManualResizeObserver.instances = [];
    globalThis.ResizeObserver =
      ManualResizeObserver as unknown as typeof ResizeObserver;
  });
  afterEach(() => {
    globalThis.ResizeObserver = original;
  });
}
