// The types of ctx.trace, ctx.redrivenFrom, around and dedupe's replays.
import { describe, expectTypeOf, it } from 'vitest';
import {
  createDeduper,
  subscribe,
  type AroundHook,
  type DedupeOptions,
  type DedupeRunOptions,
  type S3EventBridgeEvent,
  type S3EventContext,
  type S3EventRedrive,
  type S3EventTrace,
  type S3EventW3CTrace,
  type S3EventXRayTrace,
  type SubscribeOptions,
} from 's3-event-kit';

describe('ctx.trace', () => {
  it('is an S3EventTrace or undefined, with typed X-Ray and W3C parts', () => {
    expectTypeOf<S3EventContext['trace']>().toEqualTypeOf<S3EventTrace | undefined>();
    expectTypeOf<S3EventTrace['xray']>().toEqualTypeOf<S3EventXRayTrace | undefined>();
    expectTypeOf<S3EventTrace['w3c']>().toEqualTypeOf<S3EventW3CTrace | undefined>();
    expectTypeOf<S3EventXRayTrace['root']>().toEqualTypeOf<string>();
    expectTypeOf<S3EventXRayTrace['parent']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<S3EventXRayTrace['sampled']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<S3EventW3CTrace['traceId']>().toEqualTypeOf<string>();
    expectTypeOf<S3EventW3CTrace['parentId']>().toEqualTypeOf<string>();
    expectTypeOf<S3EventW3CTrace['flags']>().toEqualTypeOf<number>();
    expectTypeOf<S3EventW3CTrace['sampled']>().toEqualTypeOf<boolean>();
    expectTypeOf<S3EventW3CTrace['state']>().toEqualTypeOf<string | undefined>();
  });

  it('is read in a handler without narrowing tricks', () => {
    subscribe({}, async (_event, ctx) => {
      expectTypeOf(ctx.trace?.w3c?.traceId).toEqualTypeOf<string | undefined>();
      expectTypeOf(ctx.trace?.xray?.root).toEqualTypeOf<string | undefined>();
    });
  });

  it('is read-only', () => {
    subscribe({}, async (_event, ctx) => {
      // @ts-expect-error the context is read-only
      ctx.trace = undefined;
    });
  });
});

describe('ctx.redrivenFrom', () => {
  it('is an S3EventRedrive or undefined', () => {
    expectTypeOf<S3EventContext['redrivenFrom']>().toEqualTypeOf<S3EventRedrive | undefined>();
    expectTypeOf<S3EventRedrive['deadLetterSourceArn']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<S3EventRedrive['replayName']>().toEqualTypeOf<string | undefined>();
  });

  it('the raw EventBridge event may carry replay-name', () => {
    expectTypeOf<S3EventBridgeEvent['replay-name']>().toEqualTypeOf<string | undefined>();
  });

  it('a context built by hand (tests, backfill) need not have trace or redrivenFrom', () => {
    const ctx: S3EventContext = { messageId: undefined, receiveCount: undefined, signal: new AbortController().signal, message: undefined };
    expectTypeOf(ctx).toMatchTypeOf<S3EventContext>();
  });
});

describe('around', () => {
  it('takes the context and next, and may return anything (a promise, a value)', () => {
    expectTypeOf<AroundHook>().parameters.toEqualTypeOf<[S3EventContext, () => Promise<void>]>();
    expectTypeOf<SubscribeOptions['around']>().toEqualTypeOf<AroundHook | undefined>();
    subscribe({ around: (_ctx, next) => next() }, async () => {});
    subscribe({ around: async (ctx, next) => void (await next().catch(() => ctx.messageId)) }, async () => {});
    subscribe({ events: ['ObjectCreated:*'], around: (ctx, next) => (ctx.trace ? next() : next()) }, async (event) => {
      expectTypeOf(event.size).toEqualTypeOf<number>();
    });
  });

  it('is a function', () => {
    // @ts-expect-error around is a function
    subscribe({ around: 'span' }, async () => {});
    // @ts-expect-error next takes no argument
    subscribe({ around: (_ctx, next) => next(1) }, async () => {});
  });
});

describe('dedupe replays', () => {
  it("is 'acknowledge' or 'handle'", () => {
    expectTypeOf<DedupeOptions['replays']>().toEqualTypeOf<'acknowledge' | 'handle' | undefined>();
    subscribe({ dedupe: { replays: 'handle' } }, async () => {});
    // @ts-expect-error not a policy
    subscribe({ dedupe: { replays: 'always' } }, async () => {});
    expectTypeOf(createDeduper({ replays: 'handle' }).run).parameter(2).toEqualTypeOf<DedupeRunOptions | undefined>();
  });
});
