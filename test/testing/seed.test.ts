/** `seed`: every factory's random ids and clock become deterministic, so snapshots do not churn. */
import { describe, expect, it } from 'vitest';
import { normalize, parse } from 's3-event-kit';
import {
  asEventBridge,
  asS3Event,
  asSns,
  asSqs,
  deliver,
  isS3EventFactoryError,
  ROADS,
  s3Record,
  sqsMessage,
  sqsRecord,
  testEvent,
} from 's3-event-kit/testing';

const SEED_TIME = '2024-01-01T00:00:00.000Z';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Every factory call, built twice from the same seed. */
const builds: Record<string, (seed: string | number) => unknown> = {
  s3Record: (seed) => s3Record({ seed }),
  'asS3Event(s3Record)': (seed) => asS3Event(s3Record({ name: 'ObjectRemoved:Delete', seed })),
  testEvent: (seed) => testEvent({ seed }),
  asEventBridge: (seed) => asEventBridge({ name: 'ObjectRestore:Completed', seed }),
  'asEventBridge(record)': (seed) => asEventBridge(s3Record({ seed }), { seed }),
  asSns: (seed) => asSns(asS3Event(s3Record({ seed })), { seed }),
  "asSns(…, { delivery: 'sqs' })": (seed) => asSns(asEventBridge({ seed }), { delivery: 'sqs', seed }),
  asSqs: (seed) => asSqs(asS3Event(s3Record({ seed })), { seed }),
  'asSqs(text)': (seed) => asSqs('not json', { seed }),
  'asSqs([…])': (seed) => asSqs([testEvent({ seed }), 'x', 'y'], { seed }),
  "asSqs(…, { shape: 'api' })": (seed) => asSqs(testEvent({ seed }), { shape: 'api', seed }),
  sqsRecord: (seed) => sqsRecord('body', { seed }),
  sqsMessage: (seed) => sqsMessage('body', { seed }),
  ...Object.fromEntries(ROADS.map((road) => [`deliver ${road.join('→')}`, (seed: string | number) => deliver(s3Record({ seed }), road, { seed })])),
};

describe('seed', () => {
  it.each(Object.entries(builds))('%s: two calls with the same seed give identical output', (_, build) => {
    expect(JSON.stringify(build('snapshot'))).toBe(JSON.stringify(build('snapshot')));
    expect(JSON.stringify(build(42))).toBe(JSON.stringify(build(42)));
  });

  it.each(Object.entries(builds))('%s: another seed gives other ids', (_, build) => {
    expect(JSON.stringify(build('a'))).not.toBe(JSON.stringify(build('b')));
  });

  it('tells the number 1 from the string "1"', () => {
    expect(asSqs('x', { seed: 1 }).Records[0]?.messageId).not.toBe(asSqs('x', { seed: '1' }).Records[0]?.messageId);
  });

  it('writes ids of the real formats and the seed time', () => {
    const record = s3Record({ seed: 's' });
    expect(record.eventTime).toBe(SEED_TIME);
    expect(record.responseElements['x-amz-request-id']).toMatch(/^[A-Z0-9]{16}$/);
    expect(record.responseElements['x-amz-id-2']).toMatch(/^[A-Za-z0-9+/]{76}$/);
    expect(record.s3.object.sequencer).toMatch(/^[0-9A-F]{18}$/);

    const sqs = asSqs('text', { seed: 's' }).Records[0];
    expect(sqs?.messageId).toMatch(UUID);
    expect(sqs?.receiptHandle).toMatch(/^AQEB[A-Za-z0-9+/]+=*$/);
    expect(sqs?.attributes.SentTimestamp).toBe(String(Date.parse(SEED_TIME)));

    const sns = asSns('text', { seed: 's' }).Records[0];
    expect(sns?.Sns.MessageId).toMatch(UUID);
    expect(sns?.Sns.Timestamp).toBe(SEED_TIME);
    expect(sns?.Sns.Signature).toHaveLength(344);
    expect(sns?.EventSubscriptionArn).toMatch(new RegExp(`:s3-events:${UUID.source.slice(1, -1)}$`));

    const rule = asEventBridge({ seed: 's' });
    expect(rule.id).toMatch(UUID);
    expect(rule.time).toBe('2024-01-01T00:00:00Z');

    const test = testEvent({ seed: 's' });
    expect(test.Time).toBe(SEED_TIME);
    expect(test.RequestId).toMatch(/^[A-Z0-9]{16}$/);
  });

  it('gives each message of a seeded batch its own ids', () => {
    const { Records } = asSqs(['a', 'b', 'c'], { seed: 'batch' });
    expect(new Set(Records.map((r) => r.messageId)).size).toBe(3);
    expect(new Set(Records.map((r) => r.receiptHandle)).size).toBe(3);
    // and the batch reports failures by those stable ids
    expect(parse(asSqs(['a', 'b'], { seed: 'batch' })).failures.map((f) => f.messageId)).toEqual(Records.slice(0, 2).map((r) => r.messageId));
  });

  it('lets explicit values win over the seed', () => {
    const record = s3Record({ seed: 1, time: '2020-05-05T05:05:05.005Z', requestId: 'R' });
    expect(record.eventTime).toBe('2020-05-05T05:05:05.005Z');
    expect(record.responseElements['x-amz-request-id']).toBe('R');
    expect(asSqs('x', { seed: 1, messageId: 'm1' }).Records[0]?.messageId).toBe('m1');
    expect(asEventBridge({ seed: 1, id: 'e1' }).id).toBe('e1');
    expect(deliver(s3Record({ seed: 1 }), ['s3', 'sqs'], { seed: 1, sqs: { seed: 2 } })).toEqual(asSqs(asS3Event(s3Record({ seed: 1 })), { seed: 2 }));
  });

  it('keeps payloads readable by normalize()', () => {
    for (const road of ROADS) {
      const [event] = normalize(deliver(s3Record({ key: 'a b.txt', seed: 'n' }), road, { seed: 'n' }));
      expect(event?.key).toBe('a b.txt');
      expect(event?.time.startsWith('2024-01-01T00:00:00')).toBe(true);
    }
  });

  it('without a seed, ids stay random', () => {
    expect(asSqs('x').Records[0]?.messageId).not.toBe(asSqs('x').Records[0]?.messageId);
    expect(s3Record().responseElements['x-amz-request-id']).not.toBe(s3Record().responseElements['x-amz-request-id']);
  });

  it.each([[''], [Number.NaN], [Infinity], [{}], [null]])('rejects the seed %s', (seed) => {
    const attempts = [
      () => s3Record({ seed: seed as string }),
      () => asSqs('x', { seed: seed as string }),
      () => asSns('x', { seed: seed as string }),
      () => asEventBridge({ seed: seed as string }),
      () => testEvent({ seed: seed as string }),
    ];
    for (const attempt of attempts) {
      let caught: unknown;
      try {
        attempt();
      } catch (error) {
        caught = error;
      }
      expect(isS3EventFactoryError(caught) && caught.option === 'seed').toBe(true);
    }
  });
});
