/**
 * Every S3 event name × every road it can take: `normalize(wrap(s3Record(…)))` gives back the name,
 * bucket, decoded key, object fields, time, request fields, family fields and the right `via`,
 * message id and receipt handle.
 */
import { describe, expect, it } from 'vitest';
import { normalize, S3_EVENT_NAMES, type S3EventName } from 's3-event-kit';
import { isS3EventFactoryError, s3Record, type S3RecordOptions } from 's3-event-kit/testing';
import {
  EVENTBRIDGE_NO_IP,
  EVENTBRIDGE_SEQUENCER,
  NOT_ON_EVENTBRIDGE,
  pick,
  ROAD_CASES,
  SERVICE,
  wholeSeconds,
  WITH_ETAG,
  WITH_SEQUENCER,
  WITH_SIZE,
  type RoadCase,
} from './expectations.js';

const KEY = 'dir/a b+c=d%é 😀.txt';
/** Written by hand: space → `+`, `+` → `%2B`, `=` → `%3D`, `%` → `%25`, UTF-8 escapes, `/` kept. */
const RAW_KEY = 'dir/a+b%2Bc%3Dd%25%C3%A9+%F0%9F%98%80.txt';
const TIME = '2024-03-14T19:02:45.087Z';
const VERSION = '3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY';
const REQUEST_ID = 'C3D13FE58DE4C810';

const DETAIL_TYPES: Partial<Record<S3EventName, string>> = {
  'ObjectCreated:Put': 'Object Created',
  'ObjectCreated:Post': 'Object Created',
  'ObjectCreated:Copy': 'Object Created',
  'ObjectCreated:CompleteMultipartUpload': 'Object Created',
  'ObjectRemoved:Delete': 'Object Deleted',
  'ObjectRemoved:DeleteMarkerCreated': 'Object Deleted',
  'LifecycleExpiration:Delete': 'Object Deleted',
  'LifecycleExpiration:DeleteMarkerCreated': 'Object Deleted',
  'ObjectRestore:Post': 'Object Restore Initiated',
  'ObjectRestore:Completed': 'Object Restore Completed',
  'ObjectRestore:Delete': 'Object Restore Expired',
  'ObjectTagging:Put': 'Object Tags Added',
  'ObjectTagging:Delete': 'Object Tags Deleted',
  'ObjectAcl:Put': 'Object ACL Updated',
  LifecycleTransition: 'Object Storage Class Changed',
  IntelligentTiering: 'Object Access Tier Changed',
};

function optionsFor(name: S3EventName): S3RecordOptions {
  return {
    name,
    bucket: 'my-bucket',
    key: KEY,
    versionId: VERSION,
    time: TIME,
    region: 'eu-west-1',
    requestId: REQUEST_ID,
    ...(name === 'ObjectRestore:Completed' && { restoreExpiryTime: '2024-03-20T00:00:00.000Z', sourceStorageClass: 'DEEP_ARCHIVE' }),
    ...(name === 'LifecycleTransition' && { destinationStorageClass: 'GLACIER_IR' }),
    ...(name === 'IntelligentTiering' && { accessTier: 'DEEP_ARCHIVE_ACCESS' as const }),
    ...(name.startsWith('Replication:') && {
      replication: { ruleId: 'rule-1', destinationBucket: 'arn:aws:s3:::dest-bucket', requestTime: '2024-03-14T19:02:15.000Z' },
    }),
  };
}

function expected(name: S3EventName, road: RoadCase, sequencer: string | undefined, eTag: string | undefined) {
  const eventBridge = road.origin === 'eventbridge';
  const removal = name.startsWith('ObjectRemoved:') || name.startsWith('LifecycleExpiration:');
  const completed = name === 'ObjectRestore:Completed';
  const requester = eventBridge
    ? SERVICE.has(name) || completed
      ? 's3.amazonaws.com'
      : '123456789012'
    : SERVICE.has(name)
      ? 's3.amazonaws.com'
      : completed
        ? 'AmazonCustomer:A3I5XTEXAMAI3E'
        : 'AWS:AIDACKCEVSQ6C2EXAMPLE';
  const sourceIp = eventBridge
    ? EVENTBRIDGE_NO_IP.has(name)
      ? undefined
      : '198.51.100.24'
    : SERVICE.has(name)
      ? 's3.amazonaws.com'
      : '198.51.100.24';
  return {
    name,
    type: name.split(':')[0],
    bucket: 'my-bucket',
    key: KEY,
    rawKey: RAW_KEY,
    size: WITH_SIZE.has(name) ? 1024 : undefined,
    eTag: WITH_ETAG.has(name) ? eTag : undefined,
    versionId: VERSION,
    sequencer: (eventBridge ? EVENTBRIDGE_SEQUENCER : WITH_SEQUENCER).has(name) ? sequencer : undefined,
    time: eventBridge ? wholeSeconds(TIME) : TIME,
    region: 'eu-west-1',
    requester,
    sourceIp,
    requestId: REQUEST_ID,
    via: road.via,
    messageId: road.messageId,
    receiptHandle: road.receiptHandle,
    deletionType: removal ? (name.endsWith(':DeleteMarkerCreated') ? 'Delete Marker Created' : 'Permanently Deleted') : undefined,
    restoreExpiryTime: completed ? (eventBridge ? '2024-03-20T00:00:00Z' : '2024-03-20T00:00:00.000Z') : undefined,
    sourceStorageClass: completed ? 'DEEP_ARCHIVE' : name === 'ObjectRestore:Post' && eventBridge ? 'GLACIER' : undefined,
    destinationStorageClass: name === 'LifecycleTransition' ? 'GLACIER_IR' : undefined,
    accessTier: name === 'IntelligentTiering' ? 'DEEP_ARCHIVE_ACCESS' : undefined,
    replication: name.startsWith('Replication:')
      ? {
          ruleId: 'rule-1',
          destinationBucket: 'arn:aws:s3:::dest-bucket',
          operation: 'OBJECT_PUT',
          requestTime: '2024-03-14T19:02:15.000Z',
          failureReason: name === 'Replication:OperationFailedReplication' ? 'AssumeRoleNotPermitted' : undefined,
          threshold: undefined,
          replicationTime: undefined,
        }
      : undefined,
  };
}

describe.each(S3_EVENT_NAMES)('%s', (name) => {
  const record = s3Record(optionsFor(name));
  const object = record.s3.object;

  it('the record carries the optional fields S3 sends for this name', () => {
    expect(object.key).toBe(RAW_KEY);
    expect(object.size).toBe(WITH_SIZE.has(name) ? 1024 : undefined);
    expect(object.eTag === undefined).toBe(!WITH_ETAG.has(name));
    if (object.eTag !== undefined) expect(object.eTag).toMatch(/^[0-9a-f]{32}(-\d+)?$/);
    expect(object.sequencer === undefined).toBe(!WITH_SEQUENCER.has(name));
    if (object.sequencer !== undefined) expect(object.sequencer).toMatch(/^00[0-9A-F]{16}$/);
  });

  it.each(ROAD_CASES.map((road) => [road.label, road] as const))('%s', (_label, road) => {
    if (road.origin === 'eventbridge' && NOT_ON_EVENTBRIDGE.has(name)) {
      let thrown: unknown;
      try {
        road.wrap(record);
      } catch (error) {
        thrown = error;
      }
      expect(isS3EventFactoryError(thrown) && thrown.code).toBe('UNSUPPORTED_ROAD');
      expect(String(thrown)).toContain(`does not send ${name} events to EventBridge`);
      return;
    }
    const events = normalize(road.wrap(record));
    expect(events).toHaveLength(1);
    const [event] = events as [NonNullable<(typeof events)[0]>];
    expect(pick(event)).toEqual(expected(name, road, object.sequencer, object.eTag));
    if (road.origin === 's3') {
      expect(event.record).toEqual(record);
    } else {
      expect(event.record).toMatchObject({ source: 'aws.s3', 'detail-type': DETAIL_TYPES[name] });
    }
  });
});
