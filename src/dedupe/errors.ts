/**
 * `S3EventInProgressError`: another consumer holds the claim on an event right now.
 * @module
 */
import type { S3ObjectEvent } from '../events/normalized.js';

/**
 * Thrown by `deduper.run()` (and `handleOnce()`) when another consumer claimed the same event
 * and has neither finished nor given up yet. Let the message be retried: by then the other
 * consumer has either finished (the retry is acknowledged as a duplicate) or failed (its claim
 * is released or lapses, and the retry handles the event).
 *
 * @example
 * ```ts
 * import { createDeduper, S3EventInProgressError, type S3ObjectEvent } from 's3-event-kit';
 * declare const event: S3ObjectEvent;
 * try {
 *   await createDeduper().run(event, async () => {});
 * } catch (error) {
 *   if (error instanceof S3EventInProgressError) console.log(`${error.id} is being handled elsewhere`);
 * }
 * ```
 * @category Production
 */
export class S3EventInProgressError extends Error {
  override readonly name = 'S3EventInProgressError' as const;
  /** The event that is being handled elsewhere. */
  readonly event: S3ObjectEvent;
  /** Its identity in the store (see `eventId`). */
  readonly id: string;

  constructor(event: S3ObjectEvent, id: string) {
    const where = event.messageId === undefined ? '' : ` (message ${event.messageId})`;
    super(`${event.name} s3://${event.bucket}/${event.key}${where} is being handled by another consumer; retry later`);
    this.event = event;
    this.id = id;
  }
}
