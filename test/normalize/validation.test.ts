/** Timestamps are validated; a bare array of Lambda SQS records reads like the event it came from; `via.includes` works. */
import { describe, expect, it } from 'vitest';
import { normalize, parse } from 's3-event-kit';
import { eventBridge, s3Message, s3Record, sqsEvent, sqsRecord, testEvent } from './helpers.js';

describe('timestamps', () => {
  it.each(['garbage', '2024-03-14', '2024-03-14 19:02:45Z', '1710442965087', ''])('rejects eventTime %j', (eventTime) => {
    // Arrange
    const input = s3Message({ ...s3Record(), eventTime });

    // Act
    const [failure] = parse(input).failures;

    // Assert
    expect(failure).toMatchObject({ code: 'INVALID_FIELD', path: 'Records[0].eventTime', input: eventTime });
  });

  it('accepts the forms S3 and EventBridge send', () => {
    expect(normalize(s3Message({ ...s3Record(), eventTime: '2024-03-14T19:02:45.087Z' }))[0]?.time).toBe('2024-03-14T19:02:45.087Z');
    expect(normalize(eventBridge('Object Created', { object: { key: 'k', size: 1, etag: 'e' } }))[0]?.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(normalize(s3Message({ ...s3Record(), eventTime: '2024-03-14T19:02:45+02:00' }))[0]?.time).toBe('2024-03-14T19:02:45+02:00');
  });

  it('rejects an EventBridge time that is not ISO-8601', () => {
    const input = { ...eventBridge('Object Created', { object: { key: 'k', size: 1, etag: 'e' } }), time: 'nope' };
    expect(parse(input).failures[0]).toMatchObject({ code: 'INVALID_FIELD', path: 'time' });
  });

  it('rejects a test event whose Time is not ISO-8601', () => {
    const input = sqsEvent(sqsRecord('m1', JSON.stringify({ ...testEvent(), Time: 'yesterday' })));
    expect(parse(input).failures[0]).toMatchObject({ code: 'INVALID_FIELD', path: 'Records[0].body → Time' });
  });
});

describe('a bare array of Lambda SQS records', () => {
  it('reads each record like the Lambda event it was taken from', () => {
    // Arrange
    const event = sqsEvent(sqsRecord('m1', JSON.stringify(s3Message(s3Record({ key: 'a+b.txt' })))), sqsRecord('m2', 'not json'));

    // Act
    const whole = parse(event);
    const records = parse(event.Records);

    // Assert
    expect(records.events.map((e) => [e.key, e.messageId, e.via])).toEqual(whole.events.map((e) => [e.key, e.messageId, e.via]));
    expect(records.events[0]?.key).toBe('a b.txt');
    expect(records.failures).toHaveLength(1);
    expect(records.failures[0]).toMatchObject({ code: 'INVALID_JSON', path: '[1].body', messageId: 'm2' });
  });
});

describe('via', () => {
  it('can be searched with includes() and read by position', () => {
    const [event] = normalize(sqsEvent(sqsRecord('m1', JSON.stringify(s3Message(s3Record())))));
    expect(event?.via.includes('sqs')).toBe(true);
    expect(event?.via.includes('sns')).toBe(false);
    expect(event?.via[0]).toBe('s3');
  });
});
