/**
 * Exponential back-off with "full jitter": the n-th attempt waits a random time between 0 and
 * `min(max, base × 2ⁿ⁻¹)`. Used after failed SQS calls, and offered for `retryDelay`.
 * @module
 */
import type { RetryDelayInput } from './consumer-types.js';
import { validateNumber } from './validate.js';

/** The cap of attempt `attempt` (1-based): `min(max, base × 2^(attempt-1))`. @internal */
export function backoffCap(attempt: number, base: number, max: number): number {
  // 2 ** 1024 is Infinity, and Math.min copes with it.
  return Math.min(max, base * 2 ** Math.max(0, attempt - 1));
}

/** A random delay in `[0, cap]` for attempt `attempt`. @internal */
export function backoffDelay(attempt: number, base: number, max: number, random: () => number = Math.random): number {
  return random() * backoffCap(attempt, base, max);
}

/**
 * A `retryDelay` for the consumer: a failed message comes back after a random number of seconds up
 * to `min(max, base × 2^(receiveCount-1))`, so a message that keeps failing waits longer each time
 * (until the queue's `maxReceiveCount` moves it to the DLQ) and retries of many failed messages
 * spread out. Whole seconds, as `ChangeMessageVisibility` takes them; at least `min`.
 *
 * @param options.base - seconds of the first retry's cap. @defaultValue 1
 * @param options.max - the largest delay in seconds, at most 43 200 (12 hours). @defaultValue 900
 * @param options.min - the smallest delay in seconds. @defaultValue 0
 * @example
 * ```ts
 * import { subscribe, exponentialRetryDelay } from 's3-event-kit';
 * subscribe({}, async () => {}).start({
 *   queueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/uploads',
 *   retryDelay: exponentialRetryDelay({ base: 2, max: 300 }), // ≤2 s, ≤4 s, ≤8 s, … ≤300 s
 * });
 * ```
 * @category Subscribe
 */
export function exponentialRetryDelay(
  options: { readonly base?: number | undefined; readonly max?: number | undefined; readonly min?: number | undefined } = {},
): (failure: RetryDelayInput) => number {
  const base = validateNumber('exponentialRetryDelay base', options.base ?? 1, 0, 43_200);
  const max = validateNumber('exponentialRetryDelay max', options.max ?? 900, 0, 43_200);
  const min = validateNumber('exponentialRetryDelay min', options.min ?? 0, 0, max);
  return ({ receiveCount }) => Math.max(min, Math.round(backoffDelay(receiveCount, base, max)));
}

/**
 * The seconds a failed message stays hidden by `retryDelay`: whole seconds within SQS's 0 to
 * 43 200, or undefined when the function throws or answers no finite number (the message then
 * comes back when its visibility timeout ends). The worker and Lambda both ask here.
 * @internal
 */
export function retrySeconds(
  retryDelay: (failure: RetryDelayInput) => number,
  failure: RetryDelayInput,
  onThrow?: (error: unknown) => void,
): number | undefined {
  let seconds: number;
  try {
    seconds = retryDelay(failure);
  } catch (error) {
    onThrow?.(error);
    return undefined;
  }
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return undefined;
  return Math.min(43_200, Math.max(0, Math.round(seconds)));
}
