/**
 * Why `getObjectFor()`/`headObjectFor()` could not return the object an event is about.
 * @module
 */
import type { S3ObjectEvent } from '../events/normalized.js';
import { PermanentError } from '../subscribe/permanent.js';

const where = (event: S3ObjectEvent): string => `s3://${event.bucket}/${event.key}`;

/**
 * The object was overwritten after the event: its ETag is no longer the one the event names (S3
 * answered `412 Precondition Failed` to `If-Match`, or returned another ETag). Reading it would
 * have returned newer bytes than the event is about. Typically a newer event for the same key is
 * on its way; handle that one.
 *
 * @example
 * ```ts
 * import { getObjectFor, S3ObjectChangedError } from 's3-event-kit/aws';
 * import type { ObjectCreatedEvent } from 's3-event-kit';
 * declare const event: ObjectCreatedEvent;
 * try {
 *   await getObjectFor(event);
 * } catch (error) {
 *   if (error instanceof S3ObjectChangedError) console.log(`skip: ${error.expected} was replaced by ${error.actual ?? 'a newer object'}`);
 * }
 * ```
 * @category AWS
 */
export class S3ObjectChangedError extends Error {
  override readonly name = 'S3ObjectChangedError' as const;
  readonly event: S3ObjectEvent;
  /** `GetObject` or `HeadObject`. */
  readonly operation: string;
  /** The ETag the event names (without quotes). */
  readonly expected: string;
  /** The ETag S3 returned instead (without quotes), when it returned one. */
  readonly actual: string | undefined;

  constructor(event: S3ObjectEvent, operation: string, expected: string, actual: string | undefined, cause?: unknown) {
    const found = actual === undefined ? 'S3 answered 412 Precondition Failed' : `it now has ETag ${actual}`;
    super(
      `${operation} ${where(event)}: the object changed after the ${event.name} event (the event names ETag ${expected}; ${found})`,
      cause === undefined ? undefined : { cause },
    );
    this.event = event;
    this.operation = operation;
    this.expected = expected;
    this.actual = actual;
  }
}

/**
 * The object (or the version the event names) no longer exists: S3 answered `404` (`NoSuchKey`,
 * `NoSuchVersion`) or `405` (the version is a delete marker), or the event itself is a removal.
 *
 * It is a `PermanentError`: no retry brings the object back, so a subscription whose handler lets
 * it escape drops the message (or sends it to the `permanent` policy's dead-letter queue) instead of
 * retrying it until the DLQ. Catch it to treat "deleted since" as done without a log line.
 *
 * @example
 * ```ts
 * import { headObjectFor, S3ObjectGoneError } from 's3-event-kit/aws';
 * import type { ObjectCreatedEvent } from 's3-event-kit';
 * declare const event: ObjectCreatedEvent;
 * const head = await headObjectFor(event).catch((error: unknown) => {
 *   if (error instanceof S3ObjectGoneError) return undefined; // deleted since: nothing to do
 *   throw error;
 * });
 * ```
 * @category AWS
 */
export class S3ObjectGoneError extends PermanentError {
  override readonly name = 'S3ObjectGoneError' as const;
  readonly event: S3ObjectEvent;
  /** `GetObject` or `HeadObject`. */
  readonly operation: string;

  constructor(event: S3ObjectEvent, operation: string, reason: string, cause?: unknown) {
    const version = event.versionId === undefined ? '' : ` (version ${event.versionId})`;
    super(`${operation} ${where(event)}${version}: ${reason}`, cause === undefined ? undefined : { cause });
    this.event = event;
    this.operation = operation;
  }
}

/**
 * The event names neither a version nor an ETag, so the exact object cannot be pinned. Pass
 * `{ allowLatest: true }` to read whatever the key holds now.
 *
 * @example
 * ```ts
 * import { getObjectFor, S3ObjectUnpinnedError } from 's3-event-kit/aws';
 * import type { ObjectCreatedEvent } from 's3-event-kit';
 * declare const event: ObjectCreatedEvent;
 * await getObjectFor(event).catch(async (error: unknown) => {
 *   if (error instanceof S3ObjectUnpinnedError) return getObjectFor(event, undefined, { allowLatest: true });
 *   throw error;
 * });
 * ```
 * @category AWS
 */
export class S3ObjectUnpinnedError extends Error {
  override readonly name = 'S3ObjectUnpinnedError' as const;
  readonly event: S3ObjectEvent;

  constructor(event: S3ObjectEvent, operation: string) {
    super(`${operation} ${where(event)}: the ${event.name} event names neither a versionId nor an eTag, so the exact object cannot be pinned (pass { allowLatest: true } to read the current one)`);
    this.event = event;
  }
}
