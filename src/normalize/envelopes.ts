/**
 * Peels the SQS and SNS envelopes off one message and reads the S3 or EventBridge event inside.
 * The grammar is fixed, so nesting is bounded: SQS ⊃ SNS ⊃ origin, SQS ⊃ origin, SNS ⊃ origin.
 * @internal @module
 */
import type { S3ObjectEvent, S3TestNotification } from '../events/normalized.js';
import type { Carriers, Delivery } from './delivery.js';
import { fromEventBridge, isEventBridgeEvent } from './from-eventbridge.js';
import { fromNotification, isS3Notification } from './from-notification.js';
import { describeForeignEvent } from './foreign.js';
import { fromTestEvent, isTestEvent } from './from-test-event.js';
import { isObject, parseJson, show, type JsonObject, type Scope } from './read.js';

/**
 * What one message yields: its object events and its `s3:TestEvent`s.
 *
 * @example
 * ```ts
 * import { parseMessages, type MessageContents } from 's3-event-kit';
 * declare const input: unknown;
 * const count = ({ events, testEvents }: MessageContents) => events.length + testEvents.length;
 * parseMessages(input).messages.map(count);
 * ```
 * @category Normalize
 */
export interface MessageContents {
  readonly events: S3ObjectEvent[];
  readonly testEvents: S3TestNotification[];
}

/**
 * Whether a value is the SNS notification JSON (SQS body or HTTP POST without raw delivery). Its
 * `Message` is checked when it is read, so a bad one is reported at its path.
 */
export function isSnsNotification(value: JsonObject): boolean {
  return value['Type'] === 'Notification' && typeof value['TopicArn'] === 'string';
}

/**
 * Reads an origin event (S3 notification, test event, EventBridge event) or, where `carriers`
 * still allows SNS, an SNS notification around one.
 */
export function readCarried(value: unknown, delivery: Delivery, scope: Scope, out: MessageContents): void {
  if (isObject(value)) {
    if (isS3Notification(value)) return fromNotification(value, delivery, scope, out.events);
    if (isEventBridgeEvent(value)) {
      out.events.push(fromEventBridge(value, delivery, scope));
      return;
    }
    if (isTestEvent(value)) {
      out.testEvents.push(fromTestEvent(value, delivery, scope));
      return;
    }
    if (isSnsNotification(value) && (delivery.carriers === '' || delivery.carriers === 'sqs')) {
      return readSnsMessage(value, { ...delivery, carriers: delivery.carriers === '' ? 'sns' : 'sns+sqs' }, scope, out);
    }
  }
  if (delivery.carriers === '') {
    // Failure path only: name the other service's event (API Gateway, ALB, DynamoDB, …) if it is one.
    const foreign = describeForeignEvent(value);
    return scope.fail('UNKNOWN_SHAPE', foreign ?? 'not an S3 event, nor an SQS, SNS or EventBridge envelope around one', '', value);
  }
  return scope.fail(
    'NOT_S3_EVENT',
    `the ${envelopeName(delivery.carriers)} carries no S3 event (expected S3 notification Records, an s3:TestEvent or an EventBridge event from aws.s3)`,
    '',
    value,
  );
}

function envelopeName(carriers: Carriers): string {
  return carriers === 'sqs' ? 'SQS message body' : 'SNS message';
}

/** The SNS notification JSON (SQS body, HTTP) or the `Sns` object of a Lambda record. */
export function readSnsMessage(sns: JsonObject, delivery: Delivery, scope: Scope, out: MessageContents): void {
  readEnclosed(sns['Message'], delivery, scope, 'Message', out);
}

/** An SQS message body: an S3 notification, a test event, an EventBridge event or SNS JSON around one. */
export function readSqsBody(body: unknown, delivery: Delivery, scope: Scope, step: string, out: MessageContents): void {
  readEnclosed(body, delivery, scope, step, out);
}

/**
 * The document an SQS `body`/`Body` or an SNS `Message` holds: JSON text, as AWS sends it, or the
 * object a middleware already parsed it into, in place (`@middy/event-normalizer` does this for
 * SQS bodies and SNS messages, and decodes the S3 keys inside at the same time: see docs/keys.md).
 */
function readEnclosed(value: unknown, delivery: Delivery, scope: Scope, step: string, out: MessageContents): void {
  if (typeof value === 'string') {
    // Text nobody parsed holds keys nobody decoded (unless the option says otherwise).
    const text = delivery.notificationKeysOption === undefined && !delivery.decodeNotificationKeys ? { ...delivery, decodeNotificationKeys: true } : delivery;
    return readCarried(parseJson(value, scope, step), text, scope.enter(step), out);
  }
  if (typeof value !== 'object' || value === null) {
    return scope.fail(
      'INVALID_FIELD',
      value === undefined ? `${step} is missing` : `expected JSON text (or the object parsed from it), got ${show(value)}`,
      step,
      value,
    );
  }
  // Keys in a document someone else parsed were decoded by them unless the caller says otherwise.
  const parsed = delivery.notificationKeysOption === undefined && delivery.decodeNotificationKeys ? { ...delivery, decodeNotificationKeys: false } : delivery;
  readCarried(value, parsed, scope.enter(step), out);
}
