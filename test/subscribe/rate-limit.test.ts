/** The consumer's token bucket, on a clock the test moves (fake timers: no timed assertions). */
import { subscribe, SubscribeOptionsError } from 's3-event-kit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RateLimiter } from '../../src/subscribe/rate-limit.js';
import { validateRateLimit } from '../../src/subscribe/validate.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Starts as many as the limiter allows, each time it wakes, for `ms` of fake time; returns their start times. */
function drive(limiter: RateLimiter, ms: number): number[] {
  const starts: number[] = [];
  const pump = (): void => {
    while (limiter.take(pump)) starts.push(Date.now());
  };
  pump();
  vi.advanceTimersByTime(ms);
  return starts;
}

/** The most starts within any window of `ms` (half-open: [t, t + ms)). */
function mostInWindow(starts: readonly number[], ms: number): number {
  let most = 0;
  for (let i = 0, j = 0; j < starts.length; j++) {
    while ((starts[j] as number) - (starts[i] as number) >= ms) i++;
    most = Math.max(most, j - i + 1);
  }
  return most;
}

describe('RateLimiter', () => {
  it('at the default burst (⌈perSecond⌉), spreads starts evenly: one every 1/perSecond s', () => {
    // Arrange
    const limiter = new RateLimiter(5, 5, () => Date.now());

    // Act
    const starts = drive(limiter, 10_000);

    // Assert: 0, 200, 400, … ms
    expect(limiter.capacity).toBe(1);
    expect(starts.length).toBe(51);
    expect(starts.slice(1).map((t, i) => t - (starts[i] as number))).toEqual(Array(50).fill(200));
    expect(mostInWindow(starts, 1000)).toBe(5);
  });

  it('with a larger burst, lets burst − ⌈perSecond⌉ + 1 start at once, and never more than burst in a second', () => {
    // Arrange
    const limiter = new RateLimiter(5, 12, () => Date.now());

    // Act
    const starts = drive(limiter, 10_000);

    // Assert
    expect(limiter.capacity).toBe(8);
    expect(starts.filter((t) => t === starts[0])).toHaveLength(8);
    expect(mostInWindow(starts, 1000)).toBe(12);
    // the sustained rate: 8 at once, then 5 a second
    expect(starts.length).toBe(8 + 50);
  });

  it('keeps both promises for a fractional rate', () => {
    // Arrange: 2.5/s, burst 3 (its default), then burst 5
    const even = new RateLimiter(2.5, 3, () => Date.now());
    const bursty = new RateLimiter(2.5, 5, () => Date.now());

    // Act
    const evenStarts = drive(even, 8_000);
    const burstyStarts = drive(bursty, 8_000);

    // Assert
    expect(mostInWindow(evenStarts, 1000)).toBe(3);
    expect(evenStarts.slice(1).map((t, i) => t - (evenStarts[i] as number))).toEqual(Array(evenStarts.length - 1).fill(400));
    expect(mostInWindow(burstyStarts, 1000)).toBe(5);
    expect(burstyStarts.length).toBe(3 + 20);
  });

  it('refills while idle, up to its size only', () => {
    // Arrange
    const limiter = new RateLimiter(2, 4, () => Date.now());
    drive(limiter, 0); // empties the bucket (3 tokens)
    limiter.dispose(); // nobody waits now

    // Act: a long quiet spell
    vi.advanceTimersByTime(60_000);
    const starts = drive(limiter, 0);

    // Assert
    expect(starts).toHaveLength(3);
  });

  it('arms one wake-up however often it is asked, and dispose() cancels it', () => {
    // Arrange
    const limiter = new RateLimiter(1, 1, () => Date.now());
    const wake = vi.fn();
    expect(limiter.take(wake)).toBe(true);

    // Act
    expect(limiter.take(wake)).toBe(false);
    expect(limiter.take(wake)).toBe(false);
    expect(limiter.waiting).toBe(true);
    expect(limiter.msUntilToken()).toBe(1000);
    vi.advanceTimersByTime(999);
    expect(wake).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);

    // Assert
    expect(wake).toHaveBeenCalledTimes(1);
    expect(limiter.take(wake)).toBe(true);
    expect(limiter.take(wake)).toBe(false);
    limiter.dispose();
    vi.advanceTimersByTime(5000);
    expect(wake).toHaveBeenCalledTimes(1);
  });
});

describe('RateLimiter.take(wake, n): several tokens at once (subscribeBatch counts events)', () => {
  it('takes n tokens when the bucket holds them, else wakes when they are due', () => {
    // Arrange: 10 a second, burst 14: a bucket of 5
    const limiter = new RateLimiter(10, 14, () => Date.now());
    const wake = vi.fn();

    // Act / Assert
    expect(limiter.take(wake, 3)).toBe(true); // 2 left
    expect(limiter.take(wake, 3)).toBe(false);
    expect(limiter.msUntilToken(3)).toBe(100);
    vi.advanceTimersByTime(100);
    expect(wake).toHaveBeenCalledTimes(1);
    expect(limiter.take(wake, 3)).toBe(true);
    expect(limiter.take(wake, 0)).toBe(true); // a batch without a counted event costs nothing
  });

  it('lets a batch larger than the bucket start from a full bucket, then owes the rest: the rate holds over time', () => {
    // Arrange: 10 a second at the default burst (a bucket of 1), batches of 10 events
    const limiter = new RateLimiter(10, 10, () => Date.now());
    const starts: number[] = [];
    const pump = (): void => {
      while (limiter.take(pump, 10)) starts.push(Date.now());
    };
    const t0 = Date.now();

    // Act: 4 s of fake time
    pump();
    vi.advanceTimersByTime(3_999);

    // Assert: one batch of 10 a second (the first at once), never two within a second
    expect(starts.map((t) => t - t0)).toEqual([0, 1000, 2000, 3000]);
    expect(limiter.msUntilToken(10)).toBe(1);
  });
});

describe('rateLimit option', () => {
  it('defaults burst to perSecond rounded up', () => {
    expect(validateRateLimit({ perSecond: 5 })).toEqual({ perSecond: 5, burst: 5 });
    expect(validateRateLimit({ perSecond: 0.5 })).toEqual({ perSecond: 0.5, burst: 1 });
    expect(validateRateLimit({ perSecond: 2.5, burst: 10 })).toEqual({ perSecond: 2.5, burst: 10 });
    expect(validateRateLimit(undefined)).toBeUndefined();
  });

  it.each([
    [null, 'rateLimit must be an object { perSecond, burst? }, got null'],
    [5, 'rateLimit must be an object { perSecond, burst? }, got 5'],
    [{}, 'rateLimit.perSecond must be a number of handler starts per second, above 0 and at most 100000, got undefined'],
    [{ perSecond: 0 }, 'rateLimit.perSecond must be a number of handler starts per second, above 0 and at most 100000, got 0'],
    [{ perSecond: Infinity }, 'rateLimit.perSecond must be a number of handler starts per second, above 0 and at most 100000, got Infinity'],
    [{ perSecond: '5' }, 'rateLimit.perSecond must be a number of handler starts per second, above 0 and at most 100000, got "5"'],
    [{ perSecond: 5, burst: 4 }, 'rateLimit.burst must be an integer from 5 (perSecond 5, rounded up: a second holds that many starts) to 100000, got 4'],
    [{ perSecond: 2.5, burst: 2 }, 'rateLimit.burst must be an integer from 3 (perSecond 2.5, rounded up: a second holds that many starts) to 100000, got 2'],
    [{ perSecond: 5, burst: 5.5 }, 'rateLimit.burst must be an integer from 5 (perSecond 5, rounded up: a second holds that many starts) to 100000, got 5.5'],
  ])('start() rejects rateLimit %j', (rateLimit, message) => {
    const subscription = subscribe({}, async () => {});
    const start = (): unknown =>
      subscription.start({ queueUrl: 'http://127.0.0.1:9/000000000000/q', client: { send: async () => ({}) }, rateLimit: rateLimit as never });
    expect(start).toThrow(SubscribeOptionsError);
    expect(start).toThrow(message);
  });
});
