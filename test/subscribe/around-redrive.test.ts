// around(ctx, next), ctx.trace and ctx.redrivenFrom in Lambda, on real payloads of every road
// (the factories build them exactly as AWS sends them); dedupe's `replays` option.
import { describe, expect, it, vi } from 'vitest';
import { memoryStore, subscribe, SubscribeOptionsError, type S3EventContext, type S3ObjectEvent } from 's3-event-kit';
import { asEventBridge, asS3Event, asSns, asSqs, s3Record, sqsRecord, testEvent } from 's3-event-kit/testing';
import { recordingLogger, type LogLine } from './recording-logger.js';

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const XRAY = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';
const DLQ_SOURCE = 'arn:aws:sqs:us-east-1:123456789012:uploads';

const created = (key: string) => asS3Event(s3Record({ key }));
const batch = (...records: ReturnType<typeof sqsRecord>[]) => ({ Records: records });

describe('around(ctx, next)', () => {
  it('is called once per message, around its handler calls, with the handler\'s context', async () => {
    const order: string[] = [];
    const contexts = new Set<S3EventContext>();
    const handler = subscribe(
      {
        around: async (ctx, next) => {
          contexts.add(ctx);
          order.push(`around ${ctx.messageId}`);
          await next();
          order.push(`after ${ctx.messageId}`);
        },
        concurrency: 1,
      },
      async (event, ctx) => {
        contexts.add(ctx);
        order.push(`handler ${event.key}`);
      },
    );
    const twoRecords = asS3Event(s3Record({ key: 'a1' }), s3Record({ key: 'a2' }));
    const result = await handler(batch(sqsRecord(twoRecords, { messageId: 'm1' }), sqsRecord(created('b'), { messageId: 'm2' })));
    expect(result).toEqual({ batchItemFailures: [] });
    expect(order).toEqual(['around m1', 'handler a1', 'handler a2', 'after m1', 'around m2', 'handler b', 'after m2']);
    expect(contexts.size).toBe(2);
  });

  it('wraps every road: S3, SNS and EventBridge invocations', async () => {
    const around = vi.fn((_ctx: S3EventContext, next: () => Promise<void>) => next());
    const handled: string[] = [];
    const handler = subscribe({ around }, async (event) => void handled.push(event.key));
    await handler(created('s3'));
    await handler(asSns(created('sns')));
    await handler(asEventBridge({ key: 'eb' }));
    expect(handled).toEqual(['s3', 'sns', 'eb']);
    expect(around).toHaveBeenCalledTimes(3);
  });

  it('next() rejects with the handler\'s error; the message fails, logged once, even if around swallows it', async () => {
    const lines: LogLine[] = [];
    const seen: unknown[] = [];
    const boom = new Error('boom');
    const handler = subscribe(
      {
        logger: recordingLogger(lines),
        around: async (_ctx, next) => {
          await next().catch((error: unknown) => seen.push(error));
        },
      },
      async (event) => {
        if (event.key === 'bad') throw boom;
      },
    );
    const result = await handler(batch(sqsRecord(created('bad'), { messageId: 'm1' }), sqsRecord(created('good'), { messageId: 'm2' })));
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm1' }] });
    expect(seen).toEqual([boom]);
    expect(lines.filter(([level]) => level === 'error')).toHaveLength(1);
  });

  it('a rethrown handler error is logged once, not twice', async () => {
    const lines: LogLine[] = [];
    const handler = subscribe({ logger: recordingLogger(lines), around: (_ctx, next) => next() }, async () => {
      throw new Error('boom');
    });
    await expect(handler(created('k'))).rejects.toThrow();
    expect(lines.filter(([level]) => level === 'error')).toHaveLength(1);
  });

  it.each([
    ['before next()', async (_ctx: S3EventContext, _next: () => Promise<void>) => Promise.reject(new Error('no span today'))],
    ['after next() resolved', async (_ctx: S3EventContext, next: () => Promise<void>) => {
      await next();
      throw new Error('no span today');
    }],
  ])('what around throws %s fails the message like a handler error, logged once', async (_when, around) => {
    const lines: LogLine[] = [];
    const onError = vi.fn();
    const handler = subscribe({ logger: recordingLogger(lines), around, onError }, async () => {});
    const result = await handler(batch(sqsRecord(created('k'), { messageId: 'm1' })));
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm1' }] });
    const errors = lines.filter(([level]) => level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.[1]).toContain('no span today');
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('an around that never calls next() fails the message (nothing was handled)', async () => {
    const handlerFn = vi.fn();
    const handler = subscribe({ around: async () => {} }, handlerFn);
    const result = await handler(batch(sqsRecord(created('k'), { messageId: 'm1' })));
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm1' }] });
    expect(handlerFn).not.toHaveBeenCalled();
  });

  it('next() runs the handler calls once, however often it is called; an around that does not await still waits for them', async () => {
    const handlerFn = vi.fn(async () => new Promise((resolve) => setTimeout(resolve, 5)));
    const handler = subscribe(
      {
        around: (_ctx, next) => {
          void next();
          void next();
        },
      },
      handlerFn,
    );
    expect(await handler(batch(sqsRecord(created('k'), { messageId: 'm1' })))).toEqual({ batchItemFailures: [] });
    expect(handlerFn).toHaveBeenCalledTimes(1);
  });

  it('is not called for a message with no event: not an S3 event, or a test event', async () => {
    const around = vi.fn((_ctx: S3EventContext, next: () => Promise<void>) => next());
    const handler = subscribe({ around, onInvalid: 'delete' }, async () => {});
    const result = await handler(batch(sqsRecord('not json', { messageId: 'm1' }), sqsRecord(testEvent(), { messageId: 'm2' })));
    expect(result).toEqual({ batchItemFailures: [] });
    expect(around).not.toHaveBeenCalled();
  });

  it('sees a message whose events the filter leaves out, and next() resolves', async () => {
    const around = vi.fn((_ctx: S3EventContext, next: () => Promise<void>) => next());
    const handlerFn = vi.fn();
    const handler = subscribe({ around, prefix: 'images/' }, handlerFn);
    expect(await handler(batch(sqsRecord(created('docs/a.txt'), { messageId: 'm1' })))).toEqual({ batchItemFailures: [] });
    expect(around).toHaveBeenCalledTimes(1);
    expect(handlerFn).not.toHaveBeenCalled();
  });

  it('must be a function', () => {
    expect(() => subscribe({ around: 'span' as never }, async () => {})).toThrow(SubscribeOptionsError);
  });
});

describe('ctx.trace', () => {
  it('is the parsed X-Ray header and W3C traceparent / tracestate of a Lambda SQS record', async () => {
    const traces: unknown[] = [];
    const handler = subscribe({}, async (_event, ctx) => void traces.push(ctx.trace));
    const record = sqsRecord(created('k'), {
      attributes: { AWSTraceHeader: XRAY },
      messageAttributes: {
        traceparent: { dataType: 'String', stringValue: TRACEPARENT },
        tracestate: { dataType: 'String', stringValue: 'congo=t61rcWkgMzE' },
      },
    });
    await handler(batch(record, sqsRecord(created('none'))));
    expect(traces).toEqual([
      {
        xray: { header: XRAY, root: '1-5759e988-bd862e3fe1be46a994272793', parent: '53995c3f42cd8ad8', sampled: true },
        w3c: {
          traceparent: TRACEPARENT,
          version: '00',
          traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
          parentId: '00f067aa0ba902b7',
          flags: 1,
          sampled: true,
          state: 'congo=t61rcWkgMzE',
        },
      },
      undefined,
    ]);
  });

  it('a malformed header: left out, one debug line when first read, never a failure; nothing logged if never read', async () => {
    const lines: LogLine[] = [];
    const record = sqsRecord(created('k'), { messageId: 'm1', attributes: { AWSTraceHeader: 'garbage' } });
    const reading = subscribe({ logger: recordingLogger(lines) }, async (_event, ctx) => {
      expect(ctx.trace).toBeUndefined();
      expect(ctx.trace).toBeUndefined();
    });
    expect(await reading(batch(record))).toEqual({ batchItemFailures: [] });
    expect(lines).toEqual([['debug', 'ignored a malformed trace header: AWSTraceHeader "garbage"', { transport: 'lambda', messageId: 'm1' }]]);

    lines.length = 0;
    await subscribe({ logger: recordingLogger(lines) }, async () => {})(batch(record));
    expect(lines).toEqual([]);
  });
});

describe('ctx.redrivenFrom', () => {
  it('an SQS message that went through a DLQ: DeadLetterQueueSourceArn', async () => {
    const seen: unknown[] = [];
    const handler = subscribe({}, async (_event, ctx) => void seen.push(ctx.redrivenFrom));
    await handler(batch(sqsRecord(created('k'), { attributes: { DeadLetterQueueSourceArn: DLQ_SOURCE } }), sqsRecord(created('fresh'))));
    expect(seen).toEqual([{ deadLetterSourceArn: DLQ_SOURCE }, undefined]);
  });

  it('an EventBridge archive replay: replay-name, directly and through SQS', async () => {
    const seen: unknown[] = [];
    const handler = subscribe({}, async (event, ctx) => void seen.push([event.via.join('/'), ctx.redrivenFrom]));
    const replayed = { ...asEventBridge({ key: 'k' }), 'replay-name': 'fix-thumbnails' };
    await handler(replayed);
    await handler(asSqs(replayed));
    await handler(asEventBridge({ key: 'k' }));
    expect(seen).toEqual([
      ['eventbridge', { replayName: 'fix-thumbnails' }],
      ['eventbridge/sqs', { replayName: 'fix-thumbnails' }],
      ['eventbridge', undefined],
    ]);
  });
});

describe("dedupe: { replays }", () => {
  const run = async (replays: 'acknowledge' | 'handle' | undefined) => {
    const handled: string[] = [];
    const store = memoryStore();
    const handler = subscribe({ dedupe: replays === undefined ? { store } : { store, replays } }, async (event: S3ObjectEvent, ctx) => {
      handled.push(ctx.redrivenFrom?.replayName ?? ctx.redrivenFrom?.deadLetterSourceArn ?? 'first');
      if (event.key === 'never') throw new Error('unreachable');
    });
    const original = asEventBridge({ key: 'k', sequencer: '0055AED6DCD90281E5' });
    await handler(original);
    await handler(original); // an ordinary duplicate: always acknowledged
    await handler({ ...original, 'replay-name': 'r1' });
    const record = s3Record({ key: 'k2', sequencer: '0055AED6DCD90281E6' });
    await handler(batch(sqsRecord(asS3Event(record))));
    await handler(batch(sqsRecord(asS3Event(record), { attributes: { DeadLetterQueueSourceArn: DLQ_SOURCE } })));
    return handled;
  };

  it("by default a replay of a handled event is a duplicate: acknowledged, not handled", async () => {
    expect(await run(undefined)).toEqual(['first', 'first']);
    expect(await run('acknowledge')).toEqual(['first', 'first']);
  });

  it("'handle' lets replays and DLQ redrives through, and ordinary duplicates still not", async () => {
    expect(await run('handle')).toEqual(['first', 'r1', 'first', DLQ_SOURCE]);
  });

  it('a replay that fails leaves the event handled, as it was', async () => {
    const store = memoryStore();
    let fail = false;
    const calls: string[] = [];
    const handler = subscribe({ dedupe: { store, replays: 'handle' } }, async (_event, ctx) => {
      calls.push(ctx.redrivenFrom ? 'replay' : 'first');
      if (fail) throw new Error('replay failed');
    });
    const original = asEventBridge({ key: 'k', sequencer: '0055AED6DCD90281E5' });
    await handler(original);
    fail = true;
    await expect(handler({ ...original, 'replay-name': 'r1' })).rejects.toThrow();
    fail = false;
    await handler(original);
    expect(calls).toEqual(['first', 'replay']);
  });

  it('is checked', () => {
    expect(() => subscribe({ dedupe: { replays: 'always' as never } }, async () => {})).toThrow(SubscribeOptionsError);
  });
});
