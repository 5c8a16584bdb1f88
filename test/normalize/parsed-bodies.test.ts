/**
 * Bodies that arrive already parsed (an object where AWS sends JSON text), as
 * @middy/event-normalizer leaves them, on every road; and the rule that decodes a key exactly once
 * (docs/keys.md "Middlewares that decode keys").
 */
import { describe, expect, it } from 'vitest';
import { encodeKey, normalize, parse } from 's3-event-kit';
import { eventBridge, s3Message, s3Record, snsJson, snsRecord, sqsApiMessage, sqsRecord, testEvent } from './helpers.js';

const KEY = 'uploads/a b+c 100% 50%25 café ü.txt';
const RAW = encodeKey(KEY); // 'uploads/a+b%2Bc+100%25+50%2525+caf%C3%A9+%C3%BC.txt'
const withKey = (key: string) => s3Message(s3Record({ key }));

/** What @middy/event-normalizer does to a notification: keys decoded in place (form-decoding). */
const middyDecoded = () => withKey(KEY);

describe('an SQS body or SNS Message that arrived as an object', () => {
  it.each([
    ['an SQS Lambda record', { Records: [{ ...sqsRecord('m-1', ''), body: middyDecoded() }] }, ['s3', 'sqs'], 'm-1'],
    ['an SQS API message', { Messages: [{ ...sqsApiMessage('m-1', ''), Body: middyDecoded() }] }, ['s3', 'sqs'], 'm-1'],
    ['a single SQS API message', { ...sqsApiMessage('m-1', ''), Body: middyDecoded() }, ['s3', 'sqs'], 'm-1'],
    ['an SNS Lambda record', { Records: [{ ...snsRecord('sns-1', ''), Sns: { ...(snsRecord('sns-1', '')['Sns'] as object), Message: middyDecoded() } }] }, ['s3', 'sns'], 'sns-1'],
    [
      'SNS JSON in an SQS body, both parsed',
      { Records: [{ ...sqsRecord('m-1', ''), body: { ...JSON.parse(snsJson('sns-1', '')), Message: middyDecoded() } }] },
      ['s3', 'sns', 'sqs'],
      'm-1',
    ],
    ['SNS JSON posted over HTTP, Message parsed', { ...JSON.parse(snsJson('sns-1', '')), Message: middyDecoded() }, ['s3', 'sns'], 'sns-1'],
  ])('%s is read, and its keys are taken as already decoded', (_, input, via, messageId) => {
    const [event, ...more] = normalize(input);
    expect(more).toEqual([]);
    expect(event).toMatchObject({ key: KEY, rawKey: KEY, via, messageId });
  });

  it('a parsed body with JSON text inside (SNS JSON parsed, its Message still text) decodes the inner keys', () => {
    const input = { Records: [{ ...sqsRecord('m-1', ''), body: JSON.parse(snsJson('sns-1', JSON.stringify(withKey(RAW)))) }] };
    // The Message is text: nobody parsed it, so nobody decoded its keys.
    expect(normalize(input)[0]).toMatchObject({ key: KEY, rawKey: RAW, via: ['s3', 'sns', 'sqs'] });
  });

  it('EventBridge events and test events in parsed bodies are read as usual (EventBridge keys keep their own option)', () => {
    const bridge = eventBridge('Object Created', { object: { key: RAW, size: 1, etag: 'e', sequencer: '01' } });
    const batch = { Records: [{ ...sqsRecord('m-1', ''), body: bridge }, { ...sqsRecord('m-2', ''), body: testEvent() }] };
    const { events, testEvents, failures } = parse(batch);
    expect(failures).toEqual([]);
    expect(events).toMatchObject([{ key: KEY, rawKey: RAW, via: ['eventbridge', 'sqs'], messageId: 'm-1' }]);
    expect(testEvents).toMatchObject([{ via: ['s3', 'sqs'], messageId: 'm-2' }]);
  });

  it('mixed batches: text bodies are decoded, parsed ones are not', () => {
    const batch = { Records: [sqsRecord('m-1', JSON.stringify(withKey(RAW))), { ...sqsRecord('m-2', ''), body: middyDecoded() }] };
    expect(normalize(batch).map((e) => [e.messageId, e.key])).toEqual([
      ['m-1', KEY],
      ['m-2', KEY],
    ]);
  });

  it('decodeNotificationKeys: true decodes keys in parsed bodies too (a parser that leaves keys encoded)', () => {
    const input = { Records: [{ ...sqsRecord('m-1', ''), body: withKey(RAW) }] };
    expect(normalize(input)[0]?.key).toBe(RAW);
    expect(normalize(input, { decodeNotificationKeys: true })[0]).toMatchObject({ key: KEY, rawKey: RAW });
  });

  it('does not change the input', () => {
    const body = middyDecoded();
    const input = { Records: [{ ...sqsRecord('m-1', ''), body }] };
    const before = structuredClone(input);
    normalize(input);
    expect(input).toEqual(before);
  });

  it.each([
    ['a number body', { Records: [{ ...sqsRecord('m-1', ''), body: 7 }] }, 'INVALID_FIELD', 'Records[0].body', /expected JSON text \(or the object parsed from it\), got 7/],
    ['a null body', { Records: [{ ...sqsRecord('m-1', ''), body: null }] }, 'INVALID_FIELD', 'Records[0].body', /got null/],
    ['a missing body', { Records: [{ ...sqsRecord('m-1', ''), body: undefined }] }, 'INVALID_FIELD', 'Records[0].body', /^body is missing/],
    ['a parsed body that is not an S3 event', { Records: [{ ...sqsRecord('m-1', ''), body: { hello: 'world' } }] }, 'NOT_S3_EVENT', 'Records[0].body', /SQS message body carries no S3 event/],
    ['a parsed body that is an array', { Records: [{ ...sqsRecord('m-1', ''), body: [] }] }, 'NOT_S3_EVENT', 'Records[0].body', /carries no S3 event/],
    [
      'a bad record inside a parsed body',
      { Records: [{ ...sqsRecord('m-1', ''), body: s3Message(s3Record({ eventName: 'Nope' })) }] },
      'UNKNOWN_EVENT_NAME',
      'Records[0].body → Records[0].eventName',
      /unknown S3 event name/,
    ],
  ])('%s is a failure with its path and message id', (_, input, code, path, message) => {
    const { failures } = parse(input);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ code, path, messageId: 'm-1' });
    expect(failures[0]?.message).toMatch(message);
  });
});

describe('a direct S3 event whose keys a middleware decoded (no trace left): decodeNotificationKeys', () => {
  it('false takes the keys as they are', () => {
    expect(normalize(middyDecoded(), { decodeNotificationKeys: false })[0]).toMatchObject({ key: KEY, rawKey: KEY });
  });

  it('by default a decoded key that cannot be decoded again fails, naming the option', () => {
    const [failure] = parse(middyDecoded()).failures;
    expect(failure).toMatchObject({ code: 'MALFORMED_KEY', path: 'Records[0].s3.object.key', input: KEY });
    expect(failure?.message).toMatch(/is not valid URL-encoding; if a middleware already decoded it \(@middy\/event-normalizer decodes S3 keys in place\), pass decodeNotificationKeys: false/);
  });

  it('by default a key that holds a space and would change when decoded fails instead of being corrupted', () => {
    const [failure] = parse(withKey('a b+c.txt')).failures;
    expect(failure).toMatchObject({ code: 'MALFORMED_KEY', path: 'Records[0].s3.object.key', input: 'a b+c.txt' });
    expect(failure?.message).toMatch(/holds a space, which S3 sends as "\+": it was decoded already.*decodeNotificationKeys: false/);
  });

  it('keys that decoding leaves as they are read the same either way (spaces alone, non-ASCII alone)', () => {
    for (const key of ['a b.txt', 'café.txt', 'plain/key.txt']) {
      expect(normalize(withKey(key))[0]?.key).toBe(key);
      expect(normalize(withKey(key), { decodeNotificationKeys: false })[0]?.key).toBe(key);
    }
  });

  it('true and the default decode S3-encoded keys once', () => {
    expect(normalize(withKey(RAW))[0]).toMatchObject({ key: KEY, rawKey: RAW });
    expect(normalize(withKey(RAW), { decodeNotificationKeys: true })[0]).toMatchObject({ key: KEY, rawKey: RAW });
  });
});
