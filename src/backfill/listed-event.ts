/**
 * `listedObjectEvent()`: one `ListObjectsV2` entry as a synthetic `ObjectCreated:Put` event.
 * Pure: no SDK code.
 * @module
 */
import type { ObjectCreatedEvent } from '../events/normalized.js';
import type { S3ObjectCreatedRecord } from '../events/notification.js';
import { encodeKey } from '../normalize/key.js';

/**
 * The event a backfill hands to the handler for each listed object: an `ObjectCreated:Put` with
 * `via: ['list']`, no `sequencer`, no `versionId`, and `time` = the object's `LastModified`.
 * @example
 * ```ts
 * import type { ListedObjectEvent } from 's3-event-kit/aws';
 * declare const event: ListedObjectEvent;
 * event.via; // ['list']
 * event.key === event.rawKey; // true: listed keys are not URL-encoded
 * ```
 * @category AWS
 */
export type ListedObjectEvent = ObjectCreatedEvent<'ObjectCreated:Put'> & { readonly record: S3ObjectCreatedRecord };

/**
 * One entry of a `ListObjectsV2` answer (`Contents[i]`), as the SDK returns it.
 *
 * @example
 * ```ts
 * import type { ListedObject } from 's3-event-kit/aws';
 * const entry: ListedObject = { Key: 'a b.txt', ETag: '"d41d8cd98f00b204e9800998ecf8427e"', Size: 0, LastModified: new Date() };
 * ```
 * @category AWS
 */
export interface ListedObject {
  readonly Key?: string | undefined;
  readonly ETag?: string | undefined;
  readonly Size?: number | undefined;
  readonly LastModified?: Date | undefined;
}

/** The synthetic record's `configurationId`: says where the event came from. */
export const BACKFILL_CONFIGURATION_ID = 's3-event-kit:backfill';

function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/**
 * Turns one listed object into the `ObjectCreated:Put` event a notification would have carried,
 * so the same handler can process it. The key is taken as listed (`ListObjectsV2` keys are not
 * URL-encoded): `key` and `rawKey` are both the listed key. The quotes around the ETag are dropped,
 * as in notifications. `record` is a synthetic notification record (its `s3.object.key` encoded as
 * S3 would, so `normalize({ Records: [event.record] })` gives the same key); the fields a listing
 * does not know — requester, source IP, request ids, owner — are empty strings there and
 * `undefined` on the event.
 *
 * @throws TypeError when the entry lacks `Key`, `ETag`, `Size` or `LastModified`.
 * @example
 * ```ts
 * import { listedObjectEvent } from 's3-event-kit/aws';
 * const event = listedObjectEvent(
 *   { Key: 'photos/red flower.jpg', ETag: '"d41d8cd98f00b204e9800998ecf8427e"', Size: 0, LastModified: new Date('2024-03-14T19:02:45Z') },
 *   { bucket: 'amzn-s3-demo-bucket', region: 'eu-west-1' },
 * );
 * event.key; //=> 'photos/red flower.jpg'
 * event.via; //=> ['list']
 * ```
 * @category AWS
 */
export function listedObjectEvent(object: ListedObject, where: { readonly bucket: string; readonly region: string }): ListedObjectEvent {
  const { Key: key, ETag: quoted, Size: size, LastModified: modified } = object;
  if (key === undefined || quoted === undefined || size === undefined || !(modified instanceof Date)) {
    throw new TypeError(`listedObjectEvent: a ListObjectsV2 entry of bucket ${where.bucket} lacks Key, ETag, Size or LastModified: ${JSON.stringify(object)}`);
  }
  const eTag = quoted.replace(/^"(.*)"$/, '$1');
  const time = modified.toISOString();
  const record: S3ObjectCreatedRecord = {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: where.region,
    eventTime: time,
    eventName: 'ObjectCreated:Put',
    userIdentity: { principalId: '' },
    requestParameters: { sourceIPAddress: '' },
    responseElements: { 'x-amz-request-id': '', 'x-amz-id-2': '' },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: BACKFILL_CONFIGURATION_ID,
      bucket: { name: where.bucket, ownerIdentity: { principalId: '' }, arn: `arn:${partitionOf(where.region)}:s3:::${where.bucket}` },
      object: { key: encodeKey(key), size, eTag },
    },
  };
  return {
    name: 'ObjectCreated:Put',
    type: 'ObjectCreated',
    bucket: where.bucket,
    key,
    rawKey: key,
    size,
    eTag,
    versionId: undefined,
    sequencer: undefined,
    time,
    region: where.region,
    requester: undefined,
    sourceIp: undefined,
    requestId: undefined,
    bucketTags: undefined,
    via: ['list'],
    messageId: undefined,
    receiptHandle: undefined,
    record,
  };
}
