/** S3EventParseError, the cross-realm guard, and failures that are never empty successes. */
import { buildSync } from 'esbuild';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { isS3EventParseError, normalize, parse, parseMessages, S3EventParseError } from 's3-event-kit';
import { eventBridge, s3Message, s3Record, snsEvent, snsJson, snsRecord, sqsApiMessage, sqsEvent, sqsRecord, thrown } from './helpers.js';

const S3 = JSON.stringify(s3Message());

describe('S3EventParseError', () => {
  it('carries a stable name, code, path, message id and input, and says where in its message', () => {
    const error = new S3EventParseError('not JSON', { code: 'INVALID_JSON', path: 'Records[3].body', messageId: 'm-3', input: 'x' });

    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'S3EventParseError', code: 'INVALID_JSON', path: 'Records[3].body', messageId: 'm-3', input: 'x' });
    expect(error.message).toBe('not JSON at Records[3].body (message m-3)');
    expect(String(error)).toBe('S3EventParseError: not JSON at Records[3].body (message m-3)');
    expect(error.stack?.split('\n')[0]).toBe('S3EventParseError: not JSON at Records[3].body (message m-3)');
  });

  it('omits the path and message id from the message when there are none, and keeps a cause', () => {
    const cause = new SyntaxError('Unexpected token');
    const error = new S3EventParseError('not JSON', { code: 'INVALID_JSON', path: '', input: 'x', cause });
    expect(error.message).toBe('not JSON');
    expect(error.messageId).toBeUndefined();
    expect(error.cause).toBe(cause);
    expect(new S3EventParseError('p', { code: 'INVALID_JSON', path: '', input: 1 })).not.toHaveProperty('cause');
  });
});

describe('isS3EventParseError', () => {
  it('is true for errors of this copy, false for other values', () => {
    expect(isS3EventParseError(new S3EventParseError('x', { code: 'UNKNOWN_SHAPE', path: '', input: null }))).toBe(true);
    for (const other of [new Error('x'), new URIError('x'), null, undefined, 'S3EventParseError', 42, {}, []]) {
      expect(isS3EventParseError(other)).toBe(false);
    }
  });

  it('is false for a look-alike that only copies the name and code', () => {
    expect(isS3EventParseError({ name: 'S3EventParseError', code: 'INVALID_JSON', path: '', message: 'x' })).toBe(false);
  });

  it('is true for a structurally branded copy (another bundle or version of the package)', () => {
    const copy = { name: 'S3EventParseError', [Symbol.for('s3-event-kit.S3EventParseError')]: true };
    expect(isS3EventParseError(copy)).toBe(true);
  });

  it('is true for an error thrown in another realm (vm context) by another copy of the code', () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const { outputFiles } = buildSync({
      stdin: { contents: "export { decodeKey } from './src/normalize/key.ts';", resolveDir: root, loader: 'ts' },
      bundle: true,
      format: 'cjs',
      write: false,
      logLevel: 'silent',
    });
    const sandbox = { module: { exports: {} as { decodeKey?: (key: string) => string } } };
    vm.runInNewContext(outputFiles[0]!.text, sandbox);

    const foreign = thrown(() => sandbox.module.exports.decodeKey?.('%'));

    expect(foreign).not.toBeInstanceOf(S3EventParseError);
    expect(foreign).not.toBeInstanceOf(Error); // another realm's Error
    expect(isS3EventParseError(foreign)).toBe(true);
    expect(foreign).toMatchObject({ name: 'S3EventParseError', code: 'MALFORMED_KEY', input: '%' });
  });
});

describe('anything that is not an S3 event is a failure, never an empty success', () => {
  it.each([
    ['an SNS message about something else', snsEvent(snsRecord('sns-1', '{"message":"hello"}')), 'NOT_S3_EVENT', 'Records[0].Sns.Message', 'sns-1'],
    ['an SQS body that is not JSON', sqsEvent(sqsRecord('m-1', 'hello')), 'INVALID_JSON', 'Records[0].body', 'm-1'],
    ['an SQS body that is a JSON string', sqsEvent(sqsRecord('m-1', JSON.stringify(S3))), 'NOT_S3_EVENT', 'Records[0].body', 'm-1'],
    ['an SQS body with an empty Records array', sqsEvent(sqsRecord('m-1', '{"Records":[]}')), 'NOT_S3_EVENT', 'Records[0].body', 'm-1'],
    ['an SNS notification in an SNS notification', sqsEvent(sqsRecord('m-1', snsJson('a', snsJson('b', S3)))), 'NOT_S3_EVENT', 'Records[0].body → Message', 'm-1'],
    [
      'a record without s3.object',
      s3Message({ ...s3Record(), s3: { s3SchemaVersion: '1.0', bucket: { name: 'b' } } }),
      'INVALID_FIELD',
      'Records[0].s3.object',
      undefined,
    ],
    ['an empty Records array', { Records: [] }, 'UNKNOWN_SHAPE', '', undefined],
    ['an empty object', {}, 'UNKNOWN_SHAPE', '', undefined],
    ['null', null, 'UNKNOWN_SHAPE', '', undefined],
    ['undefined', undefined, 'UNKNOWN_SHAPE', '', undefined],
    ['a number', 42, 'UNKNOWN_SHAPE', '', undefined],
    ['a string that is not JSON', 'hello', 'INVALID_JSON', '', undefined],
    ['a JSON string of a JSON string', JSON.stringify(S3), 'UNKNOWN_SHAPE', '', undefined],
    ['a record from another source', { Records: [{ eventSource: 'aws:kinesis', kinesis: {} }] }, 'UNKNOWN_SHAPE', '', undefined],
    ['a MinIO record', { Records: [{ ...s3Record(), eventSource: 'minio:s3' }] }, 'UNKNOWN_SHAPE', '', undefined],
    ['an unknown eventName', s3Message(s3Record({ eventName: 'ObjectCreated:Teleport' })), 'UNKNOWN_EVENT_NAME', 'Records[0].eventName', undefined],
    ['a config-style wildcard eventName', s3Message(s3Record({ eventName: 's3:ObjectCreated:*' })), 'UNKNOWN_EVENT_NAME', 'Records[0].eventName', undefined],
    ['a second record from another source', s3Message(s3Record(), { ...s3Record(), eventSource: 'aws:sqs' }), 'NOT_S3_EVENT', 'Records[1].eventSource', undefined],
    ['a second record that is not an object', s3Message(s3Record(), 'x' as never), 'INVALID_FIELD', 'Records[1]', undefined],
    ['an SQS API message without a Body', [{ MessageId: 'm-1', ReceiptHandle: 'r' }], 'INVALID_FIELD', '[0].Body', 'm-1'],
    ['an array of junk', [42], 'UNKNOWN_SHAPE', '[0]', undefined],
    ['SNS JSON whose Message is neither JSON text nor an object', { ...JSON.parse(snsJson('sns-1', S3)), Message: 42 }, 'INVALID_FIELD', 'Message', 'sns-1'],
    ['SNS JSON whose already-parsed Message is not an S3 event', { ...JSON.parse(snsJson('sns-1', S3)), Message: { Records: [] } }, 'NOT_S3_EVENT', 'Message', 'sns-1'],
    [
      'SNS JSON in SQS without a Message',
      sqsEvent(sqsRecord('m-1', JSON.stringify({ ...JSON.parse(snsJson('sns-1', S3)), Message: undefined }))),
      'INVALID_FIELD',
      'Records[0].body → Message',
      'm-1',
    ],
    ['an SNS notification of another type', sqsEvent(sqsRecord('m-1', JSON.stringify({ ...JSON.parse(snsJson('s', S3)), Type: 'SubscriptionConfirmation' }))), 'NOT_S3_EVENT', 'Records[0].body', 'm-1'],
  ])('%s', (_, input, code, path, messageId) => {
    const { events, testEvents, failures } = parse(input);

    expect(events).toEqual([]);
    expect(testEvents).toEqual([]);
    expect(failures.map((f) => ({ code: f.code, path: f.path, messageId: f.messageId }))).toEqual([{ code, path, messageId }]);
    expect(() => normalize(input)).toThrow(S3EventParseError);
  });

  it('a record whose field has the wrong type says which type it got', () => {
    const [failure] = parse(s3Message(s3Record({ object: { key: 'k', size: '1024', eTag: 'e' } }))).failures;
    expect(failure).toMatchObject({ code: 'INVALID_FIELD', path: 'Records[0].s3.object.size', input: '1024' });
    expect(failure?.message).toMatch(/expected a size in bytes \(a whole number\), got string "1024"/);
  });
});

describe('batches', () => {
  it('attribute each failure to its SQS message id; the good messages still yield their events', () => {
    const input = sqsEvent(
      sqsRecord('m-0', S3),
      sqsRecord('m-1', 'not json'),
      sqsRecord('m-2', snsJson('sns-2', '{"hello":"world"}')),
      sqsRecord('m-3', JSON.stringify(eventBridge())),
      sqsRecord('m-4', JSON.stringify(s3Message(s3Record({ key: '%' })))),
    );

    const { events, failures } = parse(input);

    expect(events.map((e) => e.messageId)).toEqual(['m-0', 'm-3']);
    expect(failures.map((f) => [f.messageId, f.code, f.path])).toEqual([
      ['m-1', 'INVALID_JSON', 'Records[1].body'],
      ['m-2', 'NOT_S3_EVENT', 'Records[2].body → Message'],
      ['m-4', 'MALFORMED_KEY', 'Records[4].body → Records[0].s3.object.key'],
    ]);
  });

  it('attribute failures to the SNS message id on an SNS Lambda event', () => {
    const { events, failures } = parse(snsEvent(snsRecord('sns-0', S3), snsRecord('sns-1', 'x')));
    expect(events.map((e) => e.messageId)).toEqual(['sns-0']);
    expect(failures.map((f) => f.messageId)).toEqual(['sns-1']);
  });

  it('attribute failures to the ReceiveMessage MessageId, with the index in the path', () => {
    const { failures } = parse({ Messages: [sqsApiMessage('m-0', S3), sqsApiMessage('m-1', '{')] });
    expect(failures.map((f) => [f.messageId, f.path])).toEqual([['m-1', 'Messages[1].Body']]);
  });

  it('report a record of another kind in a batch as UNKNOWN_SHAPE for that record', () => {
    const sqs = sqsEvent(sqsRecord('m-0', S3), { ...sqsRecord('m-1', S3), eventSource: 'aws:sns' });
    expect(parse(sqs).failures.map((f) => [f.messageId, f.code, f.path])).toEqual([['m-1', 'UNKNOWN_SHAPE', 'Records[1].eventSource']]);

    const sns = snsEvent(snsRecord('sns-0', S3), { ...snsRecord('sns-1', S3), EventSource: 'aws:sqs' });
    expect(parse(sns).failures.map((f) => [f.messageId, f.code, f.path])).toEqual([['sns-1', 'UNKNOWN_SHAPE', 'Records[1].EventSource']]);
  });

  it('report records that are not objects, or lack their envelope fields', () => {
    const { failures } = parse(sqsEvent(sqsRecord('m-0', S3), null as never, { ...sqsRecord('m-2', S3), body: 7 }));
    expect(failures.map((f) => [f.messageId, f.code, f.path])).toEqual([
      [undefined, 'UNKNOWN_SHAPE', 'Records[1]'],
      ['m-2', 'INVALID_FIELD', 'Records[2].body'],
    ]);

    const sns = parse(snsEvent(snsRecord('sns-0', S3), 'x' as never, { ...snsRecord('sns-2', S3), Sns: 'x' }));
    expect(sns.failures.map((f) => [f.messageId, f.code, f.path])).toEqual([
      [undefined, 'UNKNOWN_SHAPE', 'Records[1]'],
      [undefined, 'INVALID_FIELD', 'Records[2].Sns'],
    ]);
  });

  it('report a message id of the wrong type as INVALID_FIELD, without a message id', () => {
    const { failures } = parse(sqsEvent(sqsRecord('m-0', S3), { ...sqsRecord('m-1', S3), messageId: 1 }));
    expect(failures.map((f) => [f.messageId, f.code, f.path])).toEqual([[undefined, 'INVALID_FIELD', 'Records[1].messageId']]);
  });

  it('normalize throws the first failure of a batch', () => {
    const error = thrown(() => normalize(sqsEvent(sqsRecord('m-0', S3), sqsRecord('m-1', 'x'), sqsRecord('m-2', 'y'))));
    expect(error).toMatchObject({ code: 'INVALID_JSON', messageId: 'm-1' });
  });

  it('parseMessages gives one entry per message with its failure, receipt handle and original message', () => {
    const bad = sqsRecord('m-1', 'x');
    const { carrier, messages } = parseMessages(sqsEvent(sqsRecord('m-0', S3), bad));

    expect(carrier).toBe('sqs');
    expect(messages.map((m) => [m.messageId, m.receiptHandle, m.events.length, m.failure?.code])).toEqual([
      ['m-0', 'AQEB-m-0', 1, undefined],
      ['m-1', 'AQEB-m-1', 0, 'INVALID_JSON'],
    ]);
    expect(messages[1]?.message).toBe(bad);
  });

  it('parseMessages reports no carrier for an input it cannot read', () => {
    expect(parseMessages('nope').carrier).toBeUndefined();
    expect(parseMessages({}).carrier).toBeUndefined();
  });
});

describe('single SQS API messages', () => {
  it('are recognised by a string Body next to a MessageId or a ReceiptHandle', () => {
    expect(normalize({ ReceiptHandle: 'r-1', Body: S3 })).toMatchObject([{ via: ['s3', 'sqs'], receiptHandle: 'r-1', messageId: undefined }]);
    expect(parse({ Body: S3 }).failures.map((f) => f.code)).toEqual(['UNKNOWN_SHAPE']);
  });
});

describe('error messages', () => {
  it('quote long values shortened', () => {
    const [failure] = parse(s3Message(s3Record(), { ...s3Record(), eventSource: 'x'.repeat(500) })).failures;
    expect(failure?.message).toContain(`"${'x'.repeat(60)}…"`);
    expect(failure?.message.length).toBeLessThan(200);
  });
});

describe('errors that are not about the input', () => {
  it('propagate instead of being disguised as a bad message (e.g. a throwing getter)', () => {
    const hostile = { Records: [{ eventSource: 'aws:s3', get eventName(): unknown { throw new RangeError('boom'); } }] };
    expect(() => parse(hostile)).toThrow(RangeError);
  });
});

describe('parse() never throws for bad input', () => {
  const cyclic: Record<string, unknown> = { eventSource: 'x' };
  cyclic['self'] = cyclic;

  it.each([
    ['a BigInt message id', sqsEvent(sqsRecord('m-0', S3), { ...sqsRecord('m-1', S3), messageId: 10n })],
    ['a BigInt eventSource in a batch', sqsEvent(sqsRecord('m-0', S3), { eventSource: 10n })],
    ['a cyclic record', sqsEvent(sqsRecord('m-0', S3), { ...cyclic, eventSource: cyclic })],
    ['a symbol source', { ...eventBridge(), source: Symbol('aws.s3') }],
    ['a function eventSource', s3Message(s3Record(), { ...s3Record(), eventSource: () => 'aws:s3' })],
    ['a BigInt size', s3Message(s3Record({ object: { key: 'k', size: 1n, eTag: 'e' } }))],
    // eslint-disable-next-line no-sparse-arrays
    ['a sparse array of messages', [,]],
    ['sparse SQS records', { Records: [sqsRecord('m-0', S3), , sqsRecord('m-2', S3)] }],
  ])('%s', (_, input) => {
    const { failures } = parse(input);
    expect(failures).toHaveLength(1);
    expect(isS3EventParseError(failures[0])).toBe(true);
  });
});

describe('a body that is not JSON', () => {
  it.each(['secret-customer-data', 'secret', 'Bearer secret-token {"a":1}'])(
    'is named INVALID_JSON with JSON.parse\'s reason, but its message does not quote the body (%s)',
    (body) => {
      const [failure] = parse(sqsEvent(sqsRecord('m-9', body))).failures;
      expect(failure?.code).toBe('INVALID_JSON');
      expect(failure?.message).toMatch(/^not JSON \(Unexpected token/);
      expect(failure?.message).not.toContain('secret');
      expect(failure?.input).toBe(body); // the text itself stays available to code that asks for it
    },
  );
});
