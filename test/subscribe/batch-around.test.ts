// around(ctx, next) for subscribeBatch(), in Lambda, on real payloads: once per batch, around the handler call
import { memoryStore, S3EventBatchError, subscribeBatch, type LogFields, type S3EventBatchContext, type S3EventLogger, type S3ObjectEvent } from 's3-event-kit';
import { asS3Event, asSqs, deliver, ROADS, s3Record, sqsRecord } from 's3-event-kit/testing';
import { describe, expect, it, vi } from 'vitest';

/** A logger and the lines it was given. */
function recordingLogger(): S3EventLogger & { lines: Array<{ level: string; message: string; fields: LogFields }> } {
  const lines: Array<{ level: string; message: string; fields: LogFields }> = [];
  const at = (level: string) => (message: string, fields: LogFields) => void lines.push({ level, message, fields });
  return { lines, error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}

const ids = (response: { batchItemFailures: Array<{ itemIdentifier: string }> } | undefined): string[] =>
  response?.batchItemFailures.map((f) => f.itemIdentifier) ?? [];

const records = (...keys: string[]) => keys.map((key) => sqsRecord(asS3Event(s3Record({ key, sequencer: `0${key.length}` })), { messageId: `m-${key}` }));

describe('subscribeBatch({ around })', () => {
  it.each(ROADS.map((road) => [road.join(' → '), road] as const))('is called once per batch around the handler call on %s, with the batch context', async (_, road) => {
    // Arrange
    const order: string[] = [];
    let seen: S3EventBatchContext | undefined;
    const subscription = subscribeBatch(
      {
        around: async (ctx, next) => {
          seen = ctx;
          order.push(`around ${ctx.events.map((e) => e.key).join(',')}`);
          await next();
          order.push('after');
        },
      },
      async (events, ctx) => {
        order.push(`handler ${events.length}`);
        expect(ctx).toBe(seen);
      },
    );
    const context = { getRemainingTimeInMillis: () => 60_000, awsRequestId: 'req-1' };

    // Act
    await subscription(deliver(s3Record({ key: 'a.jpg' }), road), context);

    // Assert
    expect(order).toEqual(['around a.jpg', 'handler 1', 'after']);
    expect(seen?.lambdaContext).toBe(context);
    const [event] = seen?.events ?? [];
    expect(seen?.of(event as S3ObjectEvent).lambdaContext).toBe(context); // each event's own message context
  });

  it('calls around once for a batch of many messages; not at all when no event reaches the handler', async () => {
    const around = vi.fn(async (_ctx: S3EventBatchContext, next: () => Promise<void>) => next());
    const subscription = subscribeBatch({ around, suffix: '.jpg' }, async () => {});
    expect(ids(await subscription({ Records: records('a.jpg', 'b.jpg', 'c.jpg') }))).toEqual([]);
    expect(around).toHaveBeenCalledTimes(1);
    expect(around.mock.calls[0]?.[0].events.map((e) => e.key)).toEqual(['a.jpg', 'b.jpg', 'c.jpg']);
    expect(ids(await subscription({ Records: records('skip.txt') }))).toEqual([]);
    expect(around).toHaveBeenCalledTimes(1);
  });

  it("next() resolves when the handler names failed events (they fail alone), and rejects with the handler's error when it throws", async () => {
    // Arrange
    const outcomes: Array<'resolved' | unknown> = [];
    let throws = false;
    const subscription = subscribeBatch(
      { logger: recordingLogger(), around: (_ctx, next) => next().then(() => outcomes.push('resolved'), (error: unknown) => outcomes.push(error)) },
      async (events) => {
        if (throws) throw new Error('the index is down');
        return { failed: events.filter((e) => e.key === 'b.jpg').map((event) => ({ event })) };
      },
    );

    // Act
    const partial = await subscription({ Records: records('a.jpg', 'b.jpg') });
    throws = true;
    const whole = await subscription({ Records: records('a.jpg', 'b.jpg') });

    // Assert: around swallowing the rejection does not acknowledge anything
    expect(ids(partial)).toEqual(['m-b.jpg']);
    expect(ids(whole)).toEqual(['m-a.jpg', 'm-b.jpg']);
    expect(outcomes[0]).toBe('resolved');
    expect(outcomes[1]).toEqual(new Error('the index is down'));
  });

  it('an around that throws fails the whole batch, even after next() resolved: logged once per message, claims released', async () => {
    // Arrange
    const logger = recordingLogger();
    const store = memoryStore();
    let broken = true;
    const handled: string[][] = [];
    const subscription = subscribeBatch(
      {
        logger,
        dedupe: { store },
        around: async (_ctx, next) => {
          await next();
          if (broken) throw new Error('the span exporter failed');
        },
      },
      async (events) => void handled.push(events.map((e) => e.key)),
    );

    // Act
    const first = await subscription({ Records: records('a.jpg', 'b.jpg') });
    broken = false;
    const second = await subscription({ Records: records('a.jpg', 'b.jpg') });

    // Assert: both messages came back, and the retry handles both events again (no claim was kept)
    expect(ids(first)).toEqual(['m-a.jpg', 'm-b.jpg']);
    expect(ids(second)).toEqual([]);
    expect(handled).toEqual([
      ['a.jpg', 'b.jpg'],
      ['a.jpg', 'b.jpg'],
    ]);
    const errors = logger.lines.filter((l) => l.level === 'error');
    expect(errors.map((l) => l.fields['messageId'])).toEqual(['m-a.jpg', 'm-b.jpg']);
    expect(errors.every((l) => l.message.includes('the span exporter failed'))).toBe(true);
  });

  it('an around that never calls next() fails the whole batch without calling the handler', async () => {
    // Arrange
    const logger = recordingLogger();
    const handler = vi.fn(async () => {});
    const subscription = subscribeBatch({ logger, around: async () => {} }, handler);

    // Act
    const response = await subscription({ Records: records('a.jpg', 'b.jpg') });
    const asynchronous = subscription(asS3Event(s3Record({ key: 'c.jpg' })));

    // Assert
    expect(ids(response)).toEqual(['m-a.jpg', 'm-b.jpg']);
    await expect(asynchronous).rejects.toBeInstanceOf(S3EventBatchError);
    expect(handler).not.toHaveBeenCalled();
    expect(logger.lines.filter((l) => l.level === 'error')[0]?.message).toContain('around() returned without calling next(): the batch was not handled');
  });

  it('calling next() twice runs the handler once', async () => {
    const handler = vi.fn(async () => {});
    const subscription = subscribeBatch({ around: async (_ctx, next) => Promise.all([next(), next()]) }, handler);
    expect(ids(await subscription(asSqs([asS3Event(s3Record({ key: 'a.jpg' }))])))).toEqual([]);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('refuses an around that is not a function', () => {
    expect(() => subscribeBatch({ around: 'nope' as never }, async () => {})).toThrow('around must be a function, got "nope"');
  });
});
