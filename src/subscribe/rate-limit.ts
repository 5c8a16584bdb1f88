/**
 * The consumer's `rateLimit`: a token bucket that gates handler starts. It refills at `perSecond`
 * tokens a second and holds `burst - ⌈perSecond⌉ + 1` (at least 1): a full bucket plus what one
 * second refills is then never more than `burst` starts in any one-second window, and at the
 * default `burst` (`⌈perSecond⌉`) starts are spread evenly, one every `1 / perSecond` seconds.
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
   * Takes a token when there is one. Otherwise answers false and calls `wake` once, when the next
   * token is due (one timer at a time, however often it is asked).
   */
  take(wake: () => void): boolean {
    this.refill();
    if (this.tokens >= 1 - EPSILON) {
      this.tokens = Math.max(0, this.tokens - 1);
      return true;
    }
    if (this.timer === undefined) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        wake();
      }, this.msUntilToken());
    }
    return false;
  }

  /** Milliseconds until the next token (0 when one is there). */
  msUntilToken(): number {
    this.refill();
    return this.tokens >= 1 - EPSILON ? 0 : Math.max(1, Math.ceil(((1 - this.tokens) * 1000) / this.perSecond));
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
