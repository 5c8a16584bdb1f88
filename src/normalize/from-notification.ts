/** Maps S3 notification records (`{ Records: [{ eventSource: 'aws:s3', … }] }`) onto `S3ObjectEvent`s. @internal @module */
import type { S3EventName, S3EventType } from '../events/names.js';
import { familyOf } from '../events/names.js';
import type { S3ObjectEvent } from '../events/normalized.js';
import type { S3EventRecord } from '../events/notification.js';
import { viaOf, type Delivery } from './delivery.js';
import { decodeNotificationKeyAt } from './key-at.js';
import { deletionTypeOf } from './deletion-type.js';
import {
  isObject,
  object,
  optionalObject,
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

/** Whether a value looks like an S3 notification message (its first record comes from `aws:s3`). */
export function isS3Notification(value: JsonObject): boolean {
  const records = value['Records'];
  return Array.isArray(records) && isObject(records[0]) && records[0]['eventSource'] === 'aws:s3';
}

/**
 * Reads every record of an S3 notification message (one that {@link isS3Notification} accepted, so
 * `Records` is a non-empty array) into `out`. Throws on the first bad record.
 */
export function fromNotification(message: JsonObject, delivery: Delivery, scope: Scope, out: S3ObjectEvent[]): void {
  const records = message['Records'] as readonly unknown[];
  const list = scope.child('Records');
  for (let index = 0; index < records.length; index++) {
    out.push(fromRecord(records[index], delivery, list, index));
  }
}

function fromRecord(value: unknown, delivery: Delivery, list: Scope, index: number): S3ObjectEvent {
  if (!isObject(value)) return list.fail('INVALID_FIELD', 'expected an S3 record object', index, value);
  const scope = list.child(index);
  if (value['eventSource'] !== 'aws:s3') {
    scope.fail('NOT_S3_EVENT', `eventSource is ${show(value['eventSource'])}, not "aws:s3"`, 'eventSource', value);
  }
  const [name, type] = eventName(value, scope);
  const s3 = object(value['s3'], scope, 's3');
  const bucket = object(s3['bucket'], scope, 's3.bucket');
  const obj = object(s3['object'], scope, 's3.object');
  const rawKey = string(obj['key'], scope, 's3.object.key');
  const size = optionalSize(obj['size'], scope, 's3.object.size');
  const eTag = optionalString(obj['eTag'], scope, 's3.object.eTag');
  const identity = optionalObject(value['userIdentity'], scope, 'userIdentity');
  const request = optionalObject(value['requestParameters'], scope, 'requestParameters');
  const response = optionalObject(value['responseElements'], scope, 'responseElements');

  const event = {
    name,
    type,
    bucket: string(bucket['name'], scope, 's3.bucket.name'),
    key: delivery.decodeNotificationKeys ? decodeNotificationKeyAt(rawKey, scope, 's3.object.key') : rawKey,
    rawKey,
    size,
    eTag,
    versionId: optionalString(obj['versionId'], scope, 's3.object.versionId'),
    sequencer: optionalSequencer(obj['sequencer'], scope, 's3.object.sequencer'),
    time: timestamp(value['eventTime'], scope, 'eventTime'),
    region: string(value['awsRegion'], scope, 'awsRegion'),
    requester: identity && optionalString(identity['principalId'], scope, 'userIdentity.principalId'),
    sourceIp: request && optionalString(request['sourceIPAddress'], scope, 'requestParameters.sourceIPAddress'),
    requestId: response && optionalString(response['x-amz-request-id'], scope, 'responseElements["x-amz-request-id"]'),
    bucketTags: optionalTags(bucket['awsGeneratedTags'], scope, 's3.bucket.awsGeneratedTags'),
    via: viaOf('s3', delivery.carriers),
    messageId: delivery.messageId,
    receiptHandle: delivery.receiptHandle,
    record: value as unknown as S3EventRecord,
  };
  return withFamilyFields(event, value, scope) as S3ObjectEvent;
}

/** `eventName`, in record notation. An `s3:` prefix (MinIO, some hand-written samples) is dropped. */
function eventName(record: JsonObject, scope: Scope): [S3EventName, S3EventType] {
  const raw = string(record['eventName'], scope, 'eventName');
  const name = raw.startsWith('s3:') ? raw.slice(3) : raw;
  const type = familyOf(name);
  return type === undefined
    ? scope.fail('UNKNOWN_EVENT_NAME', `unknown S3 event name ${JSON.stringify(raw)}`, 'eventName', raw)
    : [name as S3EventName, type];
}

interface CommonFields {
  readonly name: S3EventName;
  readonly type: string;
  readonly size: number | undefined;
  readonly eTag: string | undefined;
}

/** Adds the fields one family carries, and checks the ones it must carry. */
function withFamilyFields<Event extends CommonFields>(event: Event, record: JsonObject, scope: Scope): Event {
  switch (event.type) {
    case 'ObjectCreated':
      if (event.size === undefined) scope.fail('INVALID_FIELD', 'size is missing on an ObjectCreated event', 's3.object.size', record);
      if (event.eTag === undefined) scope.fail('INVALID_FIELD', 'eTag is missing on an ObjectCreated event', 's3.object.eTag', record);
      return event;
    case 'ObjectRemoved':
    case 'LifecycleExpiration':
      return Object.assign(event, { deletionType: deletionTypeOf(event.name) });
    case 'ObjectRestore': {
      if (event.name !== 'ObjectRestore:Completed') return event;
      const glacier = optionalObject(record['glacierEventData'], scope, 'glacierEventData');
      const restore = glacier && optionalObject(glacier['restoreEventData'], scope, 'glacierEventData.restoreEventData');
      const at = 'glacierEventData.restoreEventData.';
      return Object.assign(event, {
        restoreExpiryTime: restore && optionalString(restore['lifecycleRestorationExpiryTime'], scope, `${at}lifecycleRestorationExpiryTime`),
        sourceStorageClass: restore && optionalString(restore['lifecycleRestoreStorageClass'], scope, `${at}lifecycleRestoreStorageClass`),
      });
    }
    case 'LifecycleTransition': {
      const lifecycle = optionalObject(record['lifecycleEventData'], scope, 'lifecycleEventData');
      const transition = lifecycle && optionalObject(lifecycle['transitionEventData'], scope, 'lifecycleEventData.transitionEventData');
      return Object.assign(event, {
        destinationStorageClass:
          transition && optionalString(transition['destinationStorageClass'], scope, 'lifecycleEventData.transitionEventData.destinationStorageClass'),
      });
    }
    case 'IntelligentTiering': {
      const tiering = optionalObject(record['intelligentTieringEventData'], scope, 'intelligentTieringEventData');
      return Object.assign(event, {
        accessTier: tiering && optionalString(tiering['destinationAccessTier'], scope, 'intelligentTieringEventData.destinationAccessTier'),
      });
    }
    case 'Replication': {
      const data = object(record['replicationEventData'], scope, 'replicationEventData');
      const at = 'replicationEventData.';
      return Object.assign(event, {
        replication: {
          ruleId: string(data['replicationRuleId'], scope, `${at}replicationRuleId`),
          destinationBucket: string(data['destinationBucket'], scope, `${at}destinationBucket`),
          operation: string(data['s3Operation'], scope, `${at}s3Operation`),
          requestTime: string(data['requestTime'], scope, `${at}requestTime`),
          failureReason: optionalString(data['failureReason'], scope, `${at}failureReason`),
          threshold: optionalString(data['threshold'], scope, `${at}threshold`),
          replicationTime: optionalString(data['replicationTime'], scope, `${at}replicationTime`),
        },
      });
    }
    default:
      return event;
  }
}
