import { readFileSync } from 'node:fs';
import { eventNameMatches, normalize } from 's3-event-kit';
import {
  S3_EVENTBRIDGE_EVENT_NAMES,
  eventBridgeFormOf,
  matchesEventPattern,
  s3EventPattern,
  type S3EventBridgeEventPattern,
} from 's3-event-kit/config';
import { describe, expect, test } from 'vitest';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;

describe('EventBridge forms of record names (inverted from the normalizer tables)', () => {
  test('sixteen names are carried; replication, RRS, retention and annotation are not', () => {
    expect(S3_EVENTBRIDGE_EVENT_NAMES).toHaveLength(16);
    for (const name of ['ReducedRedundancyLostObject', 'Replication:OperationNotTracked', 'ObjectRetention:Put', 'ObjectAnnotation:Put'] as const) {
      expect(eventBridgeFormOf(name)).toBeUndefined();
    }
  });

  test('match the research mapping table (§2.2)', () => {
    expect(eventBridgeFormOf('ObjectCreated:Post')).toEqual({ detailType: 'Object Created', reason: 'POST Object' });
    expect(eventBridgeFormOf('ObjectRemoved:Delete')).toEqual({ detailType: 'Object Deleted', reason: 'DeleteObject', deletionType: 'Permanently Deleted' });
    expect(eventBridgeFormOf('LifecycleExpiration:DeleteMarkerCreated')).toEqual({
      detailType: 'Object Deleted',
      reason: 'Lifecycle Expiration',
      deletionType: 'Delete Marker Created',
    });
    expect(eventBridgeFormOf('ObjectRestore:Delete')).toEqual({ detailType: 'Object Restore Expired' });
    expect(eventBridgeFormOf('IntelligentTiering')).toEqual({ detailType: 'Object Access Tier Changed' });
  });
});

describe('s3EventPattern: the exact pattern JSON', () => {
  test('no options: every S3 detail type (so CloudTrail "AWS API Call via CloudTrail" events never match)', () => {
    expect(s3EventPattern()).toEqual({
      source: ['aws.s3'],
      'detail-type': [
        'Object Created',
        'Object Deleted',
        'Object Restore Initiated',
        'Object Restore Completed',
        'Object Restore Expired',
        'Object Tags Added',
        'Object Tags Deleted',
        'Object ACL Updated',
        'Object Storage Class Changed',
        'Object Access Tier Changed',
      ],
    });
  });

  test('a whole family needs no reason: ObjectCreated:* → Object Created', () => {
    expect(s3EventPattern({ buckets: 'photos', events: ['ObjectCreated:*'] })).toEqual({
      source: ['aws.s3'],
      'detail-type': ['Object Created'],
      detail: { bucket: { name: ['photos'] } },
    });
  });

  test('one creation API adds reason', () => {
    expect(s3EventPattern({ events: ['ObjectCreated:Put', 's3:ObjectCreated:Post'] })).toEqual({
      source: ['aws.s3'],
      'detail-type': ['Object Created'],
      detail: { reason: ['PutObject', 'POST Object'] },
    });
  });

  test('only ObjectRemoved:DeleteMarkerCreated adds reason and deletion-type', () => {
    expect(s3EventPattern({ buckets: ['photos'], events: ['ObjectRemoved:DeleteMarkerCreated'] })).toEqual({
      source: ['aws.s3'],
      'detail-type': ['Object Deleted'],
      detail: { bucket: { name: ['photos'] }, reason: ['DeleteObject'], 'deletion-type': ['Delete Marker Created'] },
    });
  });

  test('ObjectRemoved:* → reason DeleteObject (lifecycle expirations are Object Deleted too)', () => {
    expect(s3EventPattern({ events: ['ObjectRemoved:*'] })).toEqual({
      source: ['aws.s3'],
      'detail-type': ['Object Deleted'],
      detail: { reason: ['DeleteObject'] },
    });
  });

  test('every delete marker, by request or lifecycle → deletion-type only', () => {
    expect(s3EventPattern({ events: ['ObjectRemoved:DeleteMarkerCreated', 'LifecycleExpiration:DeleteMarkerCreated'] })).toEqual({
      source: ['aws.s3'],
      'detail-type': ['Object Deleted'],
      detail: { 'deletion-type': ['Delete Marker Created'] },
    });
  });

  test('detail types needing different constraints become $or alternatives, sharing bucket and key', () => {
    expect(
      s3EventPattern({
        buckets: 'photos',
        events: ['ObjectCreated:Put', 'ObjectRemoved:Delete', 'LifecycleExpiration:DeleteMarkerCreated', 'ObjectTagging:*'],
        prefix: 'uploads/',
      }),
    ).toEqual({
      source: ['aws.s3'],
      detail: { bucket: { name: ['photos'] }, object: { key: [{ prefix: 'uploads/' }] } },
      $or: [
        { 'detail-type': ['Object Tags Added', 'Object Tags Deleted'] },
        { 'detail-type': ['Object Created'], detail: { reason: ['PutObject'] } },
        { 'detail-type': ['Object Deleted'], detail: { reason: ['DeleteObject'], 'deletion-type': ['Permanently Deleted'] } },
        { 'detail-type': ['Object Deleted'], detail: { reason: ['Lifecycle Expiration'], 'deletion-type': ['Delete Marker Created'] } },
      ],
    });
  });

  test('prefix → prefix, suffix → suffix, both → one wildcard with * and \\ escaped', () => {
    expect(s3EventPattern({ events: ['*'], prefix: 'a/' }).detail).toEqual({ object: { key: [{ prefix: 'a/' }] } });
    expect(s3EventPattern({ events: ['*'], suffix: '.png' }).detail).toEqual({ object: { key: [{ suffix: '.png' }] } });
    expect(s3EventPattern({ events: ['*'], prefix: 'uploads/', suffix: '.jpg' }).detail).toEqual({ object: { key: [{ wildcard: 'uploads/*.jpg' }] } });
    expect(s3EventPattern({ events: ['*'], prefix: 'a*b\\', suffix: '*', keyEncoding: 'none' }).detail).toEqual({
      object: { key: [{ wildcard: 'a\\*b\\\\*\\*' }] },
    });
  });

  test('keys are URL-encoded by default like normalize() assumes; keyEncoding "none" matches them as given', () => {
    expect(s3EventPattern({ prefix: 'my photos/year=2025/' }).detail).toEqual({ object: { key: [{ prefix: 'my+photos/year%3D2025/' }] } });
    expect(s3EventPattern({ prefix: 'my photos/', keyEncoding: 'none' }).detail).toEqual({ object: { key: [{ prefix: 'my photos/' }] } });
  });

  test('bucket ARNs are accepted as bucket names', () => {
    expect(s3EventPattern({ buckets: ['arn:aws:s3:::photos', 'logs'] }).detail).toEqual({ bucket: { name: ['photos', 'logs'] } });
  });

  test('rejects events EventBridge never carries, and empty lists', () => {
    expect(() => s3EventPattern({ events: ['Replication:*' as S3EventBridgeEventPattern] })).toThrow(/EventBridge carries no "Replication:\*"/);
    expect(() => s3EventPattern({ events: [] })).toThrow(/empty/);
    expect(() => s3EventPattern({ buckets: [] })).toThrow(/empty/);
  });
});

describe('s3EventPattern against recorded EventBridge events (test/fixtures)', () => {
  const created = fixture('powertools-python__s3EventBridgeNotificationObjectCreatedEvent.json');
  const deleteMarker = fixture('powertools-python__s3EventBridgeNotificationObjectDeletedEvent.json');
  const expired = fixture('powertools-python__s3EventBridgeNotificationObjectExpiredEvent.json');
  const restored = fixture('powertools-python__s3EventBridgeNotificationObjectRestoreCompletedEvent.json');
  const docsCreated = fixture('aws-lambda-dotnet__cloudwatchevents-s3objectcreated.json');
  const docsDeleted = fixture('aws-lambda-dotnet__cloudwatchevents-s3objectdeleted.json');
  const all = [created, deleteMarker, expired, restored, docsCreated, docsDeleted];

  test.each<[string, S3EventBridgeEventPattern[]]>([
    ['ObjectCreated:Put', ['ObjectCreated:Put']],
    ['ObjectCreated:*', ['ObjectCreated:*']],
    ['ObjectRemoved:DeleteMarkerCreated', ['ObjectRemoved:DeleteMarkerCreated']],
    ['LifecycleExpiration:*', ['LifecycleExpiration:*']],
    ['ObjectRestore:Completed', ['ObjectRestore:Completed']],
    ['ObjectTagging:*', ['ObjectTagging:*']],
    ['a mix', ['ObjectCreated:Put', 'LifecycleExpiration:DeleteMarkerCreated']],
  ])('%s: a recorded event matches exactly when normalize() names it one of the chosen events', (_, events) => {
    const pattern = s3EventPattern({ events });
    for (const event of all) {
      const [normalized] = normalize(event);
      const chosen = S3_EVENTBRIDGE_EVENT_NAMES.filter((name) => eventNameMatches(name, events));
      expect(matchesEventPattern(pattern, event), `${String(event['detail-type'])} ${normalized?.name}`).toBe(chosen.includes(normalized?.name as never));
    }
  });

  test('bucket and key filters apply to the recorded events', () => {
    expect(matchesEventPattern(s3EventPattern({ buckets: 'example-bucket', suffix: '.jpg' }), created)).toBe(true);
    expect(matchesEventPattern(s3EventPattern({ buckets: 'other-bucket' }), created)).toBe(false);
    expect(matchesEventPattern(s3EventPattern({ prefix: 'IMG_', suffix: '.jpg' }), created)).toBe(true);
    expect(matchesEventPattern(s3EventPattern({ prefix: 'IMG_', suffix: '.png' }), created)).toBe(false);
  });

  test('a CloudTrail event from aws.s3 never matches', () => {
    const cloudTrail = { ...created, 'detail-type': 'AWS API Call via CloudTrail', detail: { eventSource: 's3.amazonaws.com', eventName: 'PutObject' } };
    expect(matchesEventPattern(s3EventPattern(), cloudTrail)).toBe(false);
  });
});
