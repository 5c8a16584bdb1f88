/** Defaults, overrides, envelopes and errors of the `s3-event-kit/testing` factories. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { compareSequencers, normalize, parse, S3_EVENT_NAMES, type S3EventName } from 's3-event-kit';
import {
  asEventBridge,
  asS3Event,
  asSns,
  asSqs,
  deliver,
  isS3EventFactoryError,
  ROADS,
  S3EventFactoryError,
  s3Record,
  sqsMessage,
  sqsRecord,
  testEvent,
  type S3EventFactoryErrorCode,
} from 's3-event-kit/testing';
import { EVENTBRIDGE_NAMES, eventVersionOf, NOT_ON_EVENTBRIDGE, SERVICE } from './expectations.js';

const md5 = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex');
const TIME = '2024-03-14T19:02:45.087Z';
const TIME_MS = Date.parse(TIME);

/** Runs `build`, expecting an `S3EventFactoryError` with this code whose message contains `text`. */
function expectFactoryError(build: () => unknown, code: S3EventFactoryErrorCode, text: string | RegExp, option?: string): void {
  let thrown: unknown;
  try {
    build();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(S3EventFactoryError);
  expect(thrown).toBeInstanceOf(Error);
  expect(isS3EventFactoryError(thrown)).toBe(true);
  const error = thrown as S3EventFactoryError;
  expect(error.name).toBe('S3EventFactoryError');
  expect(error.code).toBe(code);
  expect(error.message).toMatch(text);
  if (option !== undefined) expect(error.option).toBe(option);
}

describe('s3Record defaults', () => {
  it('builds a realistic ObjectCreated:Put with no options', () => {
    const record = s3Record();
    expect(record).toMatchObject({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'us-east-1',
      eventName: 'ObjectCreated:Put',
      userIdentity: { principalId: 'AWS:AIDACKCEVSQ6C2EXAMPLE' },
      requestParameters: { sourceIPAddress: '198.51.100.24' },
      s3: {
        s3SchemaVersion: '1.0',
        bucket: { name: 'amzn-s3-demo-bucket', ownerIdentity: { principalId: 'A3I5XTEXAMAI3E' }, arn: 'arn:aws:s3:::amzn-s3-demo-bucket' },
        object: { key: 'photos/2024/red+flower.jpg', size: 1024, eTag: md5('photos/2024/red flower.jpg') },
      },
    });
    expect(record.eventTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Math.abs(Date.parse(record.eventTime) - Date.now())).toBeLessThan(60_000);
    expect(record.responseElements['x-amz-request-id']).toMatch(/^[A-Z0-9]{16}$/);
    expect(record.responseElements['x-amz-id-2']).toMatch(/^[A-Za-z0-9+/]{76}$/);
    expect(record.s3.object.sequencer).toMatch(/^00[0-9A-F]{16}$/);
    expect(record.s3.object).not.toHaveProperty('versionId');
    expect(Buffer.from(record.s3.configurationId, 'base64').toString()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(Object.keys(record)).toEqual([
      'eventVersion',
      'eventSource',
      'awsRegion',
      'eventTime',
      'eventName',
      'userIdentity',
      'requestParameters',
      'responseElements',
      's3',
    ]);
    expect(Object.keys(record.s3.object)).toEqual(['key', 'size', 'eTag', 'sequencer']);
  });

  it.each(S3_EVENT_NAMES)('%s has the event version, principal and extra block of its family', (name) => {
    const record = s3Record({ name }) as unknown as Record<string, unknown> & { userIdentity: { principalId: string } };
    expect(record['eventVersion']).toBe(eventVersionOf(name));
    const principal = SERVICE.has(name) ? 's3.amazonaws.com' : name === 'ObjectRestore:Completed' ? 'AmazonCustomer:A3I5XTEXAMAI3E' : 'AWS:AIDACKCEVSQ6C2EXAMPLE';
    expect(record.userIdentity.principalId).toBe(principal);
    expect(record['requestParameters']).toEqual({ sourceIPAddress: SERVICE.has(name) ? 's3.amazonaws.com' : '198.51.100.24' });
    const blocks = ['glacierEventData', 'replicationEventData', 'lifecycleEventData', 'intelligentTieringEventData'].filter((block) => block in record);
    const expected =
      name === 'ObjectRestore:Completed'
        ? ['glacierEventData']
        : name.startsWith('Replication:')
          ? ['replicationEventData']
          : name === 'LifecycleTransition'
            ? ['lifecycleEventData']
            : name === 'IntelligentTiering'
              ? ['intelligentTieringEventData']
              : [];
    expect(blocks).toEqual(expected);
  });

  it('writes the per-family blocks with their defaults', () => {
    expect(s3Record({ name: 'ObjectRestore:Completed', time: TIME }).glacierEventData).toEqual({
      restoreEventData: { lifecycleRestorationExpiryTime: '2024-03-15T19:02:45.087Z', lifecycleRestoreStorageClass: 'GLACIER' },
    });
    expect(s3Record({ name: 'LifecycleTransition' }).lifecycleEventData).toEqual({
      transitionEventData: { destinationStorageClass: 'INTELLIGENT_TIERING' },
    });
    expect(s3Record({ name: 'IntelligentTiering' }).intelligentTieringEventData).toEqual({ destinationAccessTier: 'ARCHIVE_ACCESS' });
    expect(s3Record({ name: 'Replication:OperationFailedReplication', bucket: 'src', time: TIME }).replicationEventData).toEqual({
      replicationRuleId: 'replication-rule',
      destinationBucket: 'arn:aws:s3:::src-replica',
      s3Operation: 'OBJECT_PUT',
      requestTime: '2024-03-14T19:02:15.087Z',
      failureReason: 'AssumeRoleNotPermitted',
    });
    expect(s3Record({ name: 'Replication:OperationMissedThreshold' }).replicationEventData).not.toHaveProperty('failureReason');
    expect(
      s3Record({ name: 'Replication:OperationMissedThreshold', replication: { threshold: '15', replicationTime: '900', failureReason: null } })
        .replicationEventData,
    ).toMatchObject({ threshold: '15', replicationTime: '900' });
  });

  it('gives a 0-byte object the MD5 of empty content and a multipart upload a part count', () => {
    expect(s3Record({ size: 0 }).s3.object.eTag).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(s3Record({ name: 'ObjectCreated:CompleteMultipartUpload' }).s3.object.eTag).toMatch(/^[0-9a-f]{32}-1$/);
  });

  it('derives the sequencer from the time, so later events on one key compare greater', () => {
    const at = (time: number) => s3Record({ key: 'k', time }).s3.object.sequencer ?? '';
    expect(at(TIME_MS)).toMatch(/^0065F349D5/); // 00 + epoch seconds in hex, as in recorded sequencers
    expect(compareSequencers(at(TIME_MS), at(TIME_MS + 1))).toBeLessThan(0);
    expect(compareSequencers(at(TIME_MS + 999), at(TIME_MS + 1000))).toBeLessThan(0);
    expect(at(TIME_MS)).toBe(at(TIME_MS));
  });

  it('is deterministic when times and ids are given', () => {
    const options = { time: TIME, requestId: 'C3D13FE58DE4C810', hostId: 'host' } as const;
    expect(s3Record(options)).toEqual(s3Record(options));
    expect(s3Record({ ...options, time: new Date(TIME) })).toEqual(s3Record({ ...options, time: TIME_MS }));
  });
});

describe('s3Record overrides', () => {
  it('lets every field be set', () => {
    const record = s3Record({
      name: 'ObjectCreated:Copy',
      bucket: 'photos',
      key: 'a b.txt',
      size: 7,
      eTag: 'abc',
      versionId: 'v1',
      sequencer: '00ABCDEF',
      time: '2020-01-01T00:00:00Z',
      region: 'eu-central-1',
      requester: 'AWS:AROAEXAMPLE:session',
      sourceIp: '2001:db8::1',
      requestId: 'REQUEST',
      hostId: 'HOST',
      configurationId: 'my-rule',
      bucketOwner: 'OWNER',
      bucketArn: 'arn:aws-cn:s3:::photos',
      bucketTags: { 'aws:cloudformation:stack-name': 'stack' },
      eventVersion: '2.5',
      schemaVersion: '1.0',
      extra: { custom: true },
    });
    expect(record).toEqual({
      eventVersion: '2.5',
      eventSource: 'aws:s3',
      awsRegion: 'eu-central-1',
      eventTime: '2020-01-01T00:00:00.000Z',
      eventName: 'ObjectCreated:Copy',
      userIdentity: { principalId: 'AWS:AROAEXAMPLE:session' },
      requestParameters: { sourceIPAddress: '2001:db8::1' },
      responseElements: { 'x-amz-request-id': 'REQUEST', 'x-amz-id-2': 'HOST' },
      s3: {
        s3SchemaVersion: '1.0',
        configurationId: 'my-rule',
        bucket: {
          name: 'photos',
          ownerIdentity: { principalId: 'OWNER' },
          arn: 'arn:aws-cn:s3:::photos',
          awsGeneratedTags: { 'aws:cloudformation:stack-name': 'stack' },
        },
        object: { key: 'a+b.txt', size: 7, eTag: 'abc', versionId: 'v1', sequencer: '00ABCDEF' },
      },
      custom: true,
    });
    expect(normalize(asS3Event(record))[0]?.bucketTags).toEqual({ 'aws:cloudformation:stack-name': 'stack' });
  });

  it('leaves optional fields out with null, and adds them where S3 omits them when given', () => {
    const removed = s3Record({ name: 'ObjectRemoved:Delete', sequencer: null });
    expect(removed.s3.object).toEqual({ key: 'photos/2024/red+flower.jpg' });
    const tagged = s3Record({ name: 'ObjectTagging:Put', eTag: null, versionId: 'v2' });
    expect(tagged.s3.object).toEqual({ key: 'photos/2024/red+flower.jpg', versionId: 'v2' });
    const marker = s3Record({ name: 'ObjectRemoved:DeleteMarkerCreated', eTag: 'd41d8cd98f00b204e9800998ecf8427e', size: 0 });
    expect(marker.s3.object).toMatchObject({ size: 0, eTag: 'd41d8cd98f00b204e9800998ecf8427e' });
  });

  it('writes rawKey verbatim, for odd encodings', () => {
    const record = s3Record({ rawKey: 'Happy%20Face.jpg' });
    expect(record.s3.object.key).toBe('Happy%20Face.jpg');
    expect(normalize(asS3Event(record))[0]?.key).toBe('Happy Face.jpg');
    expect(() => normalize(asS3Event(s3Record({ rawKey: '100%' })))).toThrow(/not valid URL-encoding/);
  });
});

describe('s3Record errors', () => {
  it.each([
    [{ name: 's3:ObjectCreated:Put' }, 'INVALID_OPTION', /without the "s3:" prefix/, 'name'],
    [{ name: 'ObjectCreated:Upload' }, 'INVALID_OPTION', /is not an S3 event name; expected one of ObjectCreated:Put/, 'name'],
    [{ key: '' }, 'INVALID_KEY', /cannot be empty/, 'key'],
    [{ key: 'a\uD800b' }, 'INVALID_KEY', /lone surrogate/, 'key'],
    [{ key: 'é'.repeat(513) }, 'INVALID_KEY', /at most 1024 UTF-8 bytes, this one has 1026/, 'key'],
    [{ key: 'a', rawKey: 'a' }, 'INVALID_OPTION', /either key .* or rawKey/, 'rawKey'],
    [{ size: -1 }, 'INVALID_OPTION', /whole number of bytes, got number -1/, 'size'],
    [{ size: 1.5 }, 'INVALID_OPTION', /whole number of bytes/, 'size'],
    [{ size: '5' }, 'INVALID_OPTION', /whole number of bytes, got string "5"/, 'size'],
    [{ size: null }, 'INVALID_OPTION', /ObjectCreated:Put records always carry a size/, 'size'],
    [{ eTag: null }, 'INVALID_OPTION', /always carry an eTag/, 'eTag'],
    [{ sequencer: 'Happy Sequencer' }, 'INVALID_OPTION', /hexadecimal/, 'sequencer'],
    [{ time: 'yesterday' }, 'INVALID_OPTION', /ISO-8601/, 'time'],
    [{ time: new Date(Number.NaN) }, 'INVALID_OPTION', /valid Date/, 'time'],
    [{ bucket: '' }, 'INVALID_OPTION', /non-empty string/, 'bucket'],
    [{ accessTier: 'ARCHIVE_ACCESS' }, 'INVALID_OPTION', /applies to IntelligentTiering only, not to ObjectCreated:Put/, 'accessTier'],
    [{ name: 'IntelligentTiering', accessTier: 'FROZEN' }, 'INVALID_OPTION', /'ARCHIVE_ACCESS' or 'DEEP_ARCHIVE_ACCESS'/, 'accessTier'],
    [{ replication: {} }, 'INVALID_OPTION', /applies to Replication:\* events only/, 'replication'],
    [{ restoreExpiryTime: TIME }, 'INVALID_OPTION', /applies to ObjectRestore:Completed only/, 'restoreExpiryTime'],
    [{ Key: 'a' }, 'INVALID_OPTION', /Key: unknown option/, 'Key'],
    [{ extra: [] }, 'INVALID_OPTION', /expected an object, got an array/, 'extra'],
  ] as const)('%j is refused', (options, code, text, option) => {
    expectFactoryError(() => s3Record(options as never), code, text, option);
  });

  it('refuses a non-object', () => {
    expectFactoryError(() => s3Record('ObjectCreated:Put' as never), 'INVALID_OPTION', /expected an options object, got string/);
  });
});

describe('asS3Event', () => {
  it('wraps records as the direct Lambda event, in order', () => {
    const a = s3Record({ key: 'a' });
    const b = s3Record({ name: 'ObjectRemoved:Delete', key: 'b' });
    expect(asS3Event(a, b)).toEqual({ Records: [a, b] });
    expect(normalize(asS3Event(a, b)).map((event) => [event.key, event.via])).toEqual([
      ['a', ['s3']],
      ['b', ['s3']],
    ]);
  });

  it('refuses no record, a notification and other things', () => {
    expectFactoryError(() => asS3Event(), 'INVALID_PAYLOAD', /at least one record/);
    expectFactoryError(() => asS3Event(asS3Event(s3Record()) as never), 'INVALID_PAYLOAD', /whole notification; pass its records/);
    expectFactoryError(() => asS3Event(testEvent() as never), 'INVALID_PAYLOAD', /argument 1: expected an S3 event record/);
  });
});

describe('asSqs', () => {
  const record = s3Record({ time: TIME, region: 'eu-west-1' });

  it('builds the Lambda SQS event with the real MD5 of the body and the S3 sender', () => {
    const event = asSqs(asS3Event(record));
    const [message] = event.Records;
    expect(Object.keys(message ?? {})).toEqual([
      'messageId',
      'receiptHandle',
      'body',
      'attributes',
      'messageAttributes',
      'md5OfBody',
      'eventSource',
      'eventSourceARN',
      'awsRegion',
    ]);
    expect(message).toMatchObject({
      body: JSON.stringify({ Records: [record] }),
      md5OfBody: md5(JSON.stringify({ Records: [record] })),
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: String(TIME_MS + 1000),
        SenderId: 'AROA4R74ZO52XAB5OD7T4:S3-PROD-END',
        ApproximateFirstReceiveTimestamp: String(TIME_MS + 1010),
      },
      messageAttributes: {},
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:s3-events',
      awsRegion: 'eu-west-1',
    });
    expect(message?.messageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(message?.receiptHandle).toMatch(/^AQEB[A-Za-z0-9+/=]{200,}$/);
    expect(message).not.toHaveProperty('md5OfMessageAttributes');
  });

  it('reports the sender of each road, and takes queue, count and attributes', () => {
    const sender = (payload: Parameters<typeof asSqs>[0]) => asSqs(payload).Records[0]?.attributes.SenderId;
    expect(sender(asSns(asS3Event(record), { delivery: 'sqs' }))).toBe('AIDAIYLAVTDLUXBIEIX46');
    expect(sender(asSns(asS3Event(record), { delivery: 'raw' }))).toBe('AIDAIYLAVTDLUXBIEIX46');
    expect(sender(asEventBridge(record))).toBe('AIDAJXNJGGKNS7OSV23OI');
    expect(sender(testEvent())).toBe('AROA4R74ZO52XAB5OD7T4:S3-PROD-END');
    const [message] = asSqs(asS3Event(record), {
      queueArn: 'arn:aws:sqs:ap-south-1:999999999999:uploads',
      receiveCount: 3,
      sentTimestamp: new Date(0),
      attributes: { AWSTraceHeader: 'Root=1-5759e988-bd862e3fe1be46a994272793' },
    }).Records;
    expect(message).toMatchObject({
      eventSourceARN: 'arn:aws:sqs:ap-south-1:999999999999:uploads',
      awsRegion: 'ap-south-1',
      attributes: { ApproximateReceiveCount: '3', SentTimestamp: '0', AWSTraceHeader: 'Root=1-5759e988-bd862e3fe1be46a994272793' },
    });
  });

  it('puts several payloads in one batch, one message each', () => {
    const batch = asSqs([asS3Event(s3Record({ key: 'a' })), asEventBridge(s3Record({ key: 'b' }))]);
    expect(batch.Records).toHaveLength(2);
    expect(new Set(batch.Records.map((r) => r.messageId)).size).toBe(2);
    expect(normalize(batch).map((e) => [e.key, e.via, e.messageId])).toEqual([
      ['a', ['s3', 'sqs'], batch.Records[0]?.messageId],
      ['b', ['eventbridge', 'sqs'], batch.Records[1]?.messageId],
    ]);
  });

  it('builds the ReceiveMessage result and single API messages', () => {
    const result = asSqs(asS3Event(record), { shape: 'api', messageId: 'm1', receiptHandle: 'r1' });
    expect(Object.keys(result.Messages[0] ?? {})).toEqual(['MessageId', 'ReceiptHandle', 'MD5OfBody', 'Body', 'Attributes']);
    expect(result.Messages[0]).toMatchObject({ MessageId: 'm1', ReceiptHandle: 'r1', MD5OfBody: md5(result.Messages[0]?.Body ?? '') });
    for (const input of [result, result.Messages, result.Messages[0]]) {
      expect(normalize(input)[0]).toMatchObject({ via: ['s3', 'sqs'], messageId: 'm1', receiptHandle: 'r1' });
    }
    const message = sqsMessage(asS3Event(record), {
      messageAttributes: { 'sample-attribute': { dataType: 'String', stringValue: 'sample-value' } },
    });
    expect(message).toMatchObject({
      MD5OfMessageAttributes: '7c815262be77a62f56671125069ca888',
      MessageAttributes: { 'sample-attribute': { StringValue: 'sample-value', DataType: 'String' } },
    });
  });

  it('writes binary message attributes in both shapes', () => {
    const messageAttributes = { blob: { dataType: 'Binary', binaryValue: 'MTEwMA==' } };
    const record = sqsRecord('x', { messageAttributes });
    expect(record.messageAttributes).toEqual({ blob: { binaryValue: 'MTEwMA==', stringListValues: [], binaryListValues: [], dataType: 'Binary' } });
    expect(record.md5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);
    expect(record.md5OfMessageAttributes).not.toBe(sqsRecord('x', { messageAttributes: { blob: { dataType: 'Binary', binaryValue: 'MQ==' } } }).md5OfMessageAttributes);
    expect(sqsMessage('x', { messageAttributes }).MessageAttributes).toEqual({ blob: { BinaryValue: 'MTEwMA==', DataType: 'Binary' } });
  });

  it('lets a batch carry a poison message next to good ones', () => {
    const batch = { Records: [sqsRecord(asS3Event(record), { messageId: 'good' }), sqsRecord('not json', { messageId: 'poison' })] };
    const { events, failures } = parse(batch);
    expect(events.map((e) => e.messageId)).toEqual(['good']);
    expect(failures.map((f) => [f.messageId, f.code])).toEqual([['poison', 'INVALID_JSON']]);
  });

  it('refuses what never travels in SQS, and ambiguous options', () => {
    expectFactoryError(() => asSqs(asSns(asS3Event(record)) as never), 'INVALID_PAYLOAD', /delivery: 'sqs'/);
    expectFactoryError(() => asSqs(asSqs(asS3Event(record)) as never), 'INVALID_PAYLOAD', /SQS Lambda event cannot be carried again/);
    expectFactoryError(() => asSqs(asSqs(asS3Event(record), { shape: 'api' }) as never), 'INVALID_PAYLOAD', /ReceiveMessage result/);
    expectFactoryError(() => asSqs({ hello: 'world' } as never), 'INVALID_PAYLOAD', /expected an S3 event/);
    expectFactoryError(() => asSqs({ Records: [] } as never), 'INVALID_PAYLOAD', /needs at least one record/);
    expectFactoryError(() => asSqs({ Records: [{ eventSource: 'aws:kinesis' }] } as never), 'INVALID_PAYLOAD', /not S3 event records/);
    expectFactoryError(() => asSqs(42 as never), 'INVALID_PAYLOAD', /expected an S3 event, an EventBridge event, a test event or a string/);
    expectFactoryError(() => asSqs([]), 'INVALID_OPTION', /at least one payload/);
    expectFactoryError(() => asSqs(['a', 'b'], { messageId: 'm' }), 'INVALID_OPTION', /one messageId cannot name 2 messages/, 'messageId');
    expectFactoryError(() => asSqs('a', { shape: 'xml' as never }), 'INVALID_OPTION', /'lambda' or 'api'/, 'shape');
    expectFactoryError(() => asSqs('a', { receiveCount: 0 }), 'INVALID_OPTION', /whole number ≥ 1/, 'receiveCount');
    expectFactoryError(() => sqsRecord('a', { shape: 'api' } as never), 'INVALID_OPTION', /shape: unknown option; sqsRecord takes/);
    expectFactoryError(
      () => sqsRecord('a', { messageAttributes: { a: { dataType: 'String' } } }),
      'INVALID_OPTION',
      /\{ dataType, stringValue \} or \{ dataType, binaryValue \}/,
    );
  });
});

describe('asSns', () => {
  const record = s3Record({ time: TIME, region: 'eu-west-1' });

  it('builds the SNS Lambda event (Url casing, S3 subject, empty attributes)', () => {
    const event = asSns(asS3Event(record), { subscriptionId: 'sub-1' });
    const [sns] = event.Records;
    expect(Object.keys(sns ?? {})).toEqual(['EventSource', 'EventVersion', 'EventSubscriptionArn', 'Sns']);
    expect(Object.keys(sns?.Sns ?? {})).toEqual([
      'Type',
      'MessageId',
      'TopicArn',
      'Subject',
      'Message',
      'Timestamp',
      'SignatureVersion',
      'Signature',
      'SigningCertUrl',
      'UnsubscribeUrl',
      'MessageAttributes',
    ]);
    expect(sns).toMatchObject({
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      EventSubscriptionArn: 'arn:aws:sns:eu-west-1:123456789012:s3-events:sub-1',
      Sns: {
        Type: 'Notification',
        TopicArn: 'arn:aws:sns:eu-west-1:123456789012:s3-events',
        Subject: 'Amazon S3 Notification',
        Message: JSON.stringify({ Records: [record] }),
        Timestamp: '2024-03-14T19:02:45.587Z',
        SignatureVersion: '1',
        SigningCertUrl: 'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-60eadc530605d63b8e62a523676ef735.pem',
        UnsubscribeUrl:
          'https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:eu-west-1:123456789012:s3-events:sub-1',
        MessageAttributes: {},
      },
    });
    expect(sns?.Sns.Signature).toMatch(/^[A-Za-z0-9+/]{342}==$/);
  });

  it('has no subject for EventBridge events and strings (null in the Lambda form, absent in the SQS form)', () => {
    expect(asSns(asEventBridge(record)).Records[0]?.Sns.Subject).toBeNull();
    expect(asSns('hello').Records[0]?.Sns.Subject).toBeNull();
    expect(asSns(asEventBridge(record), { delivery: 'sqs' })).not.toHaveProperty('Subject');
    expect(asSns(asS3Event(record), { subject: null, delivery: 'sqs' })).not.toHaveProperty('Subject');
    expect(asSns(testEvent()).Records[0]?.Sns.Subject).toBe('Amazon S3 Notification');
  });

  it('builds the SQS form with URL casing', () => {
    const notification = asSns(asS3Event(record), { delivery: 'sqs', messageId: 'n1' });
    expect(Object.keys(notification)).toEqual([
      'Type',
      'MessageId',
      'TopicArn',
      'Subject',
      'Message',
      'Timestamp',
      'SignatureVersion',
      'Signature',
      'SigningCertURL',
      'UnsubscribeURL',
    ]);
    const [event] = normalize(asSqs(notification, { messageId: 'q1' }));
    expect(event).toMatchObject({ via: ['s3', 'sns', 'sqs'], messageId: 'q1' });
  });

  it('returns a copy of the payload for raw delivery', () => {
    const message = asS3Event(record);
    const raw = asSns(message, { delivery: 'raw' });
    expect(raw).toEqual(message);
    expect(raw).not.toBe(message);
    expect(asSns('text', { delivery: 'raw' })).toBe('text');
    expect(normalize(asSqs(raw))[0]?.via).toEqual(['s3', 'sqs']);
  });

  it('carries messages about something else, which normalize reports as not S3 events', () => {
    expect(() => normalize(asSns('{"hello":"world"}', { messageId: 'other' }))).toThrow(
      expect.objectContaining({ name: 'S3EventParseError', code: 'NOT_S3_EVENT', messageId: 'other' }),
    );
  });

  it('refuses what SNS never carries and SNS options on raw delivery', () => {
    expectFactoryError(() => asSns(asSns(asS3Event(record), { delivery: 'sqs' }) as never), 'INVALID_PAYLOAD', /SNS does not wrap an SNS notification/);
    expectFactoryError(() => asSns(asS3Event(record), { delivery: 'email' as never }), 'INVALID_OPTION', /'lambda', 'sqs' or 'raw'/, 'delivery');
    expectFactoryError(
      () => asSns(asS3Event(record), { delivery: 'raw', messageId: 'x' } as never),
      'INVALID_OPTION',
      /raw message delivery strips the SNS envelope/,
      'messageId',
    );
    expectFactoryError(() => asSns('x', { messageAttributes: { a: { Type: 'String' } } as never }), 'INVALID_OPTION', /Type: string, Value: string/);
  });
});

describe('asEventBridge', () => {
  const DETAIL: Partial<Record<S3EventName, [string, string | undefined, string | undefined]>> = {
    'ObjectCreated:Put': ['Object Created', 'PutObject', undefined],
    'ObjectCreated:Post': ['Object Created', 'POST Object', undefined],
    'ObjectCreated:Copy': ['Object Created', 'CopyObject', undefined],
    'ObjectCreated:CompleteMultipartUpload': ['Object Created', 'CompleteMultipartUpload', undefined],
    'ObjectRemoved:Delete': ['Object Deleted', 'DeleteObject', 'Permanently Deleted'],
    'ObjectRemoved:DeleteMarkerCreated': ['Object Deleted', 'DeleteObject', 'Delete Marker Created'],
    'LifecycleExpiration:Delete': ['Object Deleted', 'Lifecycle Expiration', 'Permanently Deleted'],
    'LifecycleExpiration:DeleteMarkerCreated': ['Object Deleted', 'Lifecycle Expiration', 'Delete Marker Created'],
    'ObjectRestore:Post': ['Object Restore Initiated', undefined, undefined],
    'ObjectRestore:Completed': ['Object Restore Completed', undefined, undefined],
    'ObjectRestore:Delete': ['Object Restore Expired', undefined, undefined],
    'ObjectTagging:Put': ['Object Tags Added', undefined, undefined],
    'ObjectTagging:Delete': ['Object Tags Deleted', undefined, undefined],
    'ObjectAcl:Put': ['Object ACL Updated', undefined, undefined],
    LifecycleTransition: ['Object Storage Class Changed', undefined, undefined],
    IntelligentTiering: ['Object Access Tier Changed', undefined, undefined],
  };

  it.each(EVENTBRIDGE_NAMES)('%s maps to its detail-type, reason and deletion-type', (name) => {
    const [detailType, reason, deletionType] = DETAIL[name] ?? [];
    const event = asEventBridge(s3Record({ name, bucket: 'b', time: TIME, region: 'eu-west-1', requestId: 'R' }));
    expect(event).toMatchObject({
      version: '0',
      'detail-type': detailType,
      source: 'aws.s3',
      account: '123456789012',
      time: '2024-03-14T19:02:45Z',
      region: 'eu-west-1',
      resources: ['arn:aws:s3:::b'],
      detail: { version: '0', bucket: { name: 'b' }, 'request-id': 'R' },
    });
    expect(event.id).toMatch(/^[0-9a-f-]{36}$/);
    const detail = event.detail as unknown as Record<string, unknown>;
    expect(detail['reason']).toBe(reason);
    expect(detail['deletion-type']).toBe(deletionType);
    expect(detail['requester']).toBe(SERVICE.has(name) || name === 'ObjectRestore:Completed' ? 's3.amazonaws.com' : '123456789012');
    expect('source-ip-address' in detail).toBe(!SERVICE.has(name) && name !== 'ObjectRestore:Completed');
    expect(Object.keys(detail).every((key) => key === key.toLowerCase() && !key.includes('_'))).toBe(true);
  });

  it.each([...NOT_ON_EVENTBRIDGE])('refuses %s, which S3 never sends to EventBridge', (name) => {
    expectFactoryError(() => asEventBridge(s3Record({ name })), 'UNSUPPORTED_ROAD', `S3 does not send ${name} events to EventBridge`);
    expectFactoryError(() => asEventBridge({ name } as never), 'UNSUPPORTED_ROAD', `S3 does not send ${name} events to EventBridge`, 'name');
    for (const road of ROADS.filter((r) => r[0] === 'eventbridge')) {
      expectFactoryError(() => deliver(s3Record({ name }), road), 'UNSUPPORTED_ROAD', /EventBridge/);
    }
  });

  it('builds the same event from options as from a record', () => {
    const options = { name: 'ObjectRestore:Completed', key: 'a b', time: TIME, requestId: 'R', sequencer: null, versionId: 'v' } as const;
    expect(asEventBridge({ ...options, id: 'e1' })).toEqual(asEventBridge(s3Record(options), { id: 'e1' }));
    expect(asEventBridge({ name: 'ObjectRestore:Post', sourceStorageClass: 'DEEP_ARCHIVE', id: 'e1' }).detail).toMatchObject({
      'source-storage-class': 'DEEP_ARCHIVE',
    });
  });

  it('writes bucket tags as aws-generated-tags with event-version 1.1', () => {
    const event = asEventBridge({ bucketTags: { 'aws:cloudformation:stack-name': 's' } });
    expect(event.detail).toMatchObject({ 'event-version': '1.1', bucket: { 'aws-generated-tags': { 'aws:cloudformation:stack-name': 's' } } });
    expect(normalize(event)[0]?.bucketTags).toEqual({ 'aws:cloudformation:stack-name': 's' });
  });

  it('writes the key encoded by default, or decoded with encodeKey: false', () => {
    const record = s3Record({ key: 'a b+c.txt' });
    expect(asEventBridge(record).detail.object.key).toBe('a+b%2Bc.txt');
    const plain = asEventBridge(record, { encodeKey: false });
    expect(plain.detail.object.key).toBe('a b+c.txt');
    expect(normalize(plain, { decodeEventBridgeKeys: false })[0]?.key).toBe('a b+c.txt');
  });

  it('takes envelope overrides', () => {
    const event = asEventBridge(s3Record({ name: 'ObjectTagging:Put' }), {
      account: '111122223333',
      requester: '444455556666',
      sourceIp: null,
      sequencer: '00AB',
      time: 0,
      region: 'sa-east-1',
      eventVersion: '1.0',
    });
    expect(event).toMatchObject({ account: '111122223333', time: '1970-01-01T00:00:00Z', region: 'sa-east-1' });
    expect(event.detail).toMatchObject({ 'event-version': '1.0', requester: '444455556666', object: { sequencer: '00AB' } });
    expect(event.detail).not.toHaveProperty('source-ip-address');
  });

  it('refuses bad options', () => {
    expectFactoryError(() => asEventBridge(s3Record(), { hostId: 'x' } as never), 'INVALID_OPTION', /hostId: unknown option; with a record/, 'hostId');
    expectFactoryError(() => asEventBridge({ hostId: 'x' } as never), 'INVALID_OPTION', /hostId: unknown option; asEventBridge takes/, 'hostId');
    expectFactoryError(() => asEventBridge({} as never, {} as never), 'INVALID_OPTION', /second argument only after a record/);
    expectFactoryError(() => asEventBridge(asS3Event(s3Record()) as never), 'INVALID_PAYLOAD', /never wraps an S3 notification/);
    expectFactoryError(() => asEventBridge(s3Record(), { sequencer: 'xyz' }), 'INVALID_OPTION', /hexadecimal/, 'sequencer');
    expectFactoryError(() => asEventBridge(s3Record(), { encodeKey: 'no' as never }), 'INVALID_OPTION', /true or false/, 'encodeKey');
    expectFactoryError(() => asEventBridge(s3Record({ rawKey: '100%' }), { encodeKey: false }), 'INVALID_KEY', /not valid URL-encoding/);
  });
});

describe('testEvent', () => {
  it('has realistic defaults', () => {
    const event = testEvent();
    expect(event).toMatchObject({ Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: 'amzn-s3-demo-bucket' });
    expect(event.Time).toMatch(/\.\d{3}Z$/);
    expect(event.RequestId).toMatch(/^[A-Z0-9]{16}$/);
    expect(Object.keys(event)).toEqual(['Service', 'Event', 'Time', 'Bucket', 'RequestId', 'HostId']);
  });

  it('refuses unknown options', () => {
    expectFactoryError(() => testEvent({ region: 'x' } as never), 'INVALID_OPTION', /region: unknown option; testEvent takes/, 'region');
  });
});

describe('deliver and ROADS', () => {
  it('lists the eight roads', () => {
    expect(ROADS.map((road) => road.join('→'))).toEqual([
      's3',
      's3→sqs',
      's3→sns',
      's3→sns→sqs',
      'eventbridge',
      'eventbridge→sqs',
      'eventbridge→sns',
      'eventbridge→sns→sqs',
    ]);
    expect(Object.isFrozen(ROADS) && ROADS.every((road) => Object.isFrozen(road))).toBe(true);
  });

  it.each(ROADS.map((road) => [road.join(' → '), road] as const))('%s gives that via', (_label, road) => {
    const [event] = normalize(deliver(s3Record({ key: 'x y' }), road, { sqs: { messageId: 'm' }, sns: { messageId: 's' }, eventBridge: { id: 'e' } }));
    expect(event?.via).toEqual(road);
    expect(event?.key).toBe('x y');
    const hops: readonly string[] = road;
    expect(event?.messageId).toBe(hops.includes('sqs') ? 'm' : hops.includes('sns') ? 's' : road[0] === 'eventbridge' ? 'e' : undefined);
  });

  it('goes through raw SNS delivery and builds the API shape on request', () => {
    const payload = deliver(s3Record(), ['s3', 'sqs'], { rawSns: true, sqs: { shape: 'api' } });
    expect(payload).toHaveProperty('Messages.0.Attributes.SenderId', 'AIDAIYLAVTDLUXBIEIX46');
    expect(normalize(payload)[0]?.via).toEqual(['s3', 'sqs']);
  });

  it('refuses unknown roads', () => {
    expectFactoryError(() => deliver(s3Record(), ['s3', 'kinesis'] as never), 'INVALID_OPTION', /road: expected one of/, 'road');
    expectFactoryError(() => deliver(s3Record(), ['list'] as never), 'INVALID_OPTION', /road/);
  });
});
