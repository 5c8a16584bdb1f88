/** Recognises S3's `s3:TestEvent` message. @internal @module */
import type { S3TestNotification } from '../events/normalized.js';
import type { S3TestEvent } from '../events/notification.js';
import { viaOf, type Delivery } from './delivery.js';
import { string, timestamp, type JsonObject, type Scope } from './read.js';

export function isTestEvent(value: JsonObject): boolean {
  return value['Event'] === 's3:TestEvent' && value['Service'] === 'Amazon S3';
}

export function fromTestEvent(value: JsonObject, delivery: Delivery, scope: Scope): S3TestNotification {
  return {
    name: 's3:TestEvent',
    bucket: string(value['Bucket'], scope, 'Bucket'),
    time: timestamp(value['Time'], scope, 'Time'),
    requestId: string(value['RequestId'], scope, 'RequestId'),
    via: viaOf('s3', delivery.carriers),
    messageId: delivery.messageId,
    receiptHandle: delivery.receiptHandle,
    record: value as unknown as S3TestEvent,
  };
}
