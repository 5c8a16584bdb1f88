/** EventBridge S3 events map onto the record-side names (research §2.2 and §6.4). */
import { describe, expect, it } from 'vitest';
import { normalize, parse, S3_EVENTBRIDGE_DETAIL_TYPES } from 's3-event-kit';
import { eventBridge, s3Message, s3Record } from './helpers.js';

/** An EventBridge event whose detail has only what that detail-type carries (no reason unless given). */
function bare(detailType: string, detail: Record<string, unknown> = {}): Record<string, unknown> {
  const event = eventBridge(detailType, detail) as { detail: Record<string, unknown> };
  if (!('reason' in detail)) delete event.detail['reason'];
  return event;
}

describe('detail-type → name', () => {
  it.each([
    ['PutObject', 'ObjectCreated:Put'],
    ['POST Object', 'ObjectCreated:Post'],
    ['CopyObject', 'ObjectCreated:Copy'],
    ['CompleteMultipartUpload', 'ObjectCreated:CompleteMultipartUpload'],
  ])('Object Created, reason %j → %s', (reason, name) => {
    const [event] = normalize(eventBridge('Object Created', { reason }));
    expect(event).toMatchObject({ name, type: 'ObjectCreated', size: 5, eTag: 'b1946ac92492d2347c6235b4d2611184' });
  });

  it.each([
    ['DeleteObject', 'Permanently Deleted', 'ObjectRemoved:Delete'],
    ['DeleteObject', 'Delete Marker Created', 'ObjectRemoved:DeleteMarkerCreated'],
    ['Lifecycle Expiration', 'Permanently Deleted', 'LifecycleExpiration:Delete'],
    ['Lifecycle Expiration', 'Delete Marker Created', 'LifecycleExpiration:DeleteMarkerCreated'],
  ])('Object Deleted, reason %j, deletion-type %j → %s', (reason, deletionType, name) => {
    const [event] = normalize(
      eventBridge('Object Deleted', { reason, 'deletion-type': deletionType, object: { key: 'k', sequencer: '0A' } }),
    );
    expect(event).toMatchObject({ name, type: name.split(':')[0], deletionType, key: 'k', sequencer: '0A' });
    expect(event?.size).toBeUndefined();
  });

  it.each([
    ['Object Restore Initiated', 'ObjectRestore:Post', 'ObjectRestore'],
    ['Object Restore Completed', 'ObjectRestore:Completed', 'ObjectRestore'],
    ['Object Restore Expired', 'ObjectRestore:Delete', 'ObjectRestore'],
    ['Object Tags Added', 'ObjectTagging:Put', 'ObjectTagging'],
    ['Object Tags Deleted', 'ObjectTagging:Delete', 'ObjectTagging'],
    ['Object ACL Updated', 'ObjectAcl:Put', 'ObjectAcl'],
    ['Object Storage Class Changed', 'LifecycleTransition', 'LifecycleTransition'],
    ['Object Access Tier Changed', 'IntelligentTiering', 'IntelligentTiering'],
  ])('%s → %s', (detailType, name, type) => {
    const [event] = normalize(bare(detailType, { object: { key: 'k', etag: 'e1' } }));
    expect(event).toMatchObject({ name, type, key: 'k', eTag: 'e1', via: ['eventbridge'] });
  });

  it('has a test above for each of the ten detail-types', () => {
    expect(S3_EVENTBRIDGE_DETAIL_TYPES).toHaveLength(10);
  });
});

describe('family fields', () => {
  it('Object Restore Initiated: source-storage-class, no expiry', () => {
    const [event] = normalize(bare('Object Restore Initiated', { 'source-storage-class': 'GLACIER' }));
    expect(event).toMatchObject({ name: 'ObjectRestore:Post', sourceStorageClass: 'GLACIER' });
    expect(event).not.toHaveProperty('restoreExpiryTime');
  });

  it('Object Restore Completed: restore-expiry-time and source-storage-class', () => {
    const [event] = normalize(
      bare('Object Restore Completed', { 'restore-expiry-time': '2021-11-13T00:00:00Z', 'source-storage-class': 'DEEP_ARCHIVE' }),
    );
    expect(event).toMatchObject({ restoreExpiryTime: '2021-11-13T00:00:00Z', sourceStorageClass: 'DEEP_ARCHIVE' });
  });

  it('Object Restore Expired: no restore fields', () => {
    const [event] = normalize(bare('Object Restore Expired', { 'source-storage-class': 'GLACIER' }));
    expect(event).not.toHaveProperty('sourceStorageClass');
  });

  it('Object Storage Class Changed: destination-storage-class', () => {
    const [event] = normalize(bare('Object Storage Class Changed', { 'destination-storage-class': 'INTELLIGENT_TIERING' }));
    expect(event).toMatchObject({ name: 'LifecycleTransition', destinationStorageClass: 'INTELLIGENT_TIERING' });
  });

  it('Object Access Tier Changed: destination-access-tier', () => {
    const [event] = normalize(bare('Object Access Tier Changed', { 'destination-access-tier': 'DEEP_ARCHIVE_ACCESS' }));
    expect(event).toMatchObject({ name: 'IntelligentTiering', accessTier: 'DEEP_ARCHIVE_ACCESS' });
  });

  it('event-version 1.1: bucket aws-generated-tags become bucketTags', () => {
    const tags = { 'aws:cloudformation:stack-name': 'uploads' };
    const [event] = normalize(eventBridge('Object Created', { 'event-version': '1.1', bucket: { name: 'photos', 'aws-generated-tags': tags } }));
    expect(event?.bucketTags).toEqual(tags);
  });

  it('a tag that is not a string is INVALID_FIELD', () => {
    const input = eventBridge('Object Created', { bucket: { name: 'photos', 'aws-generated-tags': { 'aws:x': 1 } } });
    expect(parse(input).failures.map((f) => [f.code, f.path])).toEqual([
      ['INVALID_FIELD', 'detail.bucket["aws-generated-tags"]["aws:x"]'],
    ]);
  });

  it('messageId is the EventBridge id on a direct delivery, absent when the event has none', () => {
    const { id: _, ...noId } = eventBridge();
    expect(normalize(eventBridge())[0]?.messageId).toBe('17793124-05d4-b198-2fde-7ededc63b103');
    expect(normalize(noId)[0]?.messageId).toBeUndefined();
  });
});

describe('events that are not S3 object events', () => {
  it('"AWS API Call via CloudTrail" from aws.s3 is NOT_S3_EVENT', () => {
    const cloudTrail = {
      ...eventBridge(),
      'detail-type': 'AWS API Call via CloudTrail',
      detail: { eventSource: 's3.amazonaws.com', eventName: 'PutObject', requestParameters: { bucketName: 'photos', key: 'a' } },
    };
    expect(parse(cloudTrail).failures.map((f) => [f.code, f.path, f.messageId])).toEqual([
      ['NOT_S3_EVENT', 'detail-type', '17793124-05d4-b198-2fde-7ededc63b103'],
    ]);
  });

  it('an event from another source is NOT_S3_EVENT', () => {
    const ec2 = { ...eventBridge(), source: 'aws.ec2', 'detail-type': 'EC2 Instance State-change Notification' };
    expect(parse(ec2).failures.map((f) => [f.code, f.path])).toEqual([['NOT_S3_EVENT', 'source']]);
  });

  it.each([
    ['an unknown detail-type', bare('Object Teleported'), 'detail-type'],
    ['an unknown Object Created reason', eventBridge('Object Created', { reason: 'UploadPartCopy' }), 'detail.reason'],
    ['an unknown Object Deleted reason', eventBridge('Object Deleted', { reason: 'Replication', 'deletion-type': 'Permanently Deleted' }), 'detail.reason'],
    ['an unknown deletion-type', eventBridge('Object Deleted', { reason: 'DeleteObject', 'deletion-type': 'Shredded' }), 'detail["deletion-type"]'],
    ['a reason named like an Object prototype key', eventBridge('Object Created', { reason: 'constructor' }), 'detail.reason'],
    ['a detail-type named like an Object prototype key', bare('toString'), 'detail-type'],
  ])('%s is UNKNOWN_EVENT_NAME', (_, input, path) => {
    expect(parse(input).failures.map((f) => [f.code, f.path])).toEqual([['UNKNOWN_EVENT_NAME', path]]);
  });

  it.each([
    ['Object Created without size', eventBridge('Object Created', { object: { key: 'k', etag: 'e' } }), 'detail.object.size'],
    ['Object Created without etag', eventBridge('Object Created', { object: { key: 'k', size: 1 } }), 'detail.object.etag'],
    ['Object Created without reason', bare('Object Created'), 'detail.reason'],
    ['Object Deleted without deletion-type', eventBridge('Object Deleted', { reason: 'DeleteObject' }), 'detail["deletion-type"]'],
    ['a detail without object', eventBridge('Object Created', { object: undefined }), 'detail.object'],
    ['a detail that is a string', { ...eventBridge(), detail: 'x' }, 'detail'],
    ['a key that is a number', eventBridge('Object Created', { object: { key: 7, size: 1, etag: 'e' } }), 'detail.object.key'],
    ['a string size', eventBridge('Object Created', { object: { key: 'k', size: '5', etag: 'e' } }), 'detail.object.size'],
    ['a non-hex sequencer', eventBridge('Object Created', { object: { key: 'k', size: 1, etag: 'e', sequencer: 'xyz' } }), 'detail.object.sequencer'],
    ['a missing time', { ...eventBridge(), time: undefined }, 'time'],
    ['a numeric version-id', eventBridge('Object Created', { object: { key: 'k', size: 1, etag: 'e', 'version-id': 3 } }), 'detail.object["version-id"]'],
  ])('%s is INVALID_FIELD at its path', (_, input, path) => {
    expect(parse(input).failures.map((f) => [f.code, f.path])).toEqual([['INVALID_FIELD', path]]);
  });
});

describe('EventBridge keys', () => {
  const withKey = (key: string) => eventBridge('Object Created', { object: { key, size: 1, etag: 'e' } });

  it('are form-decoded by default, like notification keys', () => {
    expect(normalize(withKey('red+flower%3D1.jpg'))[0]).toMatchObject({ key: 'red flower=1.jpg', rawKey: 'red+flower%3D1.jpg' });
  });

  it('are kept verbatim with decodeEventBridgeKeys: false', () => {
    const [event] = normalize(withKey('red+flower%3D1.jpg'), { decodeEventBridgeKeys: false });
    expect(event).toMatchObject({ key: 'red+flower%3D1.jpg', rawKey: 'red+flower%3D1.jpg' });
  });

  it('with decodeEventBridgeKeys: false, a malformed escape is not an error', () => {
    expect(normalize(withKey('100%'), { decodeEventBridgeKeys: false })[0]?.key).toBe('100%');
  });

  it('a malformed escape is MALFORMED_KEY when decoding', () => {
    const [failure] = parse(withKey('100%')).failures;
    expect(failure).toMatchObject({ code: 'MALFORMED_KEY', path: 'detail.object.key', input: '100%' });
  });

  it('decodeEventBridgeKeys: false still decodes notification keys (AWS documents their encoding)', () => {
    const [event] = normalize(s3Message(s3Record({ key: 'red+flower.jpg' })), { decodeEventBridgeKeys: false });
    expect(event?.key).toBe('red flower.jpg');
  });
});
