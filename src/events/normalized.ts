/**
 * `S3ObjectEvent`: one typed, decoded, validated model of "something happened to an object in S3",
 * whatever road the news took.
 * @module
 */
import type { S3EventBridgeEvent } from './eventbridge.js';
import type { NamesOf, S3EventName, S3EventTypeOf } from './names.js';
import type { S3EventRecord, S3TestEvent } from './notification.js';

/**
 * One step of a road: where an event started (`'s3'` notification, `'eventbridge'`, or a `'list'`
 * backfill) or a service that carried it (`'sqs'`, `'sns'`).
 *
 * @example
 * ```ts
 * import type { ViaStep } from 's3-event-kit';
 * const carrier: ViaStep = 'sns';
 * ```
 * @category Events
 */
export type ViaStep = 's3' | 'eventbridge' | 'list' | 'sqs' | 'sns';

/**
 * The road an event took, origin first: `['s3', 'sns', 'sqs']` is an S3 notification published to
 * SNS and delivered to SQS. `['list']` marks an event synthesised from a `ListObjectsV2` backfill.
 * Each road is a precise tuple (so `via[0]` is `'s3' | 'eventbridge' | 'list'`), and also an
 * array of {@link ViaStep}, so `via.includes('sns')` and `via.join('/')` work.
 *
 * @example
 * ```ts
 * import { normalize, type Via } from 's3-event-kit';
 * const road: Via = ['eventbridge', 'sqs'];
 * declare const input: unknown;
 * const fannedOut = normalize(input).filter((event) => event.via.includes('sns'));
 * ```
 * @category Events
 */
export type Via = (
  | readonly ['s3']
  | readonly ['s3', 'sqs']
  | readonly ['s3', 'sns']
  | readonly ['s3', 'sns', 'sqs']
  | readonly ['eventbridge']
  | readonly ['eventbridge', 'sqs']
  | readonly ['eventbridge', 'sns']
  | readonly ['eventbridge', 'sns', 'sqs']
  | readonly ['list']
) &
  readonly ViaStep[];

/**
 * Where an event came from and the message that carried it.
 *
 * @example
 * ```ts
 * import { normalize, type S3EventDelivery } from 's3-event-kit';
 * declare const sqsEvent: unknown;
 * const deliveries: S3EventDelivery[] = normalize(sqsEvent); // every event is also a delivery
 * const viaSns = deliveries.filter((d) => d.via[1] === 'sns').map((d) => d.messageId); // SNS is always second
 * ```
 * @category Events
 */
export interface S3EventDelivery {
  /** The road, origin first. */
  readonly via: Via;
  /**
   * The id of the outermost message that carried the event: the SQS `messageId` when SQS was on
   * the road, else the SNS `MessageId`, else the EventBridge `id`. Absent on a direct S3 invocation.
   */
  readonly messageId?: string | undefined;
  /** The SQS receipt handle, when SQS was on the road. */
  readonly receiptHandle?: string | undefined;
}

/**
 * Fields every {@link S3ObjectEvent} has.
 *
 * @example
 * ```ts
 * import type { S3ObjectEventBase } from 's3-event-kit';
 * const url = (event: S3ObjectEventBase<'ObjectAcl:Put'>) => `s3://${event.bucket}/${event.key}`;
 * ```
 * @category Events
 */
export interface S3ObjectEventBase<Name extends S3EventName> extends S3EventDelivery {
  /** The event name in record notation, e.g. `'ObjectCreated:Put'`. The union's discriminant. */
  readonly name: Name;
  /** The family, e.g. `'ObjectCreated'`. */
  readonly type: S3EventTypeOf<Name>;
  /** The bucket's name (not its ARN). */
  readonly bucket: string;
  /** The object key, decoded (UTF-8, `+` read as a space). */
  readonly key: string;
  /** The key exactly as it arrived (URL-encoded in S3 notifications). */
  readonly rawKey: string;
  /** Size in bytes, where S3 sends it. */
  readonly size?: number | undefined;
  /** The entity tag without quotes, where S3 sends it. */
  readonly eTag?: string | undefined;
  /** The object version, on versioned buckets. */
  readonly versionId?: string | undefined;
  /** Orders events on the same key; compare with `compareSequencers`. */
  readonly sequencer?: string | undefined;
  /** When the event happened, ISO-8601 as sent (milliseconds in records, whole seconds on EventBridge). */
  readonly time: string;
  /** The bucket's Region. */
  readonly region: string;
  /**
   * Who made the request: the principal ID in S3 records (`AWS:AIDA…`), the account ID on
   * EventBridge, `s3.amazonaws.com` for service-initiated events.
   */
  readonly requester?: string | undefined;
  /** The caller's IP address (or `s3.amazonaws.com`), where S3 sends it. */
  readonly sourceIp?: string | undefined;
  /** The S3 request ID (`x-amz-request-id`). */
  readonly requestId?: string | undefined;
  /** The bucket's system (`aws:`) tags, where S3 sends them (event version 2.5 / EventBridge 1.1). */
  readonly bucketTags?: Readonly<Record<string, string>> | undefined;
  /** The untouched original: the S3 record, or the EventBridge event. */
  readonly record: S3EventRecord | S3EventBridgeEvent;
}

/**
 * `ObjectCreated:*`: size and eTag are always known.
 *
 * @example
 * ```ts
 * import type { ObjectCreatedEvent } from 's3-event-kit';
 * const isLarge = (event: ObjectCreatedEvent) => event.size > 100 * 1024 * 1024;
 * const isMultipart = (event: ObjectCreatedEvent<'ObjectCreated:CompleteMultipartUpload'>) => event.eTag.includes('-');
 * ```
 * @category Events
 */
export interface ObjectCreatedEvent<Name extends NamesOf<'ObjectCreated'> = NamesOf<'ObjectCreated'>>
  extends S3ObjectEventBase<Name> {
  /** Size in bytes: always sent for a created object. */
  readonly size: number;
  /** The entity tag without quotes: always sent for a created object (a `-` marks a multipart upload). */
  readonly eTag: string;
}

/**
 * How an object was removed: for good, or by a delete marker on a versioned bucket.
 *
 * @example
 * ```ts
 * import type { DeletionType } from 's3-event-kit';
 * const recoverable = (kind: DeletionType) => kind === 'Delete Marker Created';
 * ```
 * @category Events
 */
export type DeletionType = 'Permanently Deleted' | 'Delete Marker Created';

type RemovalName = NamesOf<'ObjectRemoved'> | NamesOf<'LifecycleExpiration'>;

/**
 * `ObjectRemoved:*` and `LifecycleExpiration:*`: no size; `deletionType` says whether a delete
 * marker was created.
 *
 * @example
 * ```ts
 * import type { ObjectRemovedEvent } from 's3-event-kit';
 * const describe = (event: ObjectRemovedEvent) =>
 *   `${event.key} ${event.deletionType === 'Delete Marker Created' ? 'hidden by a delete marker' : 'deleted'}`;
 * ```
 * @category Events
 */
export interface ObjectRemovedEvent<Name extends RemovalName = RemovalName> extends S3ObjectEventBase<Name> {
  /** `'Delete Marker Created'` for the `…:DeleteMarkerCreated` names, else `'Permanently Deleted'`. */
  readonly deletionType: Name extends `${string}:DeleteMarkerCreated` ? 'Delete Marker Created' : 'Permanently Deleted';
}

/**
 * `ObjectRestore:Post`: a restore from an archive storage class was initiated.
 *
 * @example
 * ```ts
 * import type { ObjectRestoreInitiatedEvent } from 's3-event-kit';
 * const log = (event: ObjectRestoreInitiatedEvent) => console.log(`restoring ${event.key} from ${event.sourceStorageClass ?? 'archive'}`);
 * ```
 * @category Events
 */
export interface ObjectRestoreInitiatedEvent extends S3ObjectEventBase<'ObjectRestore:Post'> {
  /** The archive class restored from (EventBridge only). */
  readonly sourceStorageClass?: string | undefined;
}

/**
 * `ObjectRestore:Completed`: the restored copy is readable until `restoreExpiryTime`.
 *
 * @example
 * ```ts
 * import type { ObjectRestoreCompletedEvent } from 's3-event-kit';
 * const deadline = (event: ObjectRestoreCompletedEvent) => (event.restoreExpiryTime ? new Date(event.restoreExpiryTime) : undefined);
 * ```
 * @category Events
 */
export interface ObjectRestoreCompletedEvent extends S3ObjectEventBase<'ObjectRestore:Completed'> {
  /** When the restored copy expires, as sent (`lifecycleRestorationExpiryTime` / `restore-expiry-time`). */
  readonly restoreExpiryTime?: string | undefined;
  /** The archive class restored from, such as `GLACIER`. */
  readonly sourceStorageClass?: string | undefined;
}

/**
 * `LifecycleTransition`: the object moved to another storage class.
 *
 * @example
 * ```ts
 * import type { LifecycleTransitionEvent } from 's3-event-kit';
 * const archived = (event: LifecycleTransitionEvent) => event.destinationStorageClass?.includes('GLACIER') ?? false;
 * ```
 * @category Events
 */
export interface LifecycleTransitionEvent extends S3ObjectEventBase<'LifecycleTransition'> {
  /** The storage class the object moved to, such as `GLACIER`, where S3 sends it. */
  readonly destinationStorageClass?: string | undefined;
}

/**
 * `IntelligentTiering`: the object moved to an archive access tier.
 *
 * @example
 * ```ts
 * import type { IntelligentTieringEvent } from 's3-event-kit';
 * const needsRestore = (event: IntelligentTieringEvent) => event.accessTier === 'DEEP_ARCHIVE_ACCESS';
 * ```
 * @category Events
 */
export interface IntelligentTieringEvent extends S3ObjectEventBase<'IntelligentTiering'> {
  /** `ARCHIVE_ACCESS` or `DEEP_ARCHIVE_ACCESS`. */
  readonly accessTier?: string | undefined;
}

/**
 * The replication facts of a `Replication:*` event, in camelCase.
 *
 * @example
 * ```ts
 * import type { ReplicationDetails } from 's3-event-kit';
 * const summary = (r: ReplicationDetails) => `${r.operation} to ${r.destinationBucket} failed: ${r.failureReason ?? 'unknown'}`;
 * ```
 * @category Events
 */
export interface ReplicationDetails {
  /** The replication rule's ID. */
  readonly ruleId: string;
  /** The destination bucket's ARN. */
  readonly destinationBucket: string;
  /** For example `OBJECT_PUT`. */
  readonly operation: string;
  /** When the replicated request was made, as sent. */
  readonly requestTime: string;
  /** Why replication failed, such as `AssumeRoleNotPermitted` (`Replication:OperationFailedReplication`). */
  readonly failureReason?: string | undefined;
  /** The Replication Time Control threshold, where S3 sends it. */
  readonly threshold?: string | undefined;
  /** When the object replicated, where S3 sends it. */
  readonly replicationTime?: string | undefined;
}

/**
 * `Replication:*`: replication failed, missed its threshold, or is not tracked.
 *
 * @example
 * ```ts
 * import type { ReplicationEvent } from 's3-event-kit';
 * const alert = (event: ReplicationEvent<'Replication:OperationFailedReplication'>) =>
 *   console.error(`${event.key}: ${event.replication.failureReason}`);
 * ```
 * @category Events
 */
export interface ReplicationEvent<Name extends NamesOf<'Replication'> = NamesOf<'Replication'>>
  extends S3ObjectEventBase<Name> {
  /** What S3 says about the replication (its `replicationEventData`). */
  readonly replication: ReplicationDetails;
}

/**
 * Events with no fields beyond the common ones (tagging, ACL, restore expiry, …).
 *
 * @example
 * ```ts
 * import type { OtherObjectEvent } from 's3-event-kit';
 * const retag = (event: OtherObjectEvent<'ObjectTagging:Put' | 'ObjectTagging:Delete'>) => event.key;
 * ```
 * @category Events
 */
export interface OtherObjectEvent<Name extends S3EventName = S3EventName> extends S3ObjectEventBase<Name> {}

/**
 * The event type for one name.
 *
 * @example
 * ```ts
 * import type { S3ObjectEventOf } from 's3-event-kit';
 * type Put = S3ObjectEventOf<'ObjectCreated:Put'>; // has size: number
 * ```
 * @category Events
 */
export type S3ObjectEventOf<Name extends S3EventName> = Name extends NamesOf<'ObjectCreated'>
  ? ObjectCreatedEvent<Name>
  : Name extends RemovalName
    ? ObjectRemovedEvent<Name>
    : Name extends 'ObjectRestore:Post'
      ? ObjectRestoreInitiatedEvent
      : Name extends 'ObjectRestore:Completed'
        ? ObjectRestoreCompletedEvent
        : Name extends 'LifecycleTransition'
          ? LifecycleTransitionEvent
          : Name extends 'IntelligentTiering'
            ? IntelligentTieringEvent
            : Name extends NamesOf<'Replication'>
              ? ReplicationEvent<Name>
              : OtherObjectEvent<Name>;

// One member per name of S3_EVENT_NAMES, written out so the reference lists them; each member is
// exactly S3ObjectEventOf<Name> (test/types/events-shape.test-d.ts proves the union equal to the
// mapped form, so a name added to S3_EVENT_NAMES and forgotten here fails the type tests).
/**
 * Something that happened to an object in S3: a discriminated union on `name`, the same whatever
 * road the event took (see `via`). There is one member per {@link S3EventName}; every member has the
 * fields of {@link S3ObjectEventBase}, and some families add or narrow fields (`size` is always
 * known on `ObjectCreated:*`, `deletionType` exists on removals, `replication` on `Replication:*`).
 * Narrow with `switch (event.name)` or `event.type` (the family).
 *
 * @example
 * ```ts
 * import { normalize, type S3ObjectEvent } from 's3-event-kit';
 *
 * function describe(event: S3ObjectEvent): string {
 *   switch (event.name) {
 *     case 'ObjectCreated:Put':
 *       return `${event.key}: ${event.size} bytes`; // size is a number here
 *     case 'ObjectRemoved:DeleteMarkerCreated':
 *       return `${event.key}: ${event.deletionType}`;
 *     default:
 *       return `${event.name} on ${event.key}`;
 *   }
 * }
 * declare const lambdaEvent: unknown;
 * normalize(lambdaEvent).map(describe);
 * ```
 * @category Events
 */
export type S3ObjectEvent =
  /** Created or overwritten by a PUT (`PutObject`). */
  | ObjectCreatedEvent<'ObjectCreated:Put'>
  /** Created by an HTML form upload (`POST`). */
  | ObjectCreatedEvent<'ObjectCreated:Post'>
  /** Created by `CopyObject`. */
  | ObjectCreatedEvent<'ObjectCreated:Copy'>
  /** Created by completing a multipart upload. */
  | ObjectCreatedEvent<'ObjectCreated:CompleteMultipartUpload'>
  /** Deleted for good (an unversioned object, or one version). */
  | ObjectRemovedEvent<'ObjectRemoved:Delete'>
  /** Hidden by a delete marker on a versioned bucket; earlier versions remain. */
  | ObjectRemovedEvent<'ObjectRemoved:DeleteMarkerCreated'>
  /** `ObjectRestore:Post`: a restore from an archive storage class was initiated. */
  | ObjectRestoreInitiatedEvent
  /** `ObjectRestore:Completed`: a restore completed; the temporary copy is readable. */
  | ObjectRestoreCompletedEvent
  /** The temporary restored copy expired. */
  | OtherObjectEvent<'ObjectRestore:Delete'>
  /** S3 lost an object stored in the Reduced Redundancy storage class. */
  | OtherObjectEvent<'ReducedRedundancyLostObject'>
  /** Replication of the object failed. */
  | ReplicationEvent<'Replication:OperationFailedReplication'>
  /** The object is no longer tracked by Replication Time Control metrics. */
  | ReplicationEvent<'Replication:OperationNotTracked'>
  /** Replication took longer than the Replication Time Control threshold. */
  | ReplicationEvent<'Replication:OperationMissedThreshold'>
  /** The object replicated after the Replication Time Control threshold. */
  | ReplicationEvent<'Replication:OperationReplicatedAfterThreshold'>
  /** A lifecycle expiration deleted the object for good. */
  | ObjectRemovedEvent<'LifecycleExpiration:Delete'>
  /** A lifecycle expiration created a delete marker on a versioned bucket. */
  | ObjectRemovedEvent<'LifecycleExpiration:DeleteMarkerCreated'>
  /** `LifecycleTransition`: a lifecycle rule moved the object to another storage class. */
  | LifecycleTransitionEvent
  /** `IntelligentTiering`: S3 Intelligent-Tiering moved the object to an archive access tier. */
  | IntelligentTieringEvent
  /** Tags were put on the object. */
  | OtherObjectEvent<'ObjectTagging:Put'>
  /** The object's tags were deleted. */
  | OtherObjectEvent<'ObjectTagging:Delete'>
  /** The object's ACL was set or changed. */
  | OtherObjectEvent<'ObjectAcl:Put'>
  /** Object Lock retention was put on the object. */
  | OtherObjectEvent<'ObjectRetention:Put'>
  /** An annotation was put on the object (payload not documented in detail by AWS). */
  | OtherObjectEvent<'ObjectAnnotation:Put'>
  /** An annotation was deleted from the object (payload not documented in detail by AWS). */
  | OtherObjectEvent<'ObjectAnnotation:Delete'>;

/**
 * An `s3:TestEvent` that arrived on some road: reported by `parse()`, never handled as an object event.
 *
 * @example
 * ```ts
 * import { parse } from 's3-event-kit';
 * declare const sqsEvent: unknown;
 * for (const test of parse(sqsEvent).testEvents) console.log(`S3 test event for ${test.bucket}`);
 * ```
 * @category Events
 */
export interface S3TestNotification extends S3EventDelivery {
  /** Always `'s3:TestEvent'`. */
  readonly name: 's3:TestEvent';
  /** The bucket whose notification configuration was saved. */
  readonly bucket: string;
  /** When S3 sent the test event, ISO-8601 as sent. */
  readonly time: string;
  /** The S3 request ID of the test event. */
  readonly requestId: string;
  /** The untouched original. */
  readonly record: S3TestEvent;
}
