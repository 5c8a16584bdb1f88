/**
 * The testing factories' payloads are @types/aws-lambda events without casts, so code typed with
 * `SQSHandler`, `S3Handler`, `SNSHandler` or `EventBridgeHandler` can be tested with them; and
 * where @types/aws-lambda claims a field S3 or SNS does not send, the factories' types do not
 * pretend. (The same assignments under a loose config: scripts/consumer-check.mjs.)
 */
import type {
  Context,
  EventBridgeEvent,
  EventBridgeHandler,
  S3Event,
  S3EventRecord,
  S3Handler,
  SNSEvent,
  SNSHandler,
  SQSBatchResponse,
  SQSEvent,
  SQSHandler,
  SQSRecord,
} from 'aws-lambda';
import { describe, expectTypeOf, it } from 'vitest';
import { subscribe, type SqsBatchResponse } from 's3-event-kit';
import {
  asEventBridge,
  asS3Event,
  asSns,
  asSqs,
  deliver,
  s3Record,
  sqsRecord,
  testEvent,
} from 's3-event-kit/testing';

declare const context: Context;

describe('factories → @types/aws-lambda events', () => {
  it('asSqs and sqsRecord give SQSEvent / SQSRecord on every SQS road', () => {
    const fromS3: SQSEvent = asSqs(asS3Event(s3Record()));
    const fromDelete: SQSEvent = asSqs(asS3Event(s3Record({ name: 'ObjectRemoved:Delete' })));
    const fromSns: SQSEvent = asSqs(asSns(asS3Event(s3Record()), { delivery: 'sqs' }));
    const fromRule: SQSEvent = asSqs(asEventBridge());
    const test: SQSEvent = asSqs(testEvent());
    const batch: SQSEvent = asSqs([testEvent(), 'not json'], { seed: 1 });
    const withAttributes: SQSEvent = asSqs('x', { messageAttributes: { a: { dataType: 'String', stringValue: 'v' } } });
    const record: SQSRecord = sqsRecord(asS3Event(s3Record()));
    const built: SQSEvent = { Records: [sqsRecord('a', { seed: 'a' }), sqsRecord('b', { seed: 'b' })] };
    const road: SQSEvent | { Messages: unknown[] } = deliver(s3Record(), ['s3', 'sns', 'sqs']);
    void [fromS3, fromDelete, fromSns, fromRule, test, batch, withAttributes, record, built, road];
  });

  it('asS3Event gives S3Event for records that carry size, eTag and sequencer', () => {
    const put: S3Event = asS3Event(s3Record());
    const seeded: S3Event = asS3Event(s3Record({ name: 'ObjectCreated:CompleteMultipartUpload', seed: 1 }));
    const several: S3Event = asS3Event(s3Record(), s3Record({ name: 'ObjectCreated:Copy' }), s3Record({ name: 'ObjectRestore:Completed' }));
    const replication: S3Event = asS3Event(s3Record({ name: 'Replication:OperationFailedReplication' }));
    const record: S3EventRecord = s3Record({ name: 'ObjectCreated:Post', versionId: 'v1' });
    void [put, seeded, several, replication, record];
  });

  it('asS3Event does not claim what S3 does not send', () => {
    // @ts-expect-error: S3 sends no size on a delete (@types/aws-lambda says it always does)
    const deleted: S3Event = asS3Event(s3Record({ name: 'ObjectRemoved:Delete' }));
    // @ts-expect-error: sequencer: null leaves it out, so the record is no @types S3EventRecord
    const unsequenced: S3EventRecord = s3Record({ sequencer: null });
    void [deleted, unsequenced];
  });

  it('asSns gives SNSEvent when SNS writes a subject', () => {
    const fromS3: SNSEvent = asSns(asS3Event(s3Record()));
    const test: SNSEvent = asSns(testEvent({ seed: 1 }), { seed: 1 });
    const fromRuleWithSubject: SNSEvent = asSns(asEventBridge(), { subject: 'from a rule' });
    void [fromS3, test, fromRuleWithSubject];
  });

  it('asSns does not hide the null subject SNS writes for EventBridge events and strings', () => {
    // @ts-expect-error: Subject is null here; @types/aws-lambda only knows string | undefined
    const fromRule: SNSEvent = asSns(asEventBridge());
    // @ts-expect-error: the same for subject: null
    const none: SNSEvent = asSns(asS3Event(s3Record()), { subject: null });
    void [fromRule, none];
  });

  it('asEventBridge gives EventBridgeEvent of its detail type', () => {
    const created: EventBridgeEvent<'Object Created', unknown> = asEventBridge(s3Record());
    const deleted: EventBridgeEvent<'Object Deleted', { object: { key: string } }> = asEventBridge({ name: 'ObjectRemoved:Delete', seed: 2 });
    const any: EventBridgeEvent<string, unknown> = asEventBridge({ name: 'ObjectTagging:Put' });
    // @ts-expect-error: a created object's event is not an 'Object Deleted' event
    const wrong: EventBridgeEvent<'Object Deleted', unknown> = asEventBridge(s3Record());
    void [created, deleted, any, wrong];
  });
});

describe('testing @types/aws-lambda handlers with the factories', () => {
  it('calls SQSHandler, S3Handler, SNSHandler and EventBridgeHandler code without casts', async () => {
    const onSqs: SQSHandler = async (event) => ({ batchItemFailures: event.Records.map((r) => ({ itemIdentifier: r.messageId })) });
    const onS3: S3Handler = async (event) => void event.Records[0]?.s3.object.size;
    const onSns: SNSHandler = async (event) => void event.Records[0]?.Sns.Subject;
    const onRule: EventBridgeHandler<'Object Created', unknown, void> = async (event) => void event.detail;
    const done = (): void => {};
    expectTypeOf(await onSqs(asSqs(asS3Event(s3Record())), context, done)).toEqualTypeOf<SQSBatchResponse | void>();
    await onS3(asS3Event(s3Record()), context, done);
    await onSns(asSns(asS3Event(s3Record())), context, done);
    await onRule(asEventBridge(), context, done);
  });

  it('calls a subscription with each payload and gets that road’s answer', () => {
    const handler = subscribe({}, async () => {});
    expectTypeOf(handler(asSqs(asS3Event(s3Record())))).toEqualTypeOf<Promise<SqsBatchResponse>>();
    expectTypeOf(handler(asS3Event(s3Record({ name: 'ObjectRemoved:Delete' })))).toEqualTypeOf<Promise<void>>();
    expectTypeOf(handler(asSns(asEventBridge()))).toEqualTypeOf<Promise<void>>();
    expectTypeOf(handler(asEventBridge())).toEqualTypeOf<Promise<void>>();
    expectTypeOf(handler(asSqs(testEvent(), { shape: 'api' }))).toEqualTypeOf<Promise<SqsBatchResponse | undefined>>();
  });
});
