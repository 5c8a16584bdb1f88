/** Maps S3 events delivered by EventBridge onto the same `S3ObjectEvent`s as notification records. @internal @module */
import type { S3EventBridgeDetailType, S3EventName } from '../events/names.js';
import { eventTypeOf } from '../events/names.js';
import type { S3EventBridgeEvent } from '../events/eventbridge.js';
import type { S3ObjectEvent } from '../events/normalized.js';
import { viaOf, type Delivery } from './delivery.js';
import { decodeKeyAt } from './key-at.js';
import { deletionTypeOf } from './deletion-type.js';
import {
  object,
  optionalSequencer,
  optionalSize,
  optionalString,
  optionalTags,
  show,
  string,
  timestamp,
  type JsonObject,
  type Scope,
} from './read.js';

/** Whether a value is an EventBridge event (any source; the source is checked when it is read). */
export function isEventBridgeEvent(value: JsonObject): boolean {
  return typeof value['detail-type'] === 'string' && typeof value['source'] === 'string' && 'detail' in value;
}

/**
 * The record-side name for each `detail-type`. `Object Created` and `Object Deleted` depend on
 * `reason` / `deletion-type` and are resolved in {@link nameOf}.
 */
export const SIMPLE_NAMES: { readonly [Type in S3EventBridgeDetailType]?: S3EventName } = {
  'Object Restore Initiated': 'ObjectRestore:Post',
  'Object Restore Completed': 'ObjectRestore:Completed',
  'Object Restore Expired': 'ObjectRestore:Delete',
  'Object Tags Added': 'ObjectTagging:Put',
  'Object Tags Deleted': 'ObjectTagging:Delete',
  'Object ACL Updated': 'ObjectAcl:Put',
  'Object Storage Class Changed': 'LifecycleTransition',
  'Object Access Tier Changed': 'IntelligentTiering',
};

export const CREATED_BY_REASON: Readonly<Record<string, S3EventName>> = {
  PutObject: 'ObjectCreated:Put',
  'POST Object': 'ObjectCreated:Post',
  CopyObject: 'ObjectCreated:Copy',
  CompleteMultipartUpload: 'ObjectCreated:CompleteMultipartUpload',
};

export const DELETED_BY_REASON: Readonly<Record<string, 'ObjectRemoved' | 'LifecycleExpiration'>> = {
  DeleteObject: 'ObjectRemoved',
  'Lifecycle Expiration': 'LifecycleExpiration',
};

export const DELETED_BY_TYPE: Readonly<Record<string, 'Delete' | 'DeleteMarkerCreated'>> = {
  'Permanently Deleted': 'Delete',
  'Delete Marker Created': 'DeleteMarkerCreated',
};

function nameOf(detailType: string, detail: JsonObject, scope: Scope): S3EventName {
  const simple = Object.hasOwn(SIMPLE_NAMES, detailType) ? SIMPLE_NAMES[detailType as S3EventBridgeDetailType] : undefined;
  if (simple !== undefined) return simple;
  if (detailType === 'Object Created') {
    const reason = string(detail['reason'], scope, 'detail.reason');
    return Object.hasOwn(CREATED_BY_REASON, reason)
      ? (CREATED_BY_REASON[reason] as S3EventName)
      : scope.fail('UNKNOWN_EVENT_NAME', `unknown "Object Created" reason ${JSON.stringify(reason)}`, 'detail.reason', reason);
  }
  if (detailType === 'Object Deleted') {
    const reason = string(detail['reason'], scope, 'detail.reason');
    const deletion = string(detail['deletion-type'], scope, 'detail["deletion-type"]');
    const family = Object.hasOwn(DELETED_BY_REASON, reason) ? DELETED_BY_REASON[reason] : undefined;
    const kind = Object.hasOwn(DELETED_BY_TYPE, deletion) ? DELETED_BY_TYPE[deletion] : undefined;
    if (family === undefined) {
      scope.fail('UNKNOWN_EVENT_NAME', `unknown "Object Deleted" reason ${JSON.stringify(reason)}`, 'detail.reason', reason);
    }
    if (kind === undefined) {
      scope.fail('UNKNOWN_EVENT_NAME', `unknown deletion-type ${JSON.stringify(deletion)}`, 'detail["deletion-type"]', deletion);
    }
    return `${family}:${kind}`;
  }
  if (detailType === 'AWS API Call via CloudTrail') {
    return scope.fail('NOT_S3_EVENT', 'a CloudTrail API call event is not an S3 object event', 'detail-type', detailType);
  }
  return scope.fail('UNKNOWN_EVENT_NAME', `unknown S3 detail-type ${JSON.stringify(detailType)}`, 'detail-type', detailType);
}

/** Reads one EventBridge S3 event into an `S3ObjectEvent`. */
export function fromEventBridge(value: JsonObject, delivery: Delivery, scope: Scope): S3ObjectEvent {
  const source = value['source'];
  if (source !== 'aws.s3') {
    scope.fail('NOT_S3_EVENT', `EventBridge event from ${show(source)}, not "aws.s3"`, 'source', source);
  }
  const detailType = string(value['detail-type'], scope, 'detail-type');
  const detail = object(value['detail'], scope, 'detail');
  const name = nameOf(detailType, detail, scope);
  const bucket = object(detail['bucket'], scope, 'detail.bucket');
  const obj = object(detail['object'], scope, 'detail.object');
  const rawKey = string(obj['key'], scope, 'detail.object.key');
  const type = eventTypeOf(name);
  const size = optionalSize(obj['size'], scope, 'detail.object.size');
  const eTag = optionalString(obj['etag'], scope, 'detail.object.etag');
  if (type === 'ObjectCreated') {
    if (size === undefined) scope.fail('INVALID_FIELD', 'size is missing on an Object Created event', 'detail.object.size', value);
    if (eTag === undefined) scope.fail('INVALID_FIELD', 'etag is missing on an Object Created event', 'detail.object.etag', value);
  }
  const event = {
    name,
    type,
    bucket: string(bucket['name'], scope, 'detail.bucket.name'),
    key: delivery.decodeEventBridgeKeys ? decodeKeyAt(rawKey, scope, 'detail.object.key') : rawKey,
    rawKey,
    size,
    eTag,
    versionId: optionalString(obj['version-id'], scope, 'detail.object["version-id"]'),
    sequencer: optionalSequencer(obj['sequencer'], scope, 'detail.object.sequencer'),
    time: timestamp(value['time'], scope, 'time'),
    region: string(value['region'], scope, 'region'),
    requester: optionalString(detail['requester'], scope, 'detail.requester'),
    sourceIp: optionalString(detail['source-ip-address'], scope, 'detail["source-ip-address"]'),
    requestId: optionalString(detail['request-id'], scope, 'detail["request-id"]'),
    bucketTags: optionalTags(bucket['aws-generated-tags'], scope, 'detail.bucket["aws-generated-tags"]'),
    via: viaOf('eventbridge', delivery.carriers),
    messageId: delivery.messageId ?? optionalString(value['id'], scope, 'id'),
    receiptHandle: delivery.receiptHandle,
    record: value as unknown as S3EventBridgeEvent,
  };
  switch (type) {
    case 'ObjectRemoved':
    case 'LifecycleExpiration':
      return Object.assign(event, { deletionType: deletionTypeOf(name) }) as S3ObjectEvent;
    case 'ObjectRestore':
      if (name === 'ObjectRestore:Delete') return event as S3ObjectEvent;
      return Object.assign(event, {
        sourceStorageClass: optionalString(detail['source-storage-class'], scope, 'detail["source-storage-class"]'),
        ...(name === 'ObjectRestore:Completed' && {
          restoreExpiryTime: optionalString(detail['restore-expiry-time'], scope, 'detail["restore-expiry-time"]'),
        }),
      }) as S3ObjectEvent;
    case 'LifecycleTransition':
      return Object.assign(event, {
        destinationStorageClass: optionalString(detail['destination-storage-class'], scope, 'detail["destination-storage-class"]'),
      }) as S3ObjectEvent;
    case 'IntelligentTiering':
      return Object.assign(event, {
        accessTier: optionalString(detail['destination-access-tier'], scope, 'detail["destination-access-tier"]'),
      }) as S3ObjectEvent;
    default:
      return event as S3ObjectEvent;
  }
}
