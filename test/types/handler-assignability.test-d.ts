/**
 * A subscription is a Lambda handler of every @types/aws-lambda handler type of its roads, and
 * each road's call answers what the run time answers: SQS `{ batchItemFailures }`, the
 * asynchronous roads (S3, SNS, EventBridge) nothing (or a rejection), `unknown` either.
 */
import type {
  APIGatewayProxyHandler,
  Context,
  EventBridgeEvent,
  EventBridgeHandler,
  KinesisStreamEvent,
  KinesisStreamHandler,
  S3Event,
  S3Handler,
  SNSEvent,
  SNSHandler,
  SQSBatchResponse,
  SQSEvent,
  SQSHandler,
} from 'aws-lambda';
import { describe, expectTypeOf, it } from 'vitest';
import {
  subscribe,
  type EventBridgeEventLike,
  type KinesisStreamEventLike,
  type S3EventBridgeEvent,
  type S3EventLike,
  type S3EventNotification,
  type SnsEventLike,
  type SnsLambdaEvent,
  type SqsBatchResponse,
  type SqsEventLike,
  type SqsLambdaEvent,
} from 's3-event-kit';

declare const s3: S3Event;
declare const sqs: SQSEvent;
declare const sns: SNSEvent;
declare const created: EventBridgeEvent<'Object Created', { bucket: { name: string } }>;
declare const kinesis: KinesisStreamEvent;
declare const anything: unknown;
declare const context: Context;

const subscription = subscribe({ events: ['ObjectCreated:*'] }, async (event) => {
  expectTypeOf(event.size).toEqualTypeOf<number>();
});

describe('a subscription as an @types/aws-lambda handler', () => {
  it('is each road’s handler type, by plain assignment', () => {
    const onS3: S3Handler = subscription;
    const onSns: SNSHandler = subscription;
    const onSqs: SQSHandler = subscription;
    const onCreated: EventBridgeHandler<'Object Created', unknown, void> = subscription;
    const onAnyRule: EventBridgeHandler<string, { bucket: { name: string } }, void> = subscription;
    const onStream: KinesisStreamHandler = subscription;
    expectTypeOf(onS3).toBeFunction();
    expectTypeOf(onSns).toBeFunction();
    expectTypeOf(onSqs).toBeFunction();
    expectTypeOf(onCreated).toBeFunction();
    expectTypeOf(onAnyRule).toBeFunction();
    expectTypeOf(onStream).toBeFunction();
  });

  it('is each road’s handler type, by expectTypeOf', () => {
    expectTypeOf(subscription).toMatchTypeOf<S3Handler>();
    expectTypeOf(subscription).toMatchTypeOf<SNSHandler>();
    expectTypeOf(subscription).toMatchTypeOf<SQSHandler>();
    expectTypeOf(subscription).toMatchTypeOf<EventBridgeHandler<'Object Created', unknown, void>>();
    expectTypeOf(subscription).toMatchTypeOf<KinesisStreamHandler>();
  });

  it('fits the @types/aws-lambda events into its road shapes', () => {
    expectTypeOf<S3Event>().toMatchTypeOf<S3EventLike>();
    expectTypeOf<SNSEvent>().toMatchTypeOf<SnsEventLike>();
    expectTypeOf<SQSEvent>().toMatchTypeOf<SqsEventLike>();
    expectTypeOf<EventBridgeEvent<'Object Created', unknown>>().toMatchTypeOf<EventBridgeEventLike>();
    expectTypeOf<KinesisStreamEvent>().toMatchTypeOf<KinesisStreamEventLike>();
    // and the library's own raw types
    expectTypeOf<S3EventNotification>().toMatchTypeOf<S3EventLike>();
    expectTypeOf<SnsLambdaEvent>().toMatchTypeOf<SnsEventLike>();
    expectTypeOf<SqsLambdaEvent>().toMatchTypeOf<SqsEventLike>();
    expectTypeOf<S3EventBridgeEvent>().toMatchTypeOf<EventBridgeEventLike>();
  });
});

describe('what each road’s call answers', () => {
  it('SQS: the partial batch response', () => {
    expectTypeOf(subscription(sqs, context)).toEqualTypeOf<Promise<SqsBatchResponse>>();
    expectTypeOf(subscription(sqs)).resolves.toMatchTypeOf<SQSBatchResponse>();
  });

  it('S3, SNS, EventBridge: nothing (failures reject)', () => {
    expectTypeOf(subscription(s3, context)).toEqualTypeOf<Promise<void>>();
    expectTypeOf(subscription(sns)).toEqualTypeOf<Promise<void>>();
    expectTypeOf(subscription(created)).toEqualTypeOf<Promise<void>>();
  });

  it('Kinesis (not a road yet): nothing', () => {
    expectTypeOf(subscription(kinesis)).toEqualTypeOf<Promise<void>>();
  });

  it('unknown input: the batch response or nothing, never narrower', () => {
    expectTypeOf(subscription(anything)).toEqualTypeOf<Promise<SqsBatchResponse | undefined>>();
    expectTypeOf(subscription('{"Records":[]}')).toEqualTypeOf<Promise<SqsBatchResponse | undefined>>();
    expectTypeOf(subscription({ Messages: [] })).toEqualTypeOf<Promise<SqsBatchResponse | undefined>>();
  });
});

describe('wrong uses do not compile', () => {
  it('rejects claims the run time does not keep', async () => {
    // @ts-expect-error: an S3 invocation answers nothing, not a batch response
    const fromS3: SqsBatchResponse = await subscription(s3);
    // @ts-expect-error: unknown input may answer nothing
    const fromUnknown: SqsBatchResponse = await subscription(anything);
    // @ts-expect-error: an SNS invocation answers nothing
    void (await subscription(sns)).batchItemFailures;
    // @ts-expect-error: a subscription is no API Gateway handler (it returns no HTTP response)
    const api: APIGatewayProxyHandler = subscription;
    void [fromS3, fromUnknown, api];
  });

  it('keeps the handler’s event narrowed by the filter', () => {
    // @ts-expect-error: only ObjectCreated events reach this handler
    subscribe({ events: ['ObjectCreated:*'] }, async (event: { name: 'ObjectRemoved:Delete' }) => event);
  });
});
