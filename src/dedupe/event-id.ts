/**
 * `eventId()` and `objectId()`: what makes two deliveries "the same event", and two events "about
 * the same object content".
 * @module
 */
import type { S3ObjectEvent } from '../events/normalized.js';

/**
 * A sequencer in the form under which `compareSequencers` calls two values equal: upper case,
 * trailing zeros dropped (the comparison right-pads with zeros, so they carry no information).
 */
function canonicalSequencer(sequencer: string): string {
  return sequencer.toUpperCase().replace(/0+$/, '');
}

/**
 * A stable identity for an event, equal for every delivery of the same S3 event on the same
 * road, so duplicates (S3's at-least-once delivery, SQS redelivery, Lambda retries) can be
 * recognised. A JSON array string (unambiguous whatever the key contains) of:
 *
 * - `name`, `bucket`, `key` (decoded), `versionId` (or `null`), then
 * - `"sequencer"` and the sequencer, upper case without trailing zeros (so two values that
 *   `compareSequencers` calls equal give the same id) — when the event has a sequencer;
 * - otherwise (tagging, ACL, lifecycle transition and restore events, and objects found by a
 *   backfill listing carry none) the fallback `"time"`, `time` as sent, `eTag` and `requestId`
 *   (or `null`). The fallback recognises redeliveries of one message, but not the same event
 *   arriving on two roads, since record times have milliseconds and EventBridge times do not.
 *
 * `messageId` and `receiptHandle` are deliberately left out: they change on every delivery.
 *
 * @example
 * ```ts
 * import { eventId, normalize } from 's3-event-kit';
 * declare const sqsEvent: unknown;
 * for (const event of normalize(sqsEvent)) console.log(eventId(event));
 * //=> ["ObjectCreated:Put","amzn-s3-demo-bucket","photos/red flower.jpg",null,"sequencer","0055AED6DCD90281E5"]
 * ```
 * @category Production
 */
export function eventId(event: S3ObjectEvent): string {
  const base = [event.name, event.bucket, event.key, event.versionId ?? null];
  const rest =
    event.sequencer === undefined
      ? ['time', event.time, event.eTag ?? null, event.requestId ?? null]
      : ['sequencer', canonicalSequencer(event.sequencer)];
  return JSON.stringify([...base, ...rest]);
}

/**
 * The identity of the object content an event is about — bucket, key and entity tag — or
 * `undefined` when the event has no eTag. A `ListObjectsV2` listing sees only this (no sequencer,
 * no version id), so a backfill uses it to recognise objects that a live event already handled.
 *
 * @example
 * ```ts
 * import { objectId, type S3ObjectEvent } from 's3-event-kit';
 * declare const event: S3ObjectEvent;
 * objectId(event); //=> '["amzn-s3-demo-bucket","photos/red flower.jpg","d41d8cd98f00b204e9800998ecf8427e"]'
 * ```
 * @category Production
 */
export function objectId(event: S3ObjectEvent): string | undefined {
  return event.eTag === undefined ? undefined : JSON.stringify([event.bucket, event.key, event.eTag]);
}
