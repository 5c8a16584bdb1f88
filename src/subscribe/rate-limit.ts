/**
 * The consumer's `rateLimit`: a token bucket that gates handler starts. It refills at `perSecond`
 * tokens a second and holds `burst - ⌈perSecond⌉ + 1` (at least 1): a full bucket plus what one
 * second refills is then never more than `burst` starts in any one-second window, and at the
 * default `burst` (`⌈perSecond⌉`) starts are spread evenly, one every `1 / perSecond` seconds.
 *
 * `subscribeBatch()`'s worker takes one token per event, `n` at once. A batch is never split: one
 * of more events than the bucket holds waits for a full bucket, then takes them all, leaving the
 * bucket in debt (below zero): nothing starts until the debt is paid, so the rate holds over time
 * (`n` events cost `n / perSecond` seconds).
 * @internal @module
 */

/** Float slack: a token this close to whole counts as whole (a timer set for it may fire a hair early). */
const EPSILON = 1e-9;

export class RateLimiter {
  /** The bucket's size. */
  readonly capacity: number;
  private tokens: number;
  private last: number;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly perSecond: number,
    burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.capacity = Math.max(1, burst - Math.ceil(perSecond) + 1);
    this.tokens = this.capacity;
    this.last = now();
  }

  /**
   * Takes `n` tokens (1 by default) when there are that many — or a full bucket, for more than it
   * holds: then the rest is owed. Otherwise answers false and calls `wake` once, when they are due
   * (one timer at a time, however often it is asked).
   */
  take(wake: () => void, n = 1): boolean {
    this.refill();
    if (this.tokens >= this.needed(n) - EPSILON) {
      const left = this.tokens - n;
      this.tokens = left > -EPSILON ? Math.max(0, left) : left;
      return true;
    }
    if (this.timer === undefined) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        wake();
      }, this.msUntilToken(n));
    }
    return false;
  }

  /** Milliseconds until `n` tokens can be taken (0 when they can now). */
  msUntilToken(n = 1): number {
    this.refill();
    const needed = this.needed(n);
    return this.tokens >= needed - EPSILON ? 0 : Math.max(1, Math.ceil(((needed - this.tokens) * 1000) / this.perSecond));
  }

  /** The tokens that must be there to take `n`: at most a full bucket. */
  private needed(n: number): number {
    return Math.min(n, this.capacity);
  }

  /** Whether a wake-up is pending: someone is waiting for a token. */
  get waiting(): boolean {
    return this.timer !== undefined;
  }

  /** Cancels a pending wake-up. */
  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) * this.perSecond) / 1000);
    this.last = now;
  }
}
