/** Type tests of `s3-event-kit/testing`: the factories return the raw AWS types of `s3-event-kit`. */
import { describe, expectTypeOf, it } from 'vitest';
import {
  normalize,
  type ReceiveMessageResult,
  type S3EventBridgeEvent,
  type S3EventBridgeEventOf,
  type S3EventName,
  type S3EventNotification,
  type S3EventRecord,
  type S3ObjectCreatedRecord,
  type S3ReplicationEventData,
  type S3TestEvent,
  type SnsLambdaEvent,
  type SnsNotification,
  type SqsLambdaEvent,
  type SqsLambdaRecord,
  type SqsMessage,
} from 's3-event-kit';
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
  type S3EventBridgeDetailTypeOf,
  type S3EventBridgeName,
  type S3EventRecordOf,
  type S3ObjectFieldsOf,
  type S3Road,
  type BuiltSnsEvent,
  type BuiltSqsEvent,
  type BuiltSqsRecord,
  type SqsApiMessage,
  type SqsReceiveResult,
} from 's3-event-kit/testing';

describe('s3Record', () => {
  it('returns the record type of its name, assignable to S3EventRecord', () => {
    const put = s3Record();
    expectTypeOf(put).toEqualTypeOf<S3EventRecordOf<'ObjectCreated:Put'> & { s3: { object: S3ObjectFieldsOf<'ObjectCreated:Put'> } }>();
    expectTypeOf(put.s3.object.sequencer).toEqualTypeOf<string>();
    // null leaves a field out, and the type says so
    expectTypeOf(s3Record({ sequencer: null })).toEqualTypeOf<S3EventRecordOf<'ObjectCreated:Put'>>();
    expectTypeOf(s3Record({ sequencer: null }).s3.object.sequencer).toEqualTypeOf<string | undefined>();
    expectTypeOf(put).toMatchTypeOf<S3ObjectCreatedRecord>();
    expectTypeOf(put).toMatchTypeOf<S3EventRecord>();
    expectTypeOf(put.eventName).toEqualTypeOf<'ObjectCreated:Put'>();
    expectTypeOf(put.s3.object.size).toEqualTypeOf<number>();
    expectTypeOf(put.s3.object.eTag).toEqualTypeOf<string>();

    const failed = s3Record({ name: 'Replication:OperationFailedReplication' });
    expectTypeOf(failed.replicationEventData).toEqualTypeOf<S3ReplicationEventData>();
    expectTypeOf(failed.eventName).toEqualTypeOf<'Replication:OperationFailedReplication'>();

    const removed = s3Record({ name: 'ObjectRemoved:Delete' });
    expectTypeOf(removed.s3.object.size).toEqualTypeOf<number | undefined>();
  });

  it('gives the union for a name known only at run time', () => {
    const name = 'ObjectAcl:Put' as S3EventName;
    expectTypeOf(s3Record({ name })).toMatchTypeOf<S3EventRecord>();
    expectTypeOf<S3EventRecordOf<S3EventName>>().toMatchTypeOf<S3EventRecord>();
  });

  it('takes explicit undefined (exactOptionalPropertyTypes) and null for optional fields', () => {
    s3Record({ key: undefined, size: undefined, versionId: undefined });
    s3Record({ name: 'ObjectRemoved:Delete', sequencer: null, eTag: null });
    s3Record({ time: new Date(), requestId: 'R' });
    s3Record({ time: 0 });
  });

  it('rejects unknown names, the s3: prefix and wrong option types', () => {
    // @ts-expect-error: records carry no s3: prefix
    s3Record({ name: 's3:ObjectCreated:Put' });
    // @ts-expect-error: not an event name
    s3Record({ name: 'ObjectCreated:Upload' });
    // @ts-expect-error: size is a number
    s3Record({ size: '42' });
    // @ts-expect-error: only two access tiers exist
    s3Record({ name: 'IntelligentTiering', accessTier: 'FROZEN' });
    // @ts-expect-error: unknown option
    s3Record({ Key: 'a' });
  });

  it('has no any in its signature', () => {
    expectTypeOf(s3Record).parameters.not.toBeAny();
    expectTypeOf(s3Record).returns.not.toBeAny();
  });
});

describe('asS3Event', () => {
  it('returns the direct Lambda event', () => {
    const event = asS3Event(s3Record(), s3Record({ name: 'ObjectRemoved:Delete' }));
    expectTypeOf(event).toMatchTypeOf<S3EventNotification>();
    expectTypeOf(event.Records[0]).toMatchTypeOf<S3EventRecord | undefined>();
    // @ts-expect-error: a test event is not a record
    asS3Event(testEvent());
  });
});

describe('asSqs', () => {
  it('returns the Lambda SQS event by default and the ReceiveMessage result with shape api', () => {
    const payload = asS3Event(s3Record());
    expectTypeOf(asSqs(payload)).toEqualTypeOf<BuiltSqsEvent>();
    expectTypeOf(asSqs(payload)).toMatchTypeOf<SqsLambdaEvent>();
    expectTypeOf(asSqs([payload, payload], { shape: 'lambda' })).toEqualTypeOf<BuiltSqsEvent>();
    const api = asSqs(payload, { shape: 'api' });
    expectTypeOf(api).toEqualTypeOf<SqsReceiveResult>();
    expectTypeOf(api).toMatchTypeOf<ReceiveMessageResult>();
    expectTypeOf(api.Messages[0]).toEqualTypeOf<SqsApiMessage | undefined>();
    expectTypeOf<SqsApiMessage>().toMatchTypeOf<SqsMessage>();
    expectTypeOf<SqsApiMessage['Body']>().toEqualTypeOf<string>();
    expectTypeOf(sqsRecord(payload)).toEqualTypeOf<BuiltSqsRecord>();
    expectTypeOf(sqsRecord(payload)).toMatchTypeOf<SqsLambdaRecord>();
    expectTypeOf(sqsMessage(payload)).toEqualTypeOf<SqsApiMessage>();
  });

  it('carries every SQS body of the S3 roads, and nothing else', () => {
    asSqs(asEventBridge());
    asSqs(asSns(asS3Event(s3Record()), { delivery: 'sqs' }));
    asSqs(asSns(asEventBridge(), { delivery: 'raw' }));
    asSqs(testEvent());
    asSqs('not json');
    // @ts-expect-error: an SNS Lambda event never travels to SQS
    asSqs(asSns(asS3Event(s3Record())));
    // @ts-expect-error: an SQS event is not an SQS body
    asSqs(asSqs('x'));
    // @ts-expect-error: records go in asS3Event first
    asSqs(s3Record());
  });
});

describe('asSns', () => {
  it('returns the type of the delivery', () => {
    const payload = asS3Event(s3Record());
    expectTypeOf(asSns(payload)).toEqualTypeOf<BuiltSnsEvent<string>>();
    expectTypeOf(asSns(payload)).toMatchTypeOf<SnsLambdaEvent>();
    expectTypeOf(asSns(payload, { delivery: 'lambda', messageId: 'm' })).toEqualTypeOf<BuiltSnsEvent<string>>();
    // SNS writes Subject: null when it has none: EventBridge events and strings, or subject: null
    expectTypeOf(asSns(asEventBridge())).toEqualTypeOf<BuiltSnsEvent>();
    expectTypeOf(asSns(asEventBridge()).Records[0]!.Sns.Subject).toEqualTypeOf<string | null>();
    expectTypeOf(asSns(payload, { subject: null })).toEqualTypeOf<BuiltSnsEvent>();
    expectTypeOf(asSns('text', { subject: 'hello' })).toEqualTypeOf<BuiltSnsEvent<string>>();
    expectTypeOf(asSns(payload, { delivery: 'sqs' })).toEqualTypeOf<SnsNotification>();
    expectTypeOf(asSns(payload, { delivery: 'raw' })).toEqualTypeOf(payload);
    expectTypeOf(asSns(testEvent(), { delivery: 'raw' })).toEqualTypeOf<S3TestEvent>();
    // @ts-expect-error: raw delivery has no SNS envelope to set
    asSns(payload, { delivery: 'raw', messageId: 'm' });
    // @ts-expect-error: SNS does not wrap an SNS notification
    asSns(asSns(payload, { delivery: 'sqs' }));
  });
});

describe('asEventBridge', () => {
  it('returns the EventBridge event of the name', () => {
    const created = asEventBridge(s3Record({ name: 'ObjectCreated:Post' }));
    expectTypeOf(created).toEqualTypeOf<S3EventBridgeEventOf<'Object Created'>>();
    expectTypeOf(created.detail.reason).toEqualTypeOf<'PutObject' | 'POST Object' | 'CopyObject' | 'CompleteMultipartUpload'>();
    const deleted = asEventBridge({ name: 'LifecycleExpiration:DeleteMarkerCreated' });
    expectTypeOf(deleted).toEqualTypeOf<S3EventBridgeEventOf<'Object Deleted'>>();
    expectTypeOf(deleted.detail['deletion-type']).toEqualTypeOf<'Permanently Deleted' | 'Delete Marker Created'>();
    expectTypeOf(asEventBridge()).toEqualTypeOf<S3EventBridgeEventOf<'Object Created'>>();
    expectTypeOf(asEventBridge({ name: 'IntelligentTiering' })).toMatchTypeOf<S3EventBridgeEvent>();
    expectTypeOf(asEventBridge(s3Record({ name: 'ObjectAcl:Put' }), { id: 'e' })).toEqualTypeOf<S3EventBridgeEventOf<'Object ACL Updated'>>();
  });

  it('knows which names never reach EventBridge', () => {
    expectTypeOf<S3EventBridgeDetailTypeOf<'Replication:OperationNotTracked'>>().toBeNever();
    expectTypeOf<S3EventBridgeDetailTypeOf<'ObjectRestore:Delete'>>().toEqualTypeOf<'Object Restore Expired'>();
    expectTypeOf<'ReducedRedundancyLostObject'>().not.toMatchTypeOf<S3EventBridgeName>();
    expectTypeOf<'ObjectTagging:Delete'>().toMatchTypeOf<S3EventBridgeName>();
    // @ts-expect-error: replication events are not sent to EventBridge
    asEventBridge({ name: 'Replication:OperationFailedReplication' });
    // @ts-expect-error: hostId is not part of an EventBridge event
    asEventBridge({ hostId: 'x' });
  });
});

describe('deliver and ROADS', () => {
  it('returns what arrives at the end of the road', () => {
    const record = s3Record();
    expectTypeOf(deliver(record, ['s3'])).toEqualTypeOf<S3EventNotification>();
    expectTypeOf(deliver(record, ['eventbridge'])).toEqualTypeOf<S3EventBridgeEvent>();
    expectTypeOf(deliver(record, ['s3', 'sns'])).toEqualTypeOf<BuiltSnsEvent>();
    expectTypeOf(deliver(record, ['eventbridge', 'sns', 'sqs'])).toEqualTypeOf<BuiltSqsEvent | SqsReceiveResult>();
    expectTypeOf(ROADS).toEqualTypeOf<readonly S3Road[]>();
    // @ts-expect-error: not a road
    deliver(record, ['sqs']);
  });

  it('feeds normalize() without casts', () => {
    expectTypeOf(normalize(deliver(s3Record(), ['s3', 'sqs']))).toMatchTypeOf<unknown[]>();
  });
});

describe('errors', () => {
  it('exposes a stable name, a code and a guard', () => {
    expectTypeOf<S3EventFactoryError['name']>().toEqualTypeOf<'S3EventFactoryError'>();
    expectTypeOf<S3EventFactoryError['code']>().toEqualTypeOf<'INVALID_OPTION' | 'INVALID_KEY' | 'INVALID_PAYLOAD' | 'UNSUPPORTED_ROAD'>();
    const error: unknown = new Error();
    if (isS3EventFactoryError(error)) expectTypeOf(error).toEqualTypeOf<S3EventFactoryError>();
  });
});
