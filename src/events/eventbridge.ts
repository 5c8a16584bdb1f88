/**
 * S3 events as EventBridge delivers them (`source: "aws.s3"`), one type per `detail-type`.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html
 * @module
 */
import type { S3EventBridgeDetailType } from './names.js';

/** `detail.object` of an S3 EventBridge event. Keys are kebab-case; `etag` is lowercase. @category Events */
export interface S3EventBridgeObject {
  key: string;
  size?: number | undefined;
  etag?: string | undefined;
  'version-id'?: string | undefined;
  sequencer?: string | undefined;
}

/** The fields every S3 EventBridge `detail` shares. @category Events */
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

/** `Object Created`. `reason` tells which API created it (note the space in `"POST Object"`). @category Events */
export interface S3ObjectCreatedDetail extends S3EventBridgeDetailBase<WithSizeAndEtag> {
  reason: 'PutObject' | 'POST Object' | 'CopyObject' | 'CompleteMultipartUpload';
}
/** `Object Deleted`, by a request or by a lifecycle expiration. @category Events */
export interface S3ObjectDeletedDetail extends S3EventBridgeDetailBase {
  reason: 'DeleteObject' | 'Lifecycle Expiration';
  'deletion-type': 'Permanently Deleted' | 'Delete Marker Created';
}
/** `Object Restore Initiated`. @category Events */
export interface S3ObjectRestoreInitiatedDetail extends S3EventBridgeDetailBase {
  'source-storage-class'?: string | undefined;
}
/** `Object Restore Completed`. @category Events */
export interface S3ObjectRestoreCompletedDetail extends S3EventBridgeDetailBase {
  'restore-expiry-time'?: string | undefined;
  'source-storage-class'?: string | undefined;
}
/** `Object Storage Class Changed` (a lifecycle transition). @category Events */
export interface S3ObjectStorageClassChangedDetail extends S3EventBridgeDetailBase {
  'destination-storage-class'?: string | undefined;
}
/** `Object Access Tier Changed` (S3 Intelligent-Tiering). @category Events */
export interface S3ObjectAccessTierChangedDetail extends S3EventBridgeDetailBase {
  'destination-access-tier'?: string | undefined;
}

/** The `detail` type for each S3 `detail-type`. @category Events */
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
