/** Field presence per eventName (research §1.5) and validation of every field the normalizer reads. */
import { describe, expect, it } from 'vitest';
import { eventTypeOf, isS3EventName, normalize, parse, S3_EVENT_NAMES, type S3EventName } from 's3-event-kit';
import { s3Message, s3Record } from './helpers.js';

const OBJECT = { key: 'k', size: 10, eTag: 'e', versionId: 'v1', sequencer: '0A' };
const REPLICATION = {
  replicationEventData: {
    replicationRuleId: 'rule',
    destinationBucket: 'arn:aws:s3:::backup',
    s3Operation: 'OBJECT_PUT',
    requestTime: '2024-09-05T21:03:59.168Z',
  },
};

function one(record: Record<string, unknown>) {
  const events = normalize(s3Message(record));
  expect(events).toHaveLength(1);
  return events[0]!;
}

function failureOf(record: Record<string, unknown>) {
  const { events, failures } = parse(s3Message(record));
  expect(events).toEqual([]);
  return failures.map((f) => [f.code, f.path]);
}

describe('every event name', () => {
  it.each(S3_EVENT_NAMES)('%s is read, with its family as type', (name) => {
    const extra = name.startsWith('Replication:') ? REPLICATION : {};
    const event = one(s3Record({ eventName: name, object: OBJECT, extra }));
    expect(event).toMatchObject({ name, type: name.split(':')[0], key: 'k', versionId: 'v1', sequencer: '0A' });
  });

  it('isS3EventName knows every name and only record notation', () => {
    for (const name of S3_EVENT_NAMES) expect(isS3EventName(name)).toBe(true);
    for (const other of ['s3:ObjectCreated:Put', 'ObjectCreated:*', 'objectcreated:put', 'TestEvent', '', 42, null, 'toString']) {
      expect(isS3EventName(other)).toBe(false);
    }
  });

  it('eventTypeOf gives the family, or the whole name when it has no colon', () => {
    expect(eventTypeOf('ObjectCreated:CompleteMultipartUpload')).toBe('ObjectCreated');
    expect(eventTypeOf('LifecycleTransition')).toBe('LifecycleTransition');
    expect(eventTypeOf('Replication:OperationMissedThreshold' satisfies S3EventName)).toBe('Replication');
  });
});

describe('ObjectCreated', () => {
  it('requires size and eTag', () => {
    expect(failureOf(s3Record({ object: { key: 'k', eTag: 'e' } }))).toEqual([['INVALID_FIELD', 'Records[0].s3.object.size']]);
    expect(failureOf(s3Record({ object: { key: 'k', size: 1 } }))).toEqual([['INVALID_FIELD', 'Records[0].s3.object.eTag']]);
  });

  it('accepts size 0 (an empty object)', () => {
    expect(one(s3Record({ object: { key: 'k', size: 0, eTag: 'd41d8cd98f00b204e9800998ecf8427e' } })).size).toBe(0);
  });

  it.each([-1, 1.5, '10', Number.MAX_SAFE_INTEGER + 2, Number.NaN, true])('rejects size %j', (size) => {
    expect(failureOf(s3Record({ object: { key: 'k', size, eTag: 'e' } }))).toEqual([['INVALID_FIELD', 'Records[0].s3.object.size']]);
  });

  it('reads a null or empty versionId as absent (docs say null, a sample has "")', () => {
    expect(one(s3Record({ object: { ...OBJECT, versionId: null } })).versionId).toBeUndefined();
    expect(one(s3Record({ object: { ...OBJECT, versionId: '' } })).versionId).toBeUndefined();
  });

  it('reads bucket awsGeneratedTags (event version 2.5) as bucketTags', () => {
    const record = s3Record();
    const s3 = record['s3'] as { bucket: Record<string, unknown> };
    const tags = { 'aws:cloudformation:stack-name': 'uploads' };
    const tagged = { ...record, eventVersion: '2.5', s3: { ...s3, bucket: { ...s3.bucket, awsGeneratedTags: tags } } };
    expect(one(tagged).bucketTags).toEqual(tags);
    expect(one(record).bucketTags).toBeUndefined();
  });
});

describe('removals', () => {
  it.each([
    ['ObjectRemoved:Delete', 'Permanently Deleted'],
    ['ObjectRemoved:DeleteMarkerCreated', 'Delete Marker Created'],
    ['LifecycleExpiration:Delete', 'Permanently Deleted'],
    ['LifecycleExpiration:DeleteMarkerCreated', 'Delete Marker Created'],
  ])('%s has deletionType %j and needs no size or eTag', (eventName, deletionType) => {
    const event = one(s3Record({ eventName, object: { key: 'k', sequencer: '0A' } }));
    expect(event).toMatchObject({ deletionType, size: undefined, eTag: undefined });
  });
});

describe('restore', () => {
  it('ObjectRestore:Completed without glacierEventData has no expiry', () => {
    const event = one(s3Record({ eventName: 'ObjectRestore:Completed', object: OBJECT }));
    expect(event).toMatchObject({ restoreExpiryTime: undefined, sourceStorageClass: undefined });
  });

  it('ObjectRestore:Post carries no restore fields from a record', () => {
    const event = one(s3Record({ eventName: 'ObjectRestore:Post', object: OBJECT }));
    expect(event).not.toHaveProperty('restoreExpiryTime');
  });

  it('a glacierEventData that is not an object is INVALID_FIELD', () => {
    expect(failureOf(s3Record({ eventName: 'ObjectRestore:Completed', object: OBJECT, extra: { glacierEventData: 'x' } }))).toEqual([
      ['INVALID_FIELD', 'Records[0].glacierEventData'],
    ]);
    const badExpiry = { glacierEventData: { restoreEventData: { lifecycleRestorationExpiryTime: 5 } } };
    expect(failureOf(s3Record({ eventName: 'ObjectRestore:Completed', object: OBJECT, extra: badExpiry }))).toEqual([
      ['INVALID_FIELD', 'Records[0].glacierEventData.restoreEventData.lifecycleRestorationExpiryTime'],
    ]);
  });
});

describe('lifecycle transition and intelligent tiering', () => {
  it('LifecycleTransition reads lifecycleEventData.transitionEventData.destinationStorageClass', () => {
    const extra = { lifecycleEventData: { transitionEventData: { destinationStorageClass: 'INTELLIGENT_TIERING' } } };
    const event = one(s3Record({ eventName: 'LifecycleTransition', object: { key: 'k', size: 1, eTag: 'e' }, extra }));
    expect(event).toMatchObject({ name: 'LifecycleTransition', destinationStorageClass: 'INTELLIGENT_TIERING', sequencer: undefined });
  });

  it('LifecycleTransition without lifecycleEventData has no destination class', () => {
    expect(one(s3Record({ eventName: 'LifecycleTransition', object: OBJECT }))).toHaveProperty('destinationStorageClass', undefined);
  });

  it('IntelligentTiering reads intelligentTieringEventData.destinationAccessTier', () => {
    const extra = { intelligentTieringEventData: { destinationAccessTier: 'ARCHIVE_ACCESS' } };
    expect(one(s3Record({ eventName: 'IntelligentTiering', object: OBJECT, extra }))).toMatchObject({ accessTier: 'ARCHIVE_ACCESS' });
    expect(one(s3Record({ eventName: 'IntelligentTiering', object: OBJECT }))).toHaveProperty('accessTier', undefined);
  });
});

describe('replication', () => {
  it('reads threshold and replicationTime when sent', () => {
    const extra = { replicationEventData: { ...REPLICATION.replicationEventData, threshold: '15', replicationTime: '2024-09-05T21:20:00Z' } };
    const event = one(s3Record({ eventName: 'Replication:OperationMissedThreshold', object: OBJECT, extra }));
    expect(event).toMatchObject({
      replication: {
        ruleId: 'rule',
        destinationBucket: 'arn:aws:s3:::backup',
        operation: 'OBJECT_PUT',
        requestTime: '2024-09-05T21:03:59.168Z',
        failureReason: undefined,
        threshold: '15',
        replicationTime: '2024-09-05T21:20:00Z',
      },
    });
  });

  it('requires replicationEventData and its four fields', () => {
    expect(failureOf(s3Record({ eventName: 'Replication:OperationNotTracked', object: OBJECT }))).toEqual([
      ['INVALID_FIELD', 'Records[0].replicationEventData'],
    ]);
    const { s3Operation: _, ...noOperation } = REPLICATION.replicationEventData;
    expect(failureOf(s3Record({ eventName: 'Replication:OperationNotTracked', object: OBJECT, extra: { replicationEventData: noOperation } }))).toEqual([
      ['INVALID_FIELD', 'Records[0].replicationEventData.s3Operation'],
    ]);
  });
});

describe('tagging and ACL', () => {
  it.each(['ObjectTagging:Put', 'ObjectTagging:Delete', 'ObjectAcl:Put'])('%s: eTag, no size, no sequencer', (eventName) => {
    const event = one(s3Record({ eventName, object: { key: 'k', eTag: 'e', versionId: 'v' } }));
    expect(event).toMatchObject({ eTag: 'e', size: undefined, sequencer: undefined, versionId: 'v' });
  });
});

describe('record-level fields', () => {
  it('reads requester, source IP and request id', () => {
    expect(one(s3Record())).toMatchObject({
      requester: 'AWS:AIDAINPONIXQXHT3IKHL2',
      sourceIp: '203.0.113.7',
      requestId: 'C3D13FE58DE4C810',
      time: '2024-03-14T19:02:45.087Z',
      region: 'eu-west-1',
    });
  });

  it('tolerates records without userIdentity, requestParameters or responseElements', () => {
    const { userIdentity: _u, requestParameters: _r, responseElements: _e, ...bare } = s3Record();
    expect(one(bare)).toMatchObject({ requester: undefined, sourceIp: undefined, requestId: undefined });
  });

  it.each([
    ['eventTime', { eventTime: 17 }, 'Records[0].eventTime'],
    ['awsRegion', { awsRegion: undefined }, 'Records[0].awsRegion'],
    ['eventName', { eventName: 3 }, 'Records[0].eventName'],
    ['s3', { s3: 'x' }, 'Records[0].s3'],
    ['userIdentity', { userIdentity: 'x' }, 'Records[0].userIdentity'],
    ['principalId', { userIdentity: { principalId: 1 } }, 'Records[0].userIdentity.principalId'],
    ['sourceIPAddress', { requestParameters: { sourceIPAddress: [] } }, 'Records[0].requestParameters.sourceIPAddress'],
    ['x-amz-request-id', { responseElements: { 'x-amz-request-id': {} } }, 'Records[0].responseElements["x-amz-request-id"]'],
  ])('a bad %s is INVALID_FIELD at its path', (_, extra, path) => {
    expect(failureOf(s3Record({ extra }))).toEqual([['INVALID_FIELD', path]]);
  });

  it.each([
    ['bucket', { key: 'k' }, { bucket: undefined }, 'Records[0].s3.bucket'],
    ['bucket.name', { key: 'k' }, { bucket: { arn: 'arn:aws:s3:::b' } }, 'Records[0].s3.bucket.name'],
    ['key', { size: 1, eTag: 'e' }, {}, 'Records[0].s3.object.key'],
    ['eTag', { key: 'k', size: 1, eTag: 7 }, {}, 'Records[0].s3.object.eTag'],
    ['sequencer', { ...OBJECT, sequencer: 'Happy Sequencer' }, {}, 'Records[0].s3.object.sequencer'],
    ['versionId', { ...OBJECT, versionId: 3 }, {}, 'Records[0].s3.object.versionId'],
    ['awsGeneratedTags', OBJECT, { bucket: { name: 'b', awsGeneratedTags: [] } }, 'Records[0].s3.bucket.awsGeneratedTags'],
  ])('a bad s3 %s is INVALID_FIELD at its path', (_, object, s3, path) => {
    const record = s3Record({ object });
    const withS3 = { ...record, s3: { ...(record['s3'] as object), ...s3 } };
    expect(failureOf(withS3)).toEqual([['INVALID_FIELD', path]]);
  });

  it('accepts lowercase hex sequencers and reads an empty one as absent', () => {
    expect(one(s3Record({ object: { ...OBJECT, sequencer: '617f08299329d189' } })).sequencer).toBe('617f08299329d189');
    expect(one(s3Record({ object: { ...OBJECT, sequencer: '' } })).sequencer).toBeUndefined();
  });

  it('drops the s3: prefix of a hand-written eventName (MinIO style), leaving the record untouched', () => {
    const record = s3Record({ eventName: 's3:ObjectRemoved:Delete', object: { key: 'k' } });
    const event = one(record);
    expect(event.name).toBe('ObjectRemoved:Delete');
    expect(event.record).toBe(record);
  });
});
