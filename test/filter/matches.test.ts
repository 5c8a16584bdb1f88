/** The one matcher: event-name patterns with wildcards and the s3: prefix, prefix/suffix/bucket. */
import { describe, expect, it } from 'vitest';
import { eventNameMatches, matches, normalize, type S3ObjectEvent } from 's3-event-kit';

function event(eventName: string, key: string, bucket = 'photos'): S3ObjectEvent {
  const object = eventName.startsWith('ObjectCreated') ? { key, size: 1, eTag: 'e' } : { key };
  const [normalized] = normalize({
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: 'eu-west-1',
        eventTime: '2024-03-14T19:02:45.087Z',
        eventName,
        s3: { s3SchemaVersion: '1.0', configurationId: 'c', bucket: { name: bucket, arn: `arn:aws:s3:::${bucket}` }, object },
      },
    ],
  });
  return normalized!;
}

describe('eventNameMatches', () => {
  it.each([
    ['ObjectCreated:Put', ['ObjectCreated:Put'], true],
    ['ObjectCreated:Put', ['ObjectCreated:Post'], false],
    ['ObjectCreated:Copy', ['ObjectCreated:*'], true],
    ['ObjectCreated:Copy', ['s3:ObjectCreated:*'], true],
    ['ObjectCreated:Copy', ['s3:ObjectCreated:Copy'], true],
    ['ObjectRemoved:Delete', ['ObjectCreated:*'], false],
    ['LifecycleExpiration:Delete', ['ObjectRemoved:*'], false], // lifecycle deletes are their own family
    ['LifecycleExpiration:Delete', ['ObjectRemoved:*', 'LifecycleExpiration:*'], true],
    ['LifecycleTransition', ['LifecycleTransition'], true],
    ['LifecycleTransition', ['s3:LifecycleTransition'], true],
    ['IntelligentTiering', ['*'], true],
    ['Replication:OperationNotTracked', ['s3:*'], true],
    ['ObjectCreated:Put', ['ObjectCreated'], false], // a family name alone is not a wildcard
    ['ObjectCreated:Put', ['objectcreated:put'], false], // case matters, as in S3
    ['ObjectCreated:Put', ['S3:ObjectCreated:Put'], false],
    ['ObjectCreated:Put', [], false],
    ['ObjectCreatedX:Put', ['ObjectCreated:*'], false],
  ] as const)('%s against %j → %s', (name, patterns, expected) => {
    expect(eventNameMatches(name, patterns)).toBe(expected);
  });
});

describe('matches', () => {
  const put = event('ObjectCreated:Put', 'uploads/red+flower.jpg');
  const removed = event('ObjectRemoved:Delete', 'uploads/old.txt', 'archive');

  it('keeps everything with an empty filter', () => {
    expect(matches(put, {})).toBe(true);
    expect(matches(removed, {})).toBe(true);
  });

  it('filters on event names, with wildcards', () => {
    expect(matches(put, { events: ['ObjectCreated:*'] })).toBe(true);
    expect(matches(removed, { events: ['ObjectCreated:*'] })).toBe(false);
    expect(matches(removed, { events: ['ObjectCreated:*', 's3:ObjectRemoved:Delete'] })).toBe(true);
  });

  it('keeps nothing with an empty events list', () => {
    expect(matches(put, { events: [] })).toBe(false);
  });

  it('compares prefix and suffix with the decoded key', () => {
    expect(put.key).toBe('uploads/red flower.jpg');
    expect(matches(put, { prefix: 'uploads/red ' })).toBe(true);
    expect(matches(put, { prefix: 'uploads/red+' })).toBe(false);
    expect(matches(put, { suffix: 'flower.jpg' })).toBe(true);
    expect(matches(put, { suffix: '.png' })).toBe(false);
    expect(matches(put, { prefix: 'downloads/' })).toBe(false);
  });

  it('filters on one bucket or several', () => {
    expect(matches(put, { bucket: 'photos' })).toBe(true);
    expect(matches(put, { bucket: 'archive' })).toBe(false);
    expect(matches(removed, { bucket: ['photos', 'archive'] })).toBe(true);
    expect(matches(removed, { bucket: ['photos'] })).toBe(false);
    expect(matches(removed, { bucket: [] })).toBe(false);
  });

  it('requires every condition given', () => {
    const filter = { events: ['ObjectCreated:*'], prefix: 'uploads/', suffix: '.jpg', bucket: 'photos' } as const;
    expect(matches(put, filter)).toBe(true);
    expect(matches(put, { ...filter, suffix: '.png' })).toBe(false);
    expect(matches(put, { ...filter, bucket: 'other' })).toBe(false);
    expect(matches(put, { ...filter, events: ['ObjectRemoved:*'] })).toBe(false);
    expect(matches(put, { ...filter, prefix: 'x/' })).toBe(false);
  });

  it('treats undefined conditions as absent', () => {
    expect(matches(put, { events: undefined, prefix: undefined, suffix: undefined, bucket: undefined })).toBe(true);
  });
});
