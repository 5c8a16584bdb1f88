import { SQSClient } from '@aws-sdk/client-sqs';
import type { EventBridgeHandler, S3Handler, SNSHandler, SQSHandler } from 'aws-lambda';
import {
  createDeduper,
  createLatestOnly,
  memoryStore,
  subscribe,
  type Deduper,
  type DedupeOptions,
  type LatestOnly,
  type LatestOnlyOptions,
  type SubscribeOptions,
  type MatchedEvent,
  type ObjectCreatedEvent,
  type ObjectRemovedEvent,
  type S3EventConsumer,
  type S3EventContext,
  type S3ObjectEvent,
  type SqsBatchResponse,
  type SqsClientLike,
  type SqsConsumerError,
  type S3EventHandlerError,
  type Subscription,
} from 's3-event-kit';
import { describe, expectTypeOf, it } from 'vitest';

describe('subscribe() types', () => {
  it("narrows the handler's event with events: ['ObjectCreated:*']", () => {
    const subscription = subscribe({ events: ['ObjectCreated:*'], prefix: 'uploads/' }, async (event, ctx) => {
      expectTypeOf(event).toEqualTypeOf<MatchedEvent<['ObjectCreated:*']>>();
      expectTypeOf(event).toMatchTypeOf<ObjectCreatedEvent>();
      expectTypeOf(event.size).toEqualTypeOf<number>();
      expectTypeOf(event.name).toEqualTypeOf<'ObjectCreated:Put' | 'ObjectCreated:Post' | 'ObjectCreated:Copy' | 'ObjectCreated:CompleteMultipartUpload'>();
      expectTypeOf(ctx).toEqualTypeOf<S3EventContext>();
    });
    expectTypeOf(subscription).toEqualTypeOf<Subscription<MatchedEvent<['ObjectCreated:*']>>>();
  });

  it('gives an unfiltered handler every S3ObjectEvent', () => {
    subscribe({}, (event) => {
      expectTypeOf(event).toEqualTypeOf<S3ObjectEvent>();
      expectTypeOf(event.size).toEqualTypeOf<number | undefined>();
    });
    subscribe({ prefix: 'a/', suffix: '.jpg', bucket: 'b' }, (event) => {
      expectTypeOf(event).toEqualTypeOf<S3ObjectEvent>();
    });
  });

  it('narrows with exact names and with the s3: notation', () => {
    subscribe({ events: ['s3:ObjectRemoved:*', 'ObjectCreated:Copy'] }, (event) => {
      expectTypeOf(event.name).toEqualTypeOf<'ObjectRemoved:Delete' | 'ObjectRemoved:DeleteMarkerCreated' | 'ObjectCreated:Copy'>();
      expectTypeOf(event).toMatchTypeOf<ObjectRemovedEvent | ObjectCreatedEvent<'ObjectCreated:Copy'>>();
      if (event.type === 'ObjectRemoved') expectTypeOf(event.deletionType).toEqualTypeOf<'Permanently Deleted' | 'Delete Marker Created'>();
      else expectTypeOf(event.size).toEqualTypeOf<number>();
    });
  });

  it('rejects unknown event names', () => {
    // @ts-expect-error not an S3 event name
    subscribe({ events: ['ObjectCreated:Upload'] }, () => {});
  });

  it('is a Lambda handler for SQS (partial batch response) and takes S3, SNS and EventBridge events', () => {
    const subscription = subscribe({}, () => {});
    const sqs: SQSHandler = subscription;
    expectTypeOf(sqs).toBeFunction();
    expectTypeOf(subscription).parameter(0).toEqualTypeOf<unknown>();
    expectTypeOf<Parameters<S3Handler>[1]>().toMatchTypeOf<Parameters<typeof subscription>[1]>();
    expectTypeOf<Parameters<SNSHandler>[1]>().toMatchTypeOf<Parameters<typeof subscription>[1]>();
    expectTypeOf<Parameters<EventBridgeHandler<'Object Created', unknown, void>>[1]>().toMatchTypeOf<Parameters<typeof subscription>[1]>();
    // Per-road answers: test/types/handler-assignability.test-d.ts. Called with `unknown`: either.
    expectTypeOf(subscription({} as unknown)).toEqualTypeOf<Promise<SqsBatchResponse | undefined>>();
  });

  it('starts a consumer with an SQSClient or any object with send()', () => {
    const client: SqsClientLike = new SQSClient({});
    expectTypeOf(client.send).toBeFunction();
    const consumer = subscribe({}, () => {}).start({
      queueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/q',
      client: { send: async () => ({}) },
    });
    expectTypeOf(consumer).toEqualTypeOf<S3EventConsumer>();
    consumer.on('error', (error) => expectTypeOf(error).toEqualTypeOf<SqsConsumerError>());
    consumer.on('handlerError', (error) => expectTypeOf(error).toEqualTypeOf<S3EventHandlerError>());
    // @ts-expect-error not an event of the consumer
    consumer.on('processing_error', () => {});
    expectTypeOf(consumer.stop()).toEqualTypeOf<Promise<void>>();
  });

  it('takes dedupe and latestOnly as a boolean, their options, or a ready Deduper / LatestOnly', () => {
    const store = memoryStore();
    subscribe({ dedupe: true, latestOnly: false }, () => {});
    subscribe({ dedupe: { store, ttlSeconds: 60 }, latestOnly: { store } }, () => {});
    subscribe({ dedupe: createDeduper(), latestOnly: createLatestOnly() }, () => {});
    expectTypeOf<SubscribeOptions['dedupe']>().toEqualTypeOf<Deduper | DedupeOptions | boolean | undefined>();
    expectTypeOf<SubscribeOptions['latestOnly']>().toEqualTypeOf<LatestOnly | LatestOnlyOptions | boolean | undefined>();
    // @ts-expect-error not a dedupe option
    subscribe({ dedupe: 'yes' }, () => {});
    // @ts-expect-error ttlSeconds is a number
    subscribe({ latestOnly: { ttlSeconds: '60' } }, () => {});
    // the filter still narrows the handler
    subscribe({ events: ['ObjectRemoved:*'], dedupe: true }, (event) => expectTypeOf(event.type).toEqualTypeOf<'ObjectRemoved'>());
    const stats = subscribe({ dedupe: true }, () => {}).start({ queueUrl: 'https://sqs.us-east-1.amazonaws.com/1/q' }).stats;
    expectTypeOf(stats.skipped).toEqualTypeOf<number>();
  });
});
