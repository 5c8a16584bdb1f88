import { Event } from '@aws-sdk/client-s3';
import { S3_EVENT_NAMES } from 's3-event-kit';
import { S3_CONFIG_EVENT_NAMES, isS3ConfigEventName, recordNamesOf, toConfigEventName } from 's3-event-kit/config';
import { describe, expect, test } from 'vitest';

describe('configuration-side event names', () => {
  test('are exactly the values of the S3 API Event enum (the SDK model)', () => {
    expect([...S3_CONFIG_EVENT_NAMES].sort()).toEqual(Object.values(Event).sort());
  });

  test('every record name has a configuration name with the s3: prefix', () => {
    for (const name of S3_EVENT_NAMES) expect(isS3ConfigEventName(toConfigEventName(name))).toBe(true);
  });

  test('record names and wildcards S3 does not offer are not configuration names', () => {
    expect(isS3ConfigEventName('ObjectCreated:Put')).toBe(false);
    expect(isS3ConfigEventName('s3:ObjectAcl:*')).toBe(false);
    expect(isS3ConfigEventName('s3:ObjectRetention:*')).toBe(false);
    expect(isS3ConfigEventName(42)).toBe(false);
  });

  test('recordNamesOf expands wildcards with the one event-name matcher', () => {
    expect(recordNamesOf('s3:ObjectCreated:*')).toEqual([
      'ObjectCreated:Put',
      'ObjectCreated:Post',
      'ObjectCreated:Copy',
      'ObjectCreated:CompleteMultipartUpload',
    ]);
    expect(recordNamesOf('s3:LifecycleTransition')).toEqual(['LifecycleTransition']);
    expect(recordNamesOf('s3:Replication:*')).toHaveLength(4);
    expect(recordNamesOf('ObjectCreated:Put')).toEqual([]);
  });

  test('every configuration name selects at least one record name', () => {
    for (const name of S3_CONFIG_EVENT_NAMES) expect(recordNamesOf(name).length).toBeGreaterThan(0);
  });
});
