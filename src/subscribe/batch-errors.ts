/**
 * The errors of a batch handler's contract: an event that is not one of the batch's, and an
 * answer that is not `undefined` or `{ failed }`. Either fails the whole batch (its messages are
 * retried), so a mistake never acknowledges a message that was not handled.
 * @module
 */
import type { S3ObjectEvent } from '../events/normalized.js';

function describe(event: unknown): string {
  if (typeof event !== 'object' || event === null) return String(event);
  const { name, bucket, key } = event as Partial<S3ObjectEvent>;
  return typeof name === 'string' ? `${name} s3://${String(bucket)}/${String(key)}` : 'an object that is not an S3 event';
}

/**
 * A batch handler named an event that is not one of its batch's: in `ctx.of(event)`, or in the
 * `failed` list it resolved to. Events are recognised by identity: name the very objects the
 * handler was given, not copies. In `failed`, the whole batch then fails.
 *
 * @example
 * ```ts
 * import { subscribeBatch, UnknownBatchEventError } from 's3-event-kit';
 * export const handler = subscribeBatch({}, async (events, ctx) => {
 *   try {
 *     ctx.of({ ...events[0]! }); // a copy is not an event of the batch
 *   } catch (error) {
 *     if (error instanceof UnknownBatchEventError) console.log(error.message);
 *   }
 * });
 * ```
 * @category Subscribe
 */
export class UnknownBatchEventError extends Error {
  override readonly name = 'UnknownBatchEventError' as const;
  /** Where it was named: `ctx.of()` or `failed[i]`. */
  readonly where: string;

  constructor(where: string, event: unknown) {
    super(`${where} names ${describe(event)}, which is not an event of this batch (name the objects the handler was given, not copies)`);
    this.where = where;
  }
}

/**
 * A batch handler resolved to something other than nothing or `{ failed: [{ event, error? }] }`.
 * The whole batch fails: its messages are retried.
 *
 * @example
 * ```ts
 * import { InvalidBatchResultError, subscribeBatch } from 's3-event-kit';
 * const handler = subscribeBatch({ logger: console }, async () => {});
 * // A handler resolving to `{ failed: 'all' }` fails its batch with:
 * const error = new InvalidBatchResultError({ failed: 'all' });
 * error.message; //=> 'the batch handler must resolve to nothing or { failed: [{ event, error? }] }, got { failed: "all" }'
 * ```
 * @category Subscribe
 */
export class InvalidBatchResultError extends TypeError {
  override readonly name = 'InvalidBatchResultError' as const;
  /** What the handler resolved to. */
  readonly result: unknown;

  constructor(result: unknown) {
    super(`the batch handler must resolve to nothing or { failed: [{ event, error? }] }, got ${show(result)}`);
    this.result = result;
  }
}

function show(value: unknown): string {
  if (typeof value !== 'object' || value === null) return typeof value === 'string' ? JSON.stringify(value) : String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  const failed = (value as { failed?: unknown }).failed;
  if ('failed' in value) return `{ failed: ${typeof failed === 'string' ? JSON.stringify(failed) : Array.isArray(failed) ? '[…]' : String(failed)} }`;
  return `an object with ${Object.keys(value).map((k) => JSON.stringify(k)).join(', ') || 'no keys'}`;
}
