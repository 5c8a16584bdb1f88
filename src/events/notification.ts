/**
 * The S3 event notification message as S3 sends it to Lambda, SQS and SNS.
 *
 * Field presence follows what AWS documents and what recordings show: `size` is absent on deletes,
 * tagging and ACL events; `sequencer` is absent on tagging, ACL and lifecycle transitions;
 * `versionId` only appears on versioned buckets.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html
 * @module
 */
import type { NamesOf, S3EventName } from './names.js';

/**
 * The bucket block of a record (`Records[].s3.bucket`).
 *
 * @example
 * ```ts
 * import type { S3EventRecordBucket } from 's3-event-kit';
 * const bucket: S3EventRecordBucket = {
 *   name: 'photos', ownerIdentity: { principalId: 'A3I5XTEXAMAI3E' }, arn: 'arn:aws:s3:::photos',
 * };
 * ```
 * @category Events
 */
export interface S3EventRecordBucket {
  name: string;
  ownerIdentity: { principalId: string };
  arn: string;
  /** System tags of the bucket (`aws:`-prefixed only), event version 2.5 and later. */
  awsGeneratedTags?: Record<string, string> | undefined;
}

/**
 * The object block of a record (`Records[].s3.object`): `key` is form-URL-encoded (`+` is a space).
 *
 * @example
 * ```ts
 * import type { S3EventRecordObject } from 's3-event-kit';
 * const object: S3EventRecordObject = { key: 'red+flower.jpg', size: 1024, eTag: 'd41d8cd98f00b204e9800998ecf8427e' };
 * ```
 * @category Events
 */
export interface S3EventRecordObject {
  /** The object key, URL-encoded as `application/x-www-form-urlencoded` (`red flower.jpg` → `red+flower.jpg`). */
  key: string;
  /** Size in bytes. */
  size?: number | undefined;
  /** The entity tag, without quotes. Multipart uploads end in `-<parts>`. */
  eTag?: string | undefined;
  /** Present only on versioned buckets. */
  versionId?: string | undefined;
  /** Hex string that orders events on the same key (see `compareSequencers`). */
  sequencer?: string | undefined;
}

/**
 * `glacierEventData`, sent on `ObjectRestore:Completed`.
 *
 * @example
 * ```ts
 * import type { S3ObjectRestoreCompletedRecord } from 's3-event-kit';
 * declare const record: S3ObjectRestoreCompletedRecord;
 * const readableUntil = record.glacierEventData?.restoreEventData.lifecycleRestorationExpiryTime; // ISO-8601
 * ```
 * @category Events
 */
export interface S3GlacierEventData {
  restoreEventData: {
    lifecycleRestorationExpiryTime: string;
    lifecycleRestoreStorageClass: string;
  };
}

/**
 * `replicationEventData`, sent on `Replication:*` events (event version 2.2).
 *
 * @example
 * ```ts
 * import type { S3ReplicationEventData } from 's3-event-kit';
 * const data: S3ReplicationEventData = {
 *   replicationRuleId: 'notification-test-replication-rule',
 *   destinationBucket: 'arn:aws:s3:::amzn-s3-demo-bucket2',
 *   s3Operation: 'OBJECT_PUT',
 *   requestTime: '2024-09-05T21:03:59.168Z',
 *   failureReason: 'AssumeRoleNotPermitted',
 * };
 * ```
 * @category Events
 */
export interface S3ReplicationEventData {
  replicationRuleId: string;
  /** The destination bucket's ARN. */
  destinationBucket: string;
  /** For example `OBJECT_PUT`. */
  s3Operation: string;
  requestTime: string;
  /** For example `AssumeRoleNotPermitted`, on `Replication:OperationFailedReplication`. */
  failureReason?: string | undefined;
  threshold?: string | undefined;
  replicationTime?: string | undefined;
}

/**
 * `lifecycleEventData`, sent on `LifecycleTransition` (event version 2.3).
 *
 * @example
 * ```ts
 * import type { S3LifecycleEventData } from 's3-event-kit';
 * const data: S3LifecycleEventData = { transitionEventData: { destinationStorageClass: 'INTELLIGENT_TIERING' } };
 * ```
 * @category Events
 */
export interface S3LifecycleEventData {
  transitionEventData: { destinationStorageClass: string };
}

/**
 * `intelligentTieringEventData`, sent on `IntelligentTiering` (event version 2.3).
 *
 * @example
 * ```ts
 * import type { S3IntelligentTieringEventData } from 's3-event-kit';
 * const data: S3IntelligentTieringEventData = { destinationAccessTier: 'ARCHIVE_ACCESS' };
 * ```
 * @category Events
 */
export interface S3IntelligentTieringEventData {
  destinationAccessTier: string;
}

interface RecordOf<Name extends S3EventName, Object extends S3EventRecordObject> {
  /** `"2.1"`, `"2.2"`, `"2.3"`, or one unified `"2.x"` from 2.4 on: accept any `2.x`. */
  eventVersion: string;
  eventSource: 'aws:s3';
  /** The bucket's Region. */
  awsRegion: string;
  /** ISO-8601 with milliseconds, when S3 finished processing the request. */
  eventTime: string;
  eventName: Name;
  /** The caller's principal ID, or `s3.amazonaws.com` for service-initiated events. */
  userIdentity: { principalId: string };
  /** The caller's IP address, or `s3.amazonaws.com` for service-initiated events. */
  requestParameters: { sourceIPAddress: string };
  responseElements: { 'x-amz-request-id': string; 'x-amz-id-2': string };
  s3: {
    s3SchemaVersion: string;
    /** The `Id` of the notification configuration that matched. */
    configurationId: string;
    bucket: S3EventRecordBucket;
    object: Object;
  };
}

type Required2<Shape, Keys extends keyof Shape> = Shape & { [K in Keys]-?: Exclude<Shape[K], undefined> };

/**
 * An `ObjectCreated:*` record: size and eTag are always present.
 *
 * @example
 * ```ts
 * import type { S3ObjectCreatedRecord } from 's3-event-kit';
 * declare const record: S3ObjectCreatedRecord;
 * const bytes: number = record.s3.object.size;
 * ```
 * @category Events
 */
export type S3ObjectCreatedRecord = RecordOf<
  NamesOf<'ObjectCreated'>,
  Required2<S3EventRecordObject, 'size' | 'eTag'>
>;
/**
 * An `ObjectRemoved:*` or `LifecycleExpiration:*` record: no size, usually no eTag.
 *
 * @example
 * ```ts
 * import type { S3ObjectRemovedRecord } from 's3-event-kit';
 * declare const record: S3ObjectRemovedRecord;
 * const byLifecycle = record.eventName.startsWith('LifecycleExpiration:');
 * ```
 * @category Events
 */
export type S3ObjectRemovedRecord = RecordOf<
  NamesOf<'ObjectRemoved'> | NamesOf<'LifecycleExpiration'>,
  S3EventRecordObject
>;
/**
 * An `ObjectRestore:Post` record: a restore from an archive storage class was initiated.
 *
 * @example
 * ```ts
 * import type { S3ObjectRestorePostRecord } from 's3-event-kit';
 * declare const record: S3ObjectRestorePostRecord;
 * record.eventName; // 'ObjectRestore:Post'
 * ```
 * @category Events
 */
export type S3ObjectRestorePostRecord = RecordOf<'ObjectRestore:Post', S3EventRecordObject>;
/**
 * An `ObjectRestore:Completed` record, with `glacierEventData`.
 *
 * @example
 * ```ts
 * import type { S3ObjectRestoreCompletedRecord } from 's3-event-kit';
 * declare const record: S3ObjectRestoreCompletedRecord;
 * const restoredFrom = record.glacierEventData?.restoreEventData.lifecycleRestoreStorageClass; // e.g. 'GLACIER'
 * ```
 * @category Events
 */
export type S3ObjectRestoreCompletedRecord = RecordOf<'ObjectRestore:Completed', S3EventRecordObject> & {
  glacierEventData?: S3GlacierEventData | undefined;
};
/**
 * A `Replication:*` record, with `replicationEventData`.
 *
 * @example
 * ```ts
 * import type { S3ReplicationRecord } from 's3-event-kit';
 * declare const record: S3ReplicationRecord;
 * if (record.eventName === 'Replication:OperationFailedReplication') console.log(record.replicationEventData.failureReason);
 * ```
 * @category Events
 */
export type S3ReplicationRecord = RecordOf<NamesOf<'Replication'>, S3EventRecordObject> & {
  replicationEventData: S3ReplicationEventData;
};
/**
 * A `LifecycleTransition` record, with `lifecycleEventData` (no sequencer).
 *
 * @example
 * ```ts
 * import type { S3LifecycleTransitionRecord } from 's3-event-kit';
 * declare const record: S3LifecycleTransitionRecord;
 * const newClass = record.lifecycleEventData?.transitionEventData.destinationStorageClass;
 * ```
 * @category Events
 */
export type S3LifecycleTransitionRecord = RecordOf<'LifecycleTransition', S3EventRecordObject> & {
  lifecycleEventData?: S3LifecycleEventData | undefined;
};
/**
 * An `IntelligentTiering` record, with `intelligentTieringEventData`.
 *
 * @example
 * ```ts
 * import type { S3IntelligentTieringRecord } from 's3-event-kit';
 * declare const record: S3IntelligentTieringRecord;
 * const tier = record.intelligentTieringEventData?.destinationAccessTier; // 'ARCHIVE_ACCESS' | 'DEEP_ARCHIVE_ACCESS'
 * ```
 * @category Events
 */
export type S3IntelligentTieringRecord = RecordOf<'IntelligentTiering', S3EventRecordObject> & {
  intelligentTieringEventData?: S3IntelligentTieringEventData | undefined;
};
/**
 * An `ObjectTagging:*` or `ObjectAcl:Put` record: eTag but no size and no sequencer. The tags and
 * the ACL themselves are not in the event.
 *
 * @example
 * ```ts
 * import type { S3ObjectMetadataRecord } from 's3-event-kit';
 * declare const record: S3ObjectMetadataRecord;
 * const tagsChanged = record.eventName !== 'ObjectAcl:Put';
 * ```
 * @category Events
 */
export type S3ObjectMetadataRecord = RecordOf<
  NamesOf<'ObjectTagging'> | NamesOf<'ObjectAcl'>,
  S3EventRecordObject
>;
/**
 * Records whose payload AWS has not documented in detail (`ObjectRestore:Delete`,
 * `ReducedRedundancyLostObject`, `ObjectRetention:Put`, `ObjectAnnotation:*`): only `key` is certain,
 * and any other block is kept as `unknown`.
 *
 * @example
 * ```ts
 * import type { S3OtherRecord } from 's3-event-kit';
 * declare const record: S3OtherRecord;
 * const retention = record['objectRetentionEventData']; // unknown: check it before use
 * ```
 * @category Events
 */
export type S3OtherRecord = RecordOf<
  'ObjectRestore:Delete' | 'ReducedRedundancyLostObject' | NamesOf<'ObjectRetention'> | NamesOf<'ObjectAnnotation'>,
  S3EventRecordObject
> & { [block: string]: unknown };

/**
 * One record of an S3 event notification, discriminated on `eventName`.
 *
 * @example
 * ```ts
 * import type { S3EventRecord } from 's3-event-kit';
 * declare const record: S3EventRecord;
 * if (record.eventName === 'ObjectCreated:Put') record.s3.object.size; // number
 * ```
 * @category Events
 */
export type S3EventRecord =
  | S3ObjectCreatedRecord
  | S3ObjectRemovedRecord
  | S3ObjectRestorePostRecord
  | S3ObjectRestoreCompletedRecord
  | S3ReplicationRecord
  | S3LifecycleTransitionRecord
  | S3IntelligentTieringRecord
  | S3ObjectMetadataRecord
  | S3OtherRecord;

/**
 * The S3 event notification message: what S3 invokes Lambda with, and the body it sends to SQS
 * and SNS. In practice each message holds one record; loop over `Records` anyway.
 *
 * @example
 * ```ts
 * import type { S3EventNotification } from 's3-event-kit';
 * export const handler = async (event: S3EventNotification) => event.Records.length;
 * ```
 * @category Events
 */
export interface S3EventNotification {
  Records: S3EventRecord[];
}

/**
 * The test message S3 sends to SQS and SNS destinations each time a notification configuration
 * is written. It has no `Records` and is not about an object.
 *
 * @example
 * ```ts
 * import type { S3TestEvent } from 's3-event-kit';
 * const test: S3TestEvent = {
 *   Service: 'Amazon S3', Event: 's3:TestEvent', Time: '2014-10-13T15:57:02.089Z',
 *   Bucket: 'photos', RequestId: '5582815E1AEA5ADF', HostId: '8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE',
 * };
 * ```
 * @category Events
 */
export interface S3TestEvent {
  Service: 'Amazon S3';
  Event: 's3:TestEvent';
  Time: string;
  /** The bucket name. */
  Bucket: string;
  RequestId: string;
  HostId: string;
}
