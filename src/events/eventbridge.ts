/**
 * S3 events as EventBridge delivers them (`source: "aws.s3"`), one type per `detail-type`.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html
 * @module
 */
import type { S3EventBridgeDetailType } from './names.js';

/**
 * `detail.object` of an S3 EventBridge event. Keys are kebab-case; `etag` is lowercase.
 *
 * @example
 * ```ts
 * import type { S3EventBridgeObject } from 's3-event-kit';
 * const object: S3EventBridgeObject = {
 *   key: 'example-key', size: 5, etag: 'b1946ac92492d2347c6235b4d2611184',
 *   'version-id': 'IYV3p45BT0ac8hjHg1houSdS1a.Mro8e', sequencer: '617f08299329d189',
 * };
 * ```
 * @category Events
 */
export interface S3EventBridgeObject {
  key: string;
  size?: number | undefined;
  etag?: string | undefined;
  'version-id'?: string | undefined;
  sequencer?: string | undefined;
}

/**
 * The fields every S3 EventBridge `detail` shares.
 *
 * @example
 * ```ts
 * import type { S3EventBridgeDetailBase } from 's3-event-kit';
 * declare const detail: S3EventBridgeDetailBase;
 * const byService = detail.requester === 's3.amazonaws.com'; // lifecycle, restore, tiering
 * ```
 * @category Events
 */
export interface S3EventBridgeDetailBase<Object extends S3EventBridgeObject = S3EventBridgeObject> {
  version: string;
  /** `"1.0"`, `"1.1"` (adds `aws-generated-tags`); absent in older deliveries. */
  'event-version'?: string | undefined;
  bucket: { name: string; 'aws-generated-tags'?: Record<string, string> | undefined };
  object: Object;
  'request-id': string;
  /** The requester's account ID, or `s3.amazonaws.com` for service-initiated events. */
  requester: string;
  /** Present on request-driven events only. */
  'source-ip-address'?: string | undefined;
}

type WithSizeAndEtag = S3EventBridgeObject & { size: number; etag: string };

/**
 * `Object Created`. `reason` tells which API created it (note the space in `"POST Object"`).
 *
 * @example
 * ```ts
 * import type { S3ObjectCreatedDetail } from 's3-event-kit';
 * declare const detail: S3ObjectCreatedDetail;
 * const copied = detail.reason === 'CopyObject';
 * ```
 * @category Events
 */
export interface S3ObjectCreatedDetail extends S3EventBridgeDetailBase<WithSizeAndEtag> {
  reason: 'PutObject' | 'POST Object' | 'CopyObject' | 'CompleteMultipartUpload';
}
/**
 * `Object Deleted`, by a request or by a lifecycle expiration.
 *
 * @example
 * ```ts
 * import type { S3ObjectDeletedDetail } from 's3-event-kit';
 * declare const detail: S3ObjectDeletedDetail;
 * const markerOnly = detail['deletion-type'] === 'Delete Marker Created';
 * ```
 * @category Events
 */
export interface S3ObjectDeletedDetail extends S3EventBridgeDetailBase {
  reason: 'DeleteObject' | 'Lifecycle Expiration';
  'deletion-type': 'Permanently Deleted' | 'Delete Marker Created';
}
/**
 * `Object Restore Initiated`.
 *
 * @example
 * ```ts
 * import type { S3ObjectRestoreInitiatedDetail } from 's3-event-kit';
 * declare const detail: S3ObjectRestoreInitiatedDetail;
 * const from = detail['source-storage-class']; // e.g. 'GLACIER'
 * ```
 * @category Events
 */
export interface S3ObjectRestoreInitiatedDetail extends S3EventBridgeDetailBase {
  'source-storage-class'?: string | undefined;
}
/**
 * `Object Restore Completed`.
 *
 * @example
 * ```ts
 * import type { S3ObjectRestoreCompletedDetail } from 's3-event-kit';
 * declare const detail: S3ObjectRestoreCompletedDetail;
 * const readableUntil = detail['restore-expiry-time']; // e.g. '2021-11-13T00:00:00Z'
 * ```
 * @category Events
 */
export interface S3ObjectRestoreCompletedDetail extends S3EventBridgeDetailBase {
  'restore-expiry-time'?: string | undefined;
  'source-storage-class'?: string | undefined;
}
/**
 * `Object Storage Class Changed` (a lifecycle transition).
 *
 * @example
 * ```ts
 * import type { S3ObjectStorageClassChangedDetail } from 's3-event-kit';
 * declare const detail: S3ObjectStorageClassChangedDetail;
 * const to = detail['destination-storage-class']; // e.g. 'GLACIER_IR'
 * ```
 * @category Events
 */
export interface S3ObjectStorageClassChangedDetail extends S3EventBridgeDetailBase {
  'destination-storage-class'?: string | undefined;
}
/**
 * `Object Access Tier Changed` (S3 Intelligent-Tiering).
 *
 * @example
 * ```ts
 * import type { S3ObjectAccessTierChangedDetail } from 's3-event-kit';
 * declare const detail: S3ObjectAccessTierChangedDetail;
 * const tier = detail['destination-access-tier']; // 'ARCHIVE_ACCESS' | 'DEEP_ARCHIVE_ACCESS'
 * ```
 * @category Events
 */
export interface S3ObjectAccessTierChangedDetail extends S3EventBridgeDetailBase {
  'destination-access-tier'?: string | undefined;
}

/**
 * The `detail` type for each S3 `detail-type`.
 *
 * @example
 * ```ts
 * import type { S3EventBridgeDetails } from 's3-event-kit';
 * type DeletedDetail = S3EventBridgeDetails['Object Deleted']; // has reason and deletion-type
 * ```
 * @category Events
 */
export interface S3EventBridgeDetails {
  'Object Created': S3ObjectCreatedDetail;
  'Object Deleted': S3ObjectDeletedDetail;
  'Object Restore Initiated': S3ObjectRestoreInitiatedDetail;
  'Object Restore Completed': S3ObjectRestoreCompletedDetail;
  'Object Restore Expired': S3EventBridgeDetailBase;
  'Object Tags Added': S3EventBridgeDetailBase;
  'Object Tags Deleted': S3EventBridgeDetailBase;
  'Object ACL Updated': S3EventBridgeDetailBase;
  'Object Storage Class Changed': S3ObjectStorageClassChangedDetail;
  'Object Access Tier Changed': S3ObjectAccessTierChangedDetail;
}

/**
 * The EventBridge envelope around an S3 event of one `detail-type`.
 *
 * @example
 * ```ts
 * import type { S3EventBridgeEventOf } from 's3-event-kit';
 * type Created = S3EventBridgeEventOf<'Object Created'>;
 * declare const event: Created;
 * event.detail.reason; // 'PutObject' | 'POST Object' | 'CopyObject' | 'CompleteMultipartUpload'
 * ```
 * @category Events
 */
export interface S3EventBridgeEventOf<DetailType extends S3EventBridgeDetailType> {
  /** `"0"` for all events (not the detail's schema version). */
  version: string;
  id: string;
  'detail-type': DetailType;
  source: 'aws.s3';
  /** The bucket owner's 12-digit account ID. */
  account: string;
  /** ISO-8601 with whole seconds. */
  time: string;
  region: string;
  /** One element: the bucket ARN. */
  resources: string[];
  detail: S3EventBridgeDetails[DetailType];
  /**
   * The name of the archive replay that sent this event again (`StartReplay`); absent on an event
   * sent once. EventBridge adds it to every replayed event; `subscribe()` shows it as
   * `ctx.redrivenFrom.replayName`.
   */
  'replay-name'?: string;
}

/**
 * Any S3 event delivered by EventBridge, discriminated on `detail-type`.
 *
 * @example
 * ```ts
 * import type { S3EventBridgeEvent } from 's3-event-kit';
 * declare const event: S3EventBridgeEvent;
 * if (event['detail-type'] === 'Object Deleted') event.detail['deletion-type'];
 * ```
 * @category Events
 */
export type S3EventBridgeEvent = {
  [DetailType in S3EventBridgeDetailType]: S3EventBridgeEventOf<DetailType>;
}[S3EventBridgeDetailType];
