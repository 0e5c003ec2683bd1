/**
 * Additions the plugin reads once, when it starts. A module that adds later
 * (from a startup hook, or a promise its init did not await) would change
 * nothing, silently; it is told instead.
 */
export class ReadOnce {
  private read = false;

  constructor(private readonly what: string) {}

  /** Throws once the additions were read. */
  refuseAfterRead(method: string): void {
    if (this.read) {
      throw new Error(
        `${method} was called after the runtime-stack plugin started and read its ${this.what}; call it in the module's init`,
      );
    }
  }

  markRead(): void {
    this.read = true;
  }
}
