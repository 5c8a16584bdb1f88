import type { EventBridgeHandler, S3Handler, SNSHandler, SQSEvent, SQSHandler } from 'aws-lambda';
import {
  subscribe,
  subscribeBatch,
  type AroundHook,
  type BatchAroundHook,
  type BatchSubscribeOptions,
  type BatchSubscription,
  type MatchedEvent,
  type ObjectCreatedEvent,
  type S3EventBatchContext,
  type S3EventBatchResult,
  type S3EventConsumer,
  type S3EventContext,
  type S3ObjectEvent,
  type SqsBatchResponse,
} from 's3-event-kit';
import { describe, expectTypeOf, it } from 'vitest';

describe('subscribeBatch() types', () => {
  it("narrows the batch's events with the filter", () => {
    const subscription = subscribeBatch({ events: ['ObjectCreated:*'], prefix: 'uploads/' }, async (events, ctx) => {
      expectTypeOf(events).toEqualTypeOf<readonly MatchedEvent<['ObjectCreated:*']>[]>();
      expectTypeOf(events[0]).toEqualTypeOf<MatchedEvent<['ObjectCreated:*']> | undefined>();
      for (const event of events) {
        expectTypeOf(event).toMatchTypeOf<ObjectCreatedEvent>();
        expectTypeOf(event.size).toEqualTypeOf<number>();
        expectTypeOf(ctx.of(event)).toEqualTypeOf<S3EventContext>();
      }
      expectTypeOf(ctx).toEqualTypeOf<S3EventBatchContext<MatchedEvent<['ObjectCreated:*']>>>();
      expectTypeOf(ctx.signal).toEqualTypeOf<AbortSignal>();
    });
    expectTypeOf(subscription).toEqualTypeOf<BatchSubscription<MatchedEvent<['ObjectCreated:*']>>>();
  });

  it('gives an unfiltered batch every S3ObjectEvent, and narrows with the s3: notation', () => {
    subscribeBatch({}, (events) => {
      expectTypeOf(events).toEqualTypeOf<readonly S3ObjectEvent[]>();
    });
    subscribeBatch({ events: ['s3:ObjectRemoved:*'] }, (events) => {
      for (const event of events) expectTypeOf(event.type).toEqualTypeOf<'ObjectRemoved'>();
    });
    // @ts-expect-error not an S3 event name
    subscribeBatch({ events: ['ObjectCreated:Upload'] }, () => {});
  });

  it('takes nothing or { failed: [{ event, error? }] } of this batch as the answer', () => {
    subscribeBatch({}, async () => {});
    subscribeBatch({}, () => undefined);
    subscribeBatch({}, async (events) => ({ failed: events.map((event) => ({ event })) }));
    subscribeBatch({}, async (events) => ({ failed: events.map((event) => ({ event, error: new Error('no') })) }));
    subscribeBatch({ events: ['ObjectCreated:*'] }, async (events): Promise<S3EventBatchResult<MatchedEvent<['ObjectCreated:*']>>> => ({
      failed: events.filter((e) => e.size === 0).map((event) => ({ event })),
    }));
    // @ts-expect-error an event that may be missing (noUncheckedIndexedAccess) is not an event of the batch
    subscribeBatch({}, async (events) => ({ failed: [{ event: events[0] }] }));
    // @ts-expect-error a removed event is not an event of a batch of created ones
    subscribeBatch({ events: ['ObjectCreated:*'] }, async (): Promise<S3EventBatchResult<MatchedEvent<['ObjectCreated:*']>>> => ({ failed: [{ event: {} as MatchedEvent<['ObjectRemoved:*']> }] }));
    // @ts-expect-error an array of events is not the answer: name them in { failed }
    subscribeBatch({}, async (events) => events);
    // @ts-expect-error keys are not events
    subscribeBatch({}, async (events) => ({ failed: events.map((e) => e.key) }));
    // @ts-expect-error a boolean is no answer
    subscribeBatch({}, async () => true);
  });

  it('is a Lambda handler with the same per-road answers as subscribe()', () => {
    const subscription = subscribeBatch({}, async () => {});
    const sqs: SQSHandler = subscription;
    const s3: S3Handler = subscription;
    const sns: SNSHandler = subscription;
    const eb: EventBridgeHandler<'Object Created', unknown, void> = subscription;
    expectTypeOf(sqs).toBeFunction();
    expectTypeOf(s3).toBeFunction();
    expectTypeOf(sns).toBeFunction();
    expectTypeOf(eb).toBeFunction();
    expectTypeOf(subscription({} as SQSEvent)).toEqualTypeOf<Promise<SqsBatchResponse>>();
    expectTypeOf(subscription({} as unknown)).toEqualTypeOf<Promise<SqsBatchResponse | undefined>>();
  });

  it('starts a worker with the batch options', () => {
    const consumer = subscribeBatch({}, async () => {}).start({
      queueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/q',
      maxBatchSize: 100,
      batchWindowMs: 1_000,
    });
    expectTypeOf(consumer).toEqualTypeOf<S3EventConsumer>();
    // @ts-expect-error a number of milliseconds
    subscribeBatch({}, async () => {}).start({ queueUrl: 'https://sqs.us-east-1.amazonaws.com/1/q', batchWindowMs: '1s' });
  });

  it('gives around the batch context, narrowed by the filter, and refuses a per-message one', () => {
    subscribeBatch(
      {
        events: ['ObjectCreated:*'],
        around: async (ctx, next) => {
          expectTypeOf(ctx).toEqualTypeOf<S3EventBatchContext<MatchedEvent<['ObjectCreated:*']>>>();
          expectTypeOf(ctx.events).toEqualTypeOf<readonly MatchedEvent<['ObjectCreated:*']>[]>();
          for (const event of ctx.events) {
            expectTypeOf(event.size).toEqualTypeOf<number>();
            expectTypeOf(ctx.of(event)).toEqualTypeOf<S3EventContext>();
          }
          expectTypeOf(ctx.signal).toEqualTypeOf<AbortSignal>();
          expectTypeOf(next).toEqualTypeOf<() => Promise<void>>();
          await next();
        },
      },
      async () => {},
    );
    const timed: BatchAroundHook = (ctx, next) => (ctx.events.length > 0 ? next() : undefined);
    subscribeBatch({ around: timed }, async () => {});
    const perMessage: AroundHook = (_ctx, next) => next();
    // @ts-expect-error a per-message around would be handed a batch context it does not expect
    subscribeBatch({ around: perMessage }, async () => {});
    // @ts-expect-error a per-message context has no events
    subscribeBatch({}, async () => {}).options.around?.({} as S3EventContext, async () => {});
    // subscribe()'s around is unchanged: a per-message context
    subscribe({ around: (ctx, next) => (expectTypeOf(ctx).toEqualTypeOf<S3EventContext>(), next()) }, async () => {});
    expectTypeOf<BatchSubscribeOptions['around']>().toEqualTypeOf<BatchAroundHook<S3ObjectEvent> | undefined>();
  });

  it('takes rateLimit on the batch worker', () => {
    subscribeBatch({}, async () => {}).start({ queueUrl: 'https://sqs.us-east-1.amazonaws.com/1/q', maxBatchSize: 10, rateLimit: { perSecond: 10, burst: 20 } });
    // @ts-expect-error perSecond is a number
    subscribeBatch({}, async () => {}).start({ queueUrl: 'https://sqs.us-east-1.amazonaws.com/1/q', rateLimit: { perSecond: '10' } });
  });
});
