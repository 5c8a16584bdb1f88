/** Every road of DESIGN.md is detected from the shape alone, and so is a JSON string of each. */
import { describe, expect, it } from 'vitest';
import { normalize, parse, parseMessages, type Via } from 's3-event-kit';
import {
  eventBridge,
  s3Message,
  s3Record,
  snsEvent,
  snsJson,
  snsRecord,
  sqsApiMessage,
  sqsEvent,
  sqsRecord,
  testEvent,
} from './helpers.js';

const S3 = JSON.stringify(s3Message(s3Record({ key: 'uploads/red+flower.jpg' })));
const EB = JSON.stringify(eventBridge('Object Created', { object: { key: 'uploads/red+flower.jpg', size: 5, etag: 'e1' } }));
const EB_ID = '17793124-05d4-b198-2fde-7ededc63b103';

interface Road {
  readonly name: string;
  readonly input: unknown;
  readonly via: Via;
  readonly messageId: string | undefined;
  readonly receiptHandle: string | undefined;
  readonly carrier: 'sqs' | 'sns' | 'eventbridge' | 's3';
}

const ROADS: readonly Road[] = [
  { name: 'S3 → Lambda', input: JSON.parse(S3), via: ['s3'], messageId: undefined, receiptHandle: undefined, carrier: 's3' },
  {
    name: 'S3 → SQS → Lambda',
    input: sqsEvent(sqsRecord('m-1', S3)),
    via: ['s3', 'sqs'],
    messageId: 'm-1',
    receiptHandle: 'AQEB-m-1',
    carrier: 'sqs',
  },
  {
    name: 'S3 → SQS, one ReceiveMessage message',
    input: sqsApiMessage('m-2', S3),
    via: ['s3', 'sqs'],
    messageId: 'm-2',
    receiptHandle: 'AQEB-m-2',
    carrier: 'sqs',
  },
  {
    name: 'S3 → SQS, an array of ReceiveMessage messages',
    input: [sqsApiMessage('m-3', S3)],
    via: ['s3', 'sqs'],
    messageId: 'm-3',
    receiptHandle: 'AQEB-m-3',
    carrier: 'sqs',
  },
  {
    name: 'S3 → SQS, the { Messages } ReceiveMessage result',
    input: { Messages: [sqsApiMessage('m-4', S3)], $metadata: { httpStatusCode: 200 } },
    via: ['s3', 'sqs'],
    messageId: 'm-4',
    receiptHandle: 'AQEB-m-4',
    carrier: 'sqs',
  },
  {
    name: 'S3 → SNS → Lambda (SigningCertUrl casing)',
    input: snsEvent(snsRecord('sns-1', S3, 'Url')),
    via: ['s3', 'sns'],
    messageId: 'sns-1',
    receiptHandle: undefined,
    carrier: 'sns',
  },
  {
    name: 'S3 → SNS → Lambda (SigningCertURL casing)',
    input: snsEvent(snsRecord('sns-2', S3, 'URL')),
    via: ['s3', 'sns'],
    messageId: 'sns-2',
    receiptHandle: undefined,
    carrier: 'sns',
  },
  {
    name: 'S3 → SNS → SQS → Lambda (pretty-printed SNS JSON)',
    input: sqsEvent(sqsRecord('m-5', snsJson('sns-3', S3))),
    via: ['s3', 'sns', 'sqs'],
    messageId: 'm-5',
    receiptHandle: 'AQEB-m-5',
    carrier: 'sqs',
  },
  {
    name: 'S3 → SNS → SQS, ReceiveMessage',
    input: { Messages: [sqsApiMessage('m-6', snsJson('sns-4', S3))] },
    via: ['s3', 'sns', 'sqs'],
    messageId: 'm-6',
    receiptHandle: 'AQEB-m-6',
    carrier: 'sqs',
  },
  {
    name: 'S3 → SNS → SQS with raw delivery (the body is the S3 JSON)',
    input: sqsEvent(sqsRecord('m-7', S3)),
    via: ['s3', 'sqs'],
    messageId: 'm-7',
    receiptHandle: 'AQEB-m-7',
    carrier: 'sqs',
  },
  {
    name: 'S3 → SNS → HTTP (the SNS JSON itself)',
    input: JSON.parse(snsJson('sns-5', S3)),
    via: ['s3', 'sns'],
    messageId: 'sns-5',
    receiptHandle: undefined,
    carrier: 'sns',
  },
  { name: 'EventBridge → Lambda', input: JSON.parse(EB), via: ['eventbridge'], messageId: EB_ID, receiptHandle: undefined, carrier: 'eventbridge' },
  {
    name: 'EventBridge → SQS → Lambda',
    input: sqsEvent(sqsRecord('m-8', EB)),
    via: ['eventbridge', 'sqs'],
    messageId: 'm-8',
    receiptHandle: 'AQEB-m-8',
    carrier: 'sqs',
  },
  {
    name: 'EventBridge → SQS, ReceiveMessage',
    input: [sqsApiMessage('m-9', EB)],
    via: ['eventbridge', 'sqs'],
    messageId: 'm-9',
    receiptHandle: 'AQEB-m-9',
    carrier: 'sqs',
  },
  {
    name: 'EventBridge → SNS → Lambda',
    input: snsEvent(snsRecord('sns-6', EB)),
    via: ['eventbridge', 'sns'],
    messageId: 'sns-6',
    receiptHandle: undefined,
    carrier: 'sns',
  },
  {
    name: 'EventBridge → SNS → SQS → Lambda',
    input: sqsEvent(sqsRecord('m-10', snsJson('sns-7', EB))),
    via: ['eventbridge', 'sns', 'sqs'],
    messageId: 'm-10',
    receiptHandle: 'AQEB-m-10',
    carrier: 'sqs',
  },
];

describe('road detection', () => {
  it.each(ROADS)('$name', ({ input, via, messageId, receiptHandle, carrier }) => {
    const events = normalize(input);

    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      name: 'ObjectCreated:Put',
      type: 'ObjectCreated',
      bucket: 'photos',
      key: 'uploads/red flower.jpg',
      rawKey: 'uploads/red+flower.jpg',
      via,
      messageId,
      receiptHandle,
    });
    expect(parseMessages(input).carrier).toBe(carrier);
  });

  it.each(ROADS)('$name, as a JSON string', ({ input, via, messageId }) => {
    const events = normalize(JSON.stringify(input));

    expect(events.map((e) => [e.key, e.via, e.messageId])).toEqual([['uploads/red flower.jpg', via, messageId]]);
  });

  it('reads SNS JSON in SQS when the Lambda event itself arrives as a string (three levels of escaping)', () => {
    const text = JSON.stringify(sqsEvent(sqsRecord('m-1', snsJson('sns-1', S3))));
    expect(text).toContain('\\\\\\"Records\\\\\\"'); // "Records" escaped three times

    const [event] = normalize(text);

    expect(event).toMatchObject({ key: 'uploads/red flower.jpg', via: ['s3', 'sns', 'sqs'], messageId: 'm-1' });
  });

  it('keeps the SNS message id out of an SQS-carried event: the SQS message id is the one to acknowledge', () => {
    const [event] = normalize(sqsEvent(sqsRecord('m-1', snsJson('sns-1', EB))));
    expect(event?.messageId).toBe('m-1');
  });

  it('reads the SQS body of an EventBridge event with the EventBridge record untouched', () => {
    const [event] = normalize(sqsEvent(sqsRecord('m-1', EB)));
    expect(event?.record).toEqual(JSON.parse(EB));
    expect(event?.time).toBe('2021-11-12T00:00:00Z');
    expect(event?.region).toBe('ca-central-1');
  });

  it('uses one frozen via tuple per road', () => {
    const [a] = normalize(sqsEvent(sqsRecord('m-1', S3)));
    const [b] = normalize([sqsApiMessage('m-2', S3)]);
    expect(a?.via).toBe(b?.via);
    expect(Object.isFrozen(a?.via)).toBe(true);
  });

  it('yields every event of a batch in order, each with its own message id', () => {
    const input = sqsEvent(
      sqsRecord('m-1', JSON.stringify(s3Message(s3Record({ key: 'a' })))),
      sqsRecord('m-2', snsJson('sns-2', JSON.stringify(s3Message(s3Record({ key: 'b' }))))),
      sqsRecord('m-3', JSON.stringify(eventBridge('Object Created', { object: { key: 'c', size: 1, etag: 'e' } }))),
    );

    const events = normalize(input);

    expect(events.map((e) => [e.key, e.messageId, e.via.join('/')])).toEqual([
      ['a', 'm-1', 's3/sqs'],
      ['b', 'm-2', 's3/sns/sqs'],
      ['c', 'm-3', 'eventbridge/sqs'],
    ]);
  });

  it('reads an empty ReceiveMessage result as no events (SDK v3 leaves Messages out when the queue is empty)', () => {
    expect(parse({ Messages: [] })).toEqual({ events: [], testEvents: [], failures: [] });
    expect(parse([])).toEqual({ events: [], testEvents: [], failures: [] });
    expect(parse({ Messages: undefined, $metadata: { httpStatusCode: 200 } })).toEqual({ events: [], testEvents: [], failures: [] });
  });
});

describe('the roads option', () => {
  it('accepts an event that came by an allowed road', () => {
    const events = normalize(sqsEvent(sqsRecord('m-1', EB)), { roads: [['eventbridge', 'sqs'], ['s3', 'sqs']] });
    expect(events.map((e) => e.via)).toEqual([['eventbridge', 'sqs']]);
  });

  it('turns an event from another road into an UNEXPECTED_ROAD failure for its message', () => {
    const input = sqsEvent(sqsRecord('m-1', EB), sqsRecord('m-2', S3));

    const { events, failures } = parse(input, { roads: [['s3', 'sqs']] });

    expect(events.map((e) => e.messageId)).toEqual(['m-2']);
    expect(failures.map((f) => [f.code, f.messageId])).toEqual([['UNEXPECTED_ROAD', 'm-1']]);
    expect(failures[0]?.message).toMatch(/eventbridge\/sqs/);
  });

  it('applies to test events too', () => {
    const { testEvents, failures } = parse(sqsEvent(sqsRecord('m-1', JSON.stringify(testEvent()))), { roads: [['eventbridge', 'sqs']] });
    expect(testEvents).toEqual([]);
    expect(failures.map((f) => f.code)).toEqual(['UNEXPECTED_ROAD']);
  });

  it('makes normalize throw for a direct event when only SQS is allowed', () => {
    expect(() => normalize(JSON.parse(S3), { roads: [['s3', 'sqs']] })).toThrow(
      expect.objectContaining({ code: 'UNEXPECTED_ROAD', messageId: undefined }),
    );
  });
});

describe('s3:TestEvent', () => {
  const TEST = JSON.stringify(testEvent('photos'));
  const cases = [
    { name: 'on SQS', input: sqsEvent(sqsRecord('m-1', TEST)), via: ['s3', 'sqs'], messageId: 'm-1', receiptHandle: 'AQEB-m-1' },
    { name: 'on SQS (ReceiveMessage)', input: { Messages: [sqsApiMessage('m-2', TEST)] }, via: ['s3', 'sqs'], messageId: 'm-2', receiptHandle: 'AQEB-m-2' },
    { name: 'on SNS', input: snsEvent(snsRecord('sns-1', TEST)), via: ['s3', 'sns'], messageId: 'sns-1', receiptHandle: undefined },
    {
      name: 'on SNS → SQS',
      input: sqsEvent(sqsRecord('m-3', snsJson('sns-2', TEST))),
      via: ['s3', 'sns', 'sqs'],
      messageId: 'm-3',
      receiptHandle: 'AQEB-m-3',
    },
  ] as const;

  it.each(cases)('is reported in parse().testEvents $name', ({ input, via, messageId, receiptHandle }) => {
    const { events, testEvents, failures } = parse(input);

    expect(events).toEqual([]);
    expect(failures).toEqual([]);
    expect(testEvents).toEqual([
      {
        name: 's3:TestEvent',
        bucket: 'photos',
        time: '2014-10-13T15:57:02.089Z',
        requestId: '5582815E1AEA5ADF',
        via,
        messageId,
        receiptHandle,
        record: testEvent('photos'),
      },
    ]);
  });

  it.each(cases)('is skipped by normalize() $name', ({ input }) => {
    expect(normalize(input)).toEqual([]);
  });

  it('sits next to the object events of the same batch', () => {
    const { events, testEvents } = parse(sqsEvent(sqsRecord('m-1', TEST), sqsRecord('m-2', S3)));
    expect(testEvents.map((t) => t.messageId)).toEqual(['m-1']);
    expect(events.map((e) => e.messageId)).toEqual(['m-2']);
  });

  it('needs both Service "Amazon S3" and Event "s3:TestEvent"', () => {
    const fake = JSON.stringify({ ...testEvent(), Service: 'MinIO' });
    expect(parse(sqsEvent(sqsRecord('m-1', fake))).failures.map((f) => f.code)).toEqual(['NOT_S3_EVENT']);
  });

  it('fails with INVALID_FIELD when a field is missing', () => {
    const { Bucket: _, ...noBucket } = testEvent();
    const { failures } = parse(sqsEvent(sqsRecord('m-1', JSON.stringify(noBucket))));
    expect(failures.map((f) => [f.code, f.path, f.messageId])).toEqual([['INVALID_FIELD', 'Records[0].body → Bucket', 'm-1']]);
  });
});
