/**
 * Collects entries into SQS batch calls of at most 10: a full batch goes at once, a partial one
 * after a short window, so a busy consumer makes one call per 10 messages and an idle one adds
 * only a few milliseconds.
 * @internal @module
 */

/** SQS's limit on entries per batch call. */
const SQS_BATCH_LIMIT = 10;

export class Batcher<Entry> {
  private pending: Entry[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly inFlight = new Set<Promise<void>>();

  /** `send` must not reject; it handles its own failures (a rejection anyway goes to `unexpected`). */
  constructor(
    private readonly send: (entries: Entry[]) => Promise<void>,
    private readonly windowMs: number,
    private readonly unexpected: (error: unknown) => void,
  ) {}

  add(entry: Entry): void {
    this.pending.push(entry);
    if (this.pending.length >= SQS_BATCH_LIMIT) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.windowMs);
  }

  /** Sends everything pending now. */
  flush(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const all = this.pending;
    this.pending = [];
    for (let start = 0; start < all.length; start += SQS_BATCH_LIMIT) {
      const entries = all.slice(start, start + SQS_BATCH_LIMIT);
      const call = this.send(entries)
        .catch(this.unexpected)
        .finally(() => this.inFlight.delete(call));
      this.inFlight.add(call);
    }
  }

  /** Sends everything pending and waits for every call, including those sent meanwhile. */
  async drain(): Promise<void> {
    this.flush();
    while (this.inFlight.size > 0) {
      await Promise.all(this.inFlight);
      this.flush();
    }
  }
}
