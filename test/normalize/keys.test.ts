/** Object keys: form-decoding exactly once (research §4), and malformed escapes as MALFORMED_KEY. */
import { describe, expect, it } from 'vitest';
import { decodeKey, encodeKey, isS3EventParseError, normalize, parse, S3EventParseError } from 's3-event-kit';
import { s3Message, s3Record, snsJson, snsRecord, snsEvent, sqsEvent, sqsRecord, thrown } from './helpers.js';

describe('decodeKey', () => {
  it.each([
    ['red+flower.jpg', 'red flower.jpg'],
    ['this+im+%2B+age+blah.txt', 'this im + age blah.txt'], // aws/aws-sdk-net#640
    ['a%40b', 'a@b'],
    ['year%3D2025/', 'year=2025/'],
    ['test%2F10%3A47%3A07', 'test/10:47:07'],
    ['caf%C3%A9.csv', 'café.csv'],
    ['%F0%9F%98%80+smile.png', '😀 smile.png'], // an astral character: 4 UTF-8 bytes, one surrogate pair
    ['%E2%82%AC%F0%90%8D%88', '€𐍈'],
    ['Happy%20Face.jpg', 'Happy Face.jpg'],
    ['/path/to/file.parquet', '/path/to/file.parquet'], // a leading / is kept
    ['plain-key_1.txt', 'plain-key_1.txt'],
    ['', ''],
  ])('%j → %j', (raw, decoded) => {
    expect(decodeKey(raw)).toBe(decoded);
  });

  it('decodes exactly once: %2520 is a literal %20, %252B a literal %2B', () => {
    expect(decodeKey('100%2520off')).toBe('100%20off');
    expect(decodeKey('a%252Bb')).toBe('a%2Bb');
  });

  it('reads + as a space but %2B as a plus', () => {
    expect(decodeKey('a+%2B+b')).toBe('a + b');
  });

  it.each(['%', '100%', '%E0%A4%A', '%FF', '%C3', '%zz', '%ED%A0%80' /* an encoded lone surrogate */])(
    'throws MALFORMED_KEY with the raw key for %j, never a URIError',
    (raw) => {
      const error = thrown(() => decodeKey(raw));

      expect(error).toBeInstanceOf(S3EventParseError);
      expect(error).not.toBeInstanceOf(URIError);
      expect(error).toMatchObject({ name: 'S3EventParseError', code: 'MALFORMED_KEY', input: raw, path: '' });
      expect((error as Error).cause).toBeInstanceOf(URIError);
    },
  );
});

describe('encodeKey', () => {
  it.each([
    ['red flower.jpg', 'red+flower.jpg'],
    ['a+b=c/d.txt', 'a%2Bb%3Dc/d.txt'],
    ['a@b', 'a%40b'],
    ['café', 'caf%C3%A9'],
    ['😀', '%F0%9F%98%80'],
    ['100%20off', '100%2520off'],
  ])('%j → %j, and back', (key, raw) => {
    expect(encodeKey(key)).toBe(raw);
    expect(decodeKey(encodeKey(key))).toBe(key);
  });

  it('rejects a lone surrogate with MALFORMED_KEY', () => {
    const error = thrown(() => encodeKey('bad\uD800key'));
    expect(isS3EventParseError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'MALFORMED_KEY', input: 'bad\uD800key' });
  });
});

describe('keys inside payloads', () => {
  const withKey = (key: string) => JSON.stringify(s3Message(s3Record({ key })));

  it('are decoded into key, with the raw key kept in rawKey and in the record', () => {
    const [event] = normalize(s3Message(s3Record({ key: 'year%3D2025/caf%C3%A9+menu%40home.pdf' })));
    expect(event).toMatchObject({ key: 'year=2025/café menu@home.pdf', rawKey: 'year%3D2025/caf%C3%A9+menu%40home.pdf' });
    expect((event?.record as { s3: { object: { key: string } } }).s3.object.key).toBe('year%3D2025/caf%C3%A9+menu%40home.pdf');
  });

  it('are decoded once even when the body travelled through SNS and SQS (three JSON layers)', () => {
    const [event] = normalize(JSON.stringify(sqsEvent(sqsRecord('m-1', snsJson('sns-1', withKey('100%2525+off'))))));
    expect(event?.key).toBe('100%25 off');
  });

  it.each([
    ['S3 → Lambda', s3Message(s3Record({ key: '%E0%A4%A' })), 'Records[0].s3.object.key', undefined],
    ['S3 → SQS', sqsEvent(sqsRecord('m-1', withKey('%E0%A4%A'))), 'Records[0].body → Records[0].s3.object.key', 'm-1'],
    ['S3 → SNS', snsEvent(snsRecord('sns-1', withKey('%E0%A4%A'))), 'Records[0].Sns.Message → Records[0].s3.object.key', 'sns-1'],
    [
      'S3 → SNS → SQS (4th message of the batch)',
      sqsEvent(
        ...['m-0', 'm-1', 'm-2'].map((id) => sqsRecord(id, withKey('ok'))),
        sqsRecord('m-3', snsJson('sns-1', withKey('%E0%A4%A'))),
      ),
      'Records[3].body → Message → Records[0].s3.object.key',
      'm-3',
    ],
  ])('a malformed key on %s is MALFORMED_KEY with its path and message id', (_, input, path, messageId) => {
    const { events, failures } = parse(input);

    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ code: 'MALFORMED_KEY', input: '%E0%A4%A', path, messageId });
    expect(failures[0]?.message).toContain(path);
    expect(events.every((e) => e.key === 'ok')).toBe(true);
  });

  it('normalize throws the S3EventParseError, not a URIError', () => {
    const error = thrown(() => normalize(s3Message(s3Record({ key: '%FF' }))));
    expect(isS3EventParseError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'MALFORMED_KEY', input: '%FF' });
  });

  it('fails the second record of a message with its index in the path', () => {
    const input = s3Message(s3Record({ key: 'ok' }), s3Record({ key: '%' }));
    expect(parse(input).failures.map((f) => f.path)).toEqual(['Records[1].s3.object.key']);
  });
});
