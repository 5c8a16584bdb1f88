/**
 * The middy recipe end to end: @middy/core + @middy/event-normalizer in front of subscribe(), on
 * real sample payloads (test/fixtures) whose keys hold spaces, "+", "%" and non-ASCII characters.
 * @middy/event-normalizer (6.4.5, index.js) parses SQS `body` and SNS `Message` in place and
 * decodes every S3 notification key it reaches (`decodeURIComponent(key.replace(/\+/g, ' '))`);
 * EventBridge keys it leaves alone. docs/keys.md says how the library avoids decoding twice.
 */
import middy from '@middy/core';
import eventNormalizer from '@middy/event-normalizer';
import type { Context } from 'aws-lambda';
import { readFileSync } from 'node:fs';
import { encodeKey, normalize, subscribe, type S3ObjectEvent } from 's3-event-kit';
import { describe, expect, it } from 'vitest';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const fixture = (name: string): Json => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as Json;

const KEYS = ['uploads/red flower.jpg', 'a+b=c/100% 50%25.txt', 'año/café ü 東京.csv', 'plain/key.txt'];

/** powertools-python__s3Event.json (looks recorded), its key replaced by `key`, encoded as S3 does. */
function s3Event(key: string): Json {
  const event = fixture('powertools-python__s3Event.json');
  event['Records'][0].s3.object.key = encodeKey(key);
  return event;
}

/** powertools-python__s3SqsEvent.json (recorded S3 → SQS), one record per key. */
function sqsEvent(keys: readonly string[]): Json {
  const template = fixture('powertools-python__s3SqsEvent.json')['Records'][0];
  return { Records: keys.map((key, index) => ({ ...template, messageId: `m-${index}`, body: JSON.stringify(s3Event(key)) })) };
}

/** aws-lambda-java-libs__sns_event.json (S3 → SNS → Lambda), its Message an S3 event. */
function snsEvent(key: string): Json {
  const event = fixture('aws-lambda-java-libs__sns_event.json');
  event['Records'][0].Sns.Message = JSON.stringify(s3Event(key));
  return event;
}

/** powertools-python__snsSqsEvent.json (recorded SNS → SQS), its SNS Message an S3 event. */
function snsSqsEvent(key: string): Json {
  const event = fixture('powertools-python__snsSqsEvent.json');
  const record = event['Records'][0];
  record.body = JSON.stringify({ ...JSON.parse(record.body), Message: JSON.stringify(s3Event(key)) });
  return event;
}

/** An EventBridge event (powertools-python sample) delivered by a rule to SQS. */
function eventBridgeSqsEvent(key: string): Json {
  const bridge = fixture('powertools-python__s3EventBridgeNotificationObjectCreatedEvent.json');
  bridge['detail'].object.key = encodeKey(key);
  const template = fixture('powertools-python__s3SqsEvent.json')['Records'][0];
  return { Records: [{ ...template, messageId: 'eb-0', body: JSON.stringify(bridge) }] };
}

/** The recipe's failures are expected here: keep the test output clean. */
const quiet = { error() {}, warn() {}, info() {}, debug() {} };

const context = { functionName: 'thumbnailer', awsRequestId: 'req-1' } as Context;

/** middy(subscription).use(eventNormalizer()): the recipe of docs/production.md "## middy". */
function recipe(options: Parameters<typeof subscribe>[0] = {}) {
  const seen: S3ObjectEvent[] = [];
  const subscription = subscribe({ logger: quiet, ...options }, async (event) => {
    seen.push(event);
  });
  const handler = middy(subscription).use(eventNormalizer());
  return { seen, handler: handler as (event: unknown, context: Context) => Promise<unknown> };
}

describe('@middy/core + @middy/event-normalizer + subscribe()', () => {
  it('S3 → SQS: every message is handled with its key decoded once', async () => {
    const { seen, handler } = recipe();
    const response = await handler(sqsEvent(KEYS), context);
    expect(response).toEqual({ batchItemFailures: [] });
    expect(seen.map((e) => [e.messageId, e.key, e.via])).toEqual(KEYS.map((key, index) => [`m-${index}`, key, ['s3', 'sqs']]));
  });

  it.each(KEYS)('S3 → SNS → Lambda and S3 → SNS → SQS: %j', async (key) => {
    const sns = recipe();
    await sns.handler(snsEvent(key), context);
    expect(sns.seen.map((e) => [e.key, e.via])).toEqual([[key, ['s3', 'sns']]]);

    const snsSqs = recipe();
    expect(await snsSqs.handler(snsSqsEvent(key), context)).toEqual({ batchItemFailures: [] });
    expect(snsSqs.seen.map((e) => [e.key, e.via])).toEqual([[key, ['s3', 'sns', 'sqs']]]);
  });

  it('EventBridge → SQS: the normalizer leaves the EventBridge key alone, the library decodes it once', async () => {
    const { seen, handler } = recipe();
    await handler(eventBridgeSqsEvent(KEYS[1] as string), context);
    expect(seen.map((e) => [e.key, e.via])).toEqual([[KEYS[1], ['eventbridge', 'sqs']]]);
  });

  it('an s3:TestEvent in a parsed body is acknowledged, never a failure', async () => {
    const { seen, handler } = recipe();
    const template = fixture('powertools-python__s3SqsEvent.json')['Records'][0];
    const body = JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent', Time: '2024-03-14T19:02:45.087Z', Bucket: 'photos', RequestId: 'r', HostId: 'h' });
    expect(await handler({ Records: [{ ...template, body }] }, context)).toEqual({ batchItemFailures: [] });
    expect(seen).toEqual([]);
  });

  it('a bad message is still reported by id, the good ones handled', async () => {
    const { seen, handler } = recipe();
    const event = sqsEvent(['ok.txt']);
    event['Records'].push({ ...event['Records'][0], messageId: 'bad', body: '{"hello":"world"}' });
    expect(await handler(event, context)).toEqual({ batchItemFailures: [{ itemIdentifier: 'bad' }] });
    expect(seen.map((e) => e.key)).toEqual(['ok.txt']);
  });

  it('S3 → Lambda directly: the decoded key leaves no trace, so decodeNotificationKeys: false says so', () => {
    // What the middleware leaves, read by normalize() (subscribe() does not forward the option yet).
    for (const key of KEYS) {
      const event = s3Event(key);
      const key2 = event['Records'][0].s3.object.key as string;
      event['Records'][0].s3.object.key = decodeURIComponent(key2.replace(/\+/g, ' ')); // exactly what event-normalizer does
      expect(normalize(event, { decodeNotificationKeys: false })[0]?.key).toBe(key);
    }
  });

  it('S3 → Lambda directly without the option: a key that would be decoded twice fails loudly instead of being corrupted', async () => {
    const { seen, handler } = recipe();
    await expect(handler(s3Event(KEYS[1] as string), context)).rejects.toThrow(/decodeNotificationKeys: false/);
    expect(seen).toEqual([]);
  });

  it.each(KEYS)('S3 → Lambda directly with subscribe({ decodeNotificationKeys: false }): %j handled with its key as it was', async (key) => {
    const { seen, handler } = recipe({ decodeNotificationKeys: false });
    await handler(s3Event(key), context);
    expect(seen.map((e) => [e.key, e.via])).toEqual([[key, ['s3']]]);
  });
});
