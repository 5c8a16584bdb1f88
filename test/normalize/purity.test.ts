/** normalize/ is pure: the input is never mutated, and JSON keys cannot reach Object.prototype. */
import { afterEach, describe, expect, it } from 'vitest';
import { normalize, parse } from 's3-event-kit';
import {
  deepFreeze,
  eventBridge,
  fixture,
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

const S3 = JSON.stringify(s3Message(s3Record({ key: 'a+b%3D1' })));
const EB = JSON.stringify(eventBridge('Object Restore Completed', { 'restore-expiry-time': '2021-11-13T00:00:00Z', reason: undefined }));

const INPUTS = {
  's3 (with family fields)': fixture('awsdocs__replication-metrics-events__OperationFailedReplication.json'),
  'glacier restore': fixture('aws-lambda-go__s3-glacier-event.json'),
  'sqs lambda': sqsEvent(sqsRecord('m-1', S3), sqsRecord('m-2', 'bad'), sqsRecord('m-3', JSON.stringify(testEvent()))),
  'sqs api': { Messages: [sqsApiMessage('m-1', S3), sqsApiMessage('m-2', snsJson('s', EB))] },
  'sns lambda': snsEvent(snsRecord('s-1', S3), snsRecord('s-2', EB, 'URL')),
  eventbridge: JSON.parse(EB) as unknown,
  'eventbridge deleted': fixture('powertools-python__s3EventBridgeNotificationObjectExpiredEvent.json'),
};

describe('no mutation of the input', () => {
  it.each(Object.entries(INPUTS))('%s: a deep-frozen input reads the same as a fresh copy', (_, input) => {
    const fresh = structuredClone(input);
    const frozen = deepFreeze(structuredClone(input));

    const fromFrozen = parse(frozen);

    expect(fromFrozen.events.length + fromFrozen.testEvents.length).toBeGreaterThan(0);
    expect(fromFrozen.events).toEqual(parse(fresh).events);
    expect(frozen).toEqual(fresh);
  });

  it.each(Object.entries(INPUTS))('%s: a plain input is deep-equal to its copy afterwards', (_, input) => {
    const before = structuredClone(input);
    parse(input);
    expect(input).toEqual(before);
  });

  it('events keep the original record by reference (no copy, no change)', () => {
    const input = deepFreeze(s3Message(s3Record()));
    expect(normalize(input)[0]?.record).toBe(input.Records[0]);
  });
});

describe('no prototype pollution', () => {
  afterEach(() => {
    delete (Object.prototype as Record<string, unknown>)['polluted'];
  });

  const poison = '"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}';

  it.each([
    ['the S3 message', `{${poison},"Records":${JSON.stringify(s3Message().Records)}}`],
    ['a record', S3.replace('{"eventVersion"', `{${poison},"eventVersion"`)],
    ['the object block', S3.replace('"key":', `${poison},"key":`)],
    ['bucket tags', S3.replace('"arn":', `"awsGeneratedTags":{${poison}},"arn":`)],
    ['an SQS record', JSON.stringify(sqsEvent(sqsRecord('m-1', S3))).replace('{"messageId"', `{${poison},"messageId"`)],
    ['an SQS body', JSON.stringify(sqsEvent(sqsRecord('m-1', S3.replace('{"Records"', `{${poison},"Records"`))))],
    ['an EventBridge detail', EB.replace('"detail":{', `"detail":{${poison},`)],
    ['EventBridge bucket tags', EB.replace('"bucket":{', `"bucket":{"aws-generated-tags":{${poison}},`)],
    ['an SNS message', JSON.stringify(snsEvent(snsRecord('s', S3))).replace('"Sns":{', `"Sns":{${poison},`)],
  ])('in %s', (_, text) => {
    expect(text).toContain('__proto__');

    const result = parse(text);
    parse(JSON.parse(text));

    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    for (const event of result.events) expect(Object.getPrototypeOf(event)).toBe(Object.prototype);
    expect(result.events.length + result.failures.length).toBeGreaterThan(0);
  });

  it('an eventName or reason named like a prototype key is unknown, not a lookup into Object.prototype', () => {
    for (const name of ['__proto__', 'constructor', 'hasOwnProperty', 'toString']) {
      expect(parse(s3Message(s3Record({ eventName: name }))).failures.map((f) => f.code)).toEqual(['UNKNOWN_EVENT_NAME']);
      expect(parse(eventBridge('Object Created', { reason: name })).failures.map((f) => f.code)).toEqual(['UNKNOWN_EVENT_NAME']);
      expect(parse(eventBridge('Object Deleted', { reason: 'DeleteObject', 'deletion-type': name })).failures.map((f) => f.code)).toEqual([
        'UNKNOWN_EVENT_NAME',
      ]);
      expect(parse({ ...eventBridge(), 'detail-type': name }).failures.map((f) => f.code)).toEqual(['UNKNOWN_EVENT_NAME']);
    }
  });
});
