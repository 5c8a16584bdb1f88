import fc from 'fast-check';
import { eventId, matches, normalize } from 's3-event-kit';
import { listedObjectEvent } from 's3-event-kit/aws';
import { describe, expect, test } from 'vitest';

const where = { bucket: 'amzn-s3-demo-bucket', region: 'eu-west-1' };
const entry = (key: string) => ({ Key: key, ETag: '"d41d8cd98f00b204e9800998ecf8427e"', Size: 0, LastModified: new Date('2024-03-14T19:02:45.087Z') });

describe('listedObjectEvent', () => {
  test('an entry becomes an ObjectCreated:Put via list, key as listed, ETag without quotes', () => {
    const event = listedObjectEvent(entry('photos/red flower+1.jpg'), where);
    expect(event).toMatchObject({
      name: 'ObjectCreated:Put',
      type: 'ObjectCreated',
      bucket: 'amzn-s3-demo-bucket',
      key: 'photos/red flower+1.jpg',
      rawKey: 'photos/red flower+1.jpg',
      size: 0,
      eTag: 'd41d8cd98f00b204e9800998ecf8427e',
      time: '2024-03-14T19:02:45.087Z',
      region: 'eu-west-1',
      via: ['list'],
    });
    expect(event.sequencer).toBeUndefined();
    expect(event.record).toMatchObject({ s3: { configurationId: 's3-event-kit:backfill', object: { key: 'photos/red+flower%2B1.jpg' }, bucket: { arn: 'arn:aws:s3:::amzn-s3-demo-bucket' } } });
    expect(eventId(event)).toBe('["ObjectCreated:Put","amzn-s3-demo-bucket","photos/red flower+1.jpg",null,"time","2024-03-14T19:02:45.087Z","d41d8cd98f00b204e9800998ecf8427e",null]');
  });

  test('the ARN uses the partition of the Region', () => {
    expect(listedObjectEvent(entry('k'), { bucket: 'b', region: 'cn-north-1' }).record.s3.bucket.arn).toBe('arn:aws-cn:s3:::b');
    expect(listedObjectEvent(entry('k'), { bucket: 'b', region: 'us-gov-west-1' }).record.s3.bucket.arn).toBe('arn:aws-us-gov:s3:::b');
  });

  test('an incomplete entry is a TypeError naming the bucket', () => {
    expect(() => listedObjectEvent({ Key: 'k' }, where)).toThrow(/bucket amzn-s3-demo-bucket lacks Key, ETag, Size or LastModified/);
  });

  test('property: for any key, the synthetic record normalizes to the same object, and filters see the listed key', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }), (key) => {
        const event = listedObjectEvent(entry(key), where);
        const [again] = normalize({ Records: [event.record] });
        expect(again).toMatchObject({ name: event.name, bucket: event.bucket, key, size: event.size, eTag: event.eTag, time: event.time, region: event.region });
        expect(matches(event, { prefix: key.slice(0, 1), suffix: key.slice(-1) })).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
