import {
  HandlerAbortedError,
  InvalidBatchResultError,
  memoryStore,
  S3EventBatchError,
  S3EventHandlerError,
  S3EventInProgressError,
  subscribeBatch,
  SubscribeOptionsError,
  UnknownBatchEventError,
  type HandlerCallSample,
  type MessageSample,
  type S3EventBatchContext,
  type S3EventContext,
  type S3ObjectEvent,
} from 's3-event-kit';
import { asEventBridge, asS3Event, asSns, asSqs, deliver, ROADS, s3Record, sqsRecord, testEvent } from 's3-event-kit/testing';
import { describe, expect, it, vi } from 'vitest';
import type { LogFields, S3EventLogger } from 's3-event-kit';

/** A logger and the lines it was given. */
function recordingLogger(): S3EventLogger & { lines: Array<{ level: string; message: string; fields: LogFields }> } {
  const lines: Array<{ level: string; message: string; fields: LogFields }> = [];
  const at = (level: string) => (message: string, fields: LogFields) => void lines.push({ level, message, fields });
  return { lines, error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}

const isSqsRoad = (road: readonly string[]): boolean => road[road.length - 1] === 'sqs';

/** A batch handler that records its calls and names as failed the events `fail` picks. */
function recorder(fail: (event: S3ObjectEvent) => boolean = () => false) {
  const calls: Array<{ events: readonly S3ObjectEvent[]; ctx: S3EventBatchContext }> = [];
  const handler = vi.fn(async (events: readonly S3ObjectEvent[], ctx: S3EventBatchContext) => {
    calls.push({ events, ctx });
    return { failed: events.filter(fail).map((event) => ({ event, error: new Error(`cannot process ${event.key}`) })) };
  });
  return { calls, handler };
}

const ids = (response: { batchItemFailures: Array<{ itemIdentifier: string }> } | undefined): string[] =>
  response?.batchItemFailures.map((f) => f.itemIdentifier) ?? [];

describe('subscribeBatch() as a Lambda handler, on every road', () => {
  it.each(ROADS.map((road) => [road.join(' → '), road] as const))('hands the invocation over in one call on %s', async (_, road) => {
    // Arrange
    const { calls, handler } = recorder();
    const subscription = subscribeBatch({}, handler);
    const payload = deliver(s3Record({ name: 'ObjectCreated:Copy', bucket: 'photos', key: 'a b+c.jpg', size: 7 }), road);

    // Act
    const response = await subscription(payload);

    // Assert
    expect(calls).toHaveLength(1);
    expect(calls[0]?.events).toHaveLength(1);
    expect(calls[0]?.events[0]).toMatchObject({ name: 'ObjectCreated:Copy', bucket: 'photos', key: 'a b+c.jpg', size: 7, via: road });
    expect(response).toEqual(isSqsRoad(road) ? { batchItemFailures: [] } : undefined);
  });

  it.each(ROADS.map((road) => [road.join(' → '), road] as const))('reports a failed event on %s the way the road needs', async (_, road) => {
    // Arrange
    const subscription = subscribeBatch({}, recorder(() => true).handler);
    const payload = deliver(s3Record({ key: 'broken.jpg' }), road);

    // Act
    const outcome = await subscription(payload).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );

    // Assert
    if (isSqsRoad(road)) {
      const id = (payload as { Records: Array<{ messageId: string }> }).Records[0]?.messageId;
      expect(outcome).toEqual({ value: { batchItemFailures: [{ itemIdentifier: id }] } });
    } else {
      const error = (outcome as { error: S3EventBatchError }).error;
      expect(error).toBeInstanceOf(S3EventBatchError);
      expect(error.errors).toHaveLength(1);
      expect(error.errors[0]).toBeInstanceOf(S3EventHandlerError);
      expect((error.errors[0] as S3EventHandlerError).cause).toEqual(new Error('cannot process broken.jpg'));
    }
  });
});

describe('what is reported back follows from the failed events', () => {
  const batch = () => ({
    Records: [
      sqsRecord(asS3Event(s3Record({ key: 'ok.jpg' })), { messageId: 'ok' }),
      sqsRecord(asS3Event(s3Record({ key: 'fails.jpg' })), { messageId: 'handler-fails' }),
      sqsRecord('this is not JSON', { messageId: 'not-json' }),
      sqsRecord(testEvent(), { messageId: 'test-event' }),
      sqsRecord(asS3Event(s3Record({ key: 'other/skip.txt' })), { messageId: 'filtered-out' }),
      sqsRecord(asEventBridge(s3Record({ key: 'eb.jpg' })), { messageId: 'eventbridge-ok' }),
      sqsRecord(asS3Event(s3Record({ key: 'two-1.jpg' }), s3Record({ key: 'two-2-fails.jpg' })), { messageId: 'two-events' }),
    ],
  });

  it('one call with every matching event in order; the failed events name their messages, and nothing else', async () => {
    // Arrange
    const { calls, handler } = recorder((e) => e.key.includes('fails'));
    const subscription = subscribeBatch({ suffix: '.jpg' }, handler);

    // Act
    const response = await subscription(batch());

    // Assert
    expect(calls).toHaveLength(1);
    expect(calls[0]?.events.map((e) => e.key)).toEqual(['ok.jpg', 'fails.jpg', 'eb.jpg', 'two-1.jpg', 'two-2-fails.jpg']);
    expect(ids(response)).toEqual(['handler-fails', 'not-json', 'two-events']);
  });

  it("acknowledges what onInvalid: 'delete' drops, and asks an onInvalid function per message", async () => {
    const onInvalid = vi.fn(async () => 'delete' as const);
    expect(ids(await subscribeBatch({ suffix: '.jpg', onInvalid: 'delete' }, recorder().handler)(batch()))).toEqual([]);
    expect(ids(await subscribeBatch({ onInvalid }, recorder().handler)(batch()))).toEqual([]);
    expect(onInvalid).toHaveBeenCalledTimes(1);
  });

  it('fails the whole batch when the handler throws', async () => {
    // Arrange
    const subscription = subscribeBatch({ suffix: '.jpg' }, async () => {
      throw new Error('the index is down');
    });

    // Act
    const response = await subscription(batch());

    // Assert: every message with an event handed over, and the unreadable one; not the filtered-out or test event
    expect(ids(response)).toEqual(['ok', 'handler-fails', 'not-json', 'eventbridge-ok', 'two-events']);
  });

  it('resolving to nothing acknowledges every message, and no call is made for a batch without a matching event', async () => {
    const handler = vi.fn(async () => {});
    expect(await subscribeBatch({ suffix: '.jpg' }, handler)({ Records: batch().Records.filter((r) => r.messageId !== 'not-json') })).toEqual({
      batchItemFailures: [],
    });
    expect(handler).toHaveBeenCalledTimes(1);
    expect(await subscribeBatch({ suffix: '.png' }, handler)(asSqs(testEvent()))).toEqual({ batchItemFailures: [] });
    expect(await subscribeBatch({ suffix: '.png' }, handler)(asSqs(asS3Event(s3Record({ key: 'a.jpg' }))))).toEqual({ batchItemFailures: [] });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['a copy of an event', (events: readonly S3ObjectEvent[]) => ({ failed: [{ event: { ...events[0] } as S3ObjectEvent }] }), UnknownBatchEventError, 'failed[0] names ObjectCreated:Put s3://amzn-s3-demo-bucket/ok.jpg, which is not an event of this batch'],
    ['a string', () => 'done' as never, InvalidBatchResultError, 'the batch handler must resolve to nothing or { failed: [{ event, error? }] }, got "done"'],
    ['an array of events', (events: readonly S3ObjectEvent[]) => events as never, InvalidBatchResultError, 'got an array of 2'],
    ['failed entries without an event', () => ({ failed: [{ error: 1 }] }) as never, InvalidBatchResultError, 'got { failed: […] }'],
  ])('fails the whole batch, saying why, when the result names %s', async (_, answer, type, message) => {
    // Arrange
    const logger = recordingLogger();
    const records = [sqsRecord(asS3Event(s3Record({ key: 'ok.jpg' })), { messageId: 'm1' }), sqsRecord(asS3Event(s3Record({ key: 'b.jpg' })), { messageId: 'm2' })];

    // Act
    const response = await subscribeBatch({ logger }, async (events) => answer(events))({ Records: records });

    // Assert
    expect(ids(response)).toEqual(['m1', 'm2']);
    const errors = logger.lines.filter((l) => l.level === 'error').map((l) => (l.fields['error'] as S3EventHandlerError).cause);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toBeInstanceOf(type);
    expect((errors[0] as Error).message).toContain(message);
  });

  it('logs every failed message once, calls onError once per message, and reports outcomes per message', async () => {
    // Arrange
    const logger = recordingLogger();
    const onError = vi.fn();
    const samples: MessageSample[] = [];
    const calls: HandlerCallSample[] = [];
    const metrics = { message: (s: MessageSample) => samples.push(s), handlerCall: (s: HandlerCallSample) => calls.push(s) };
    const { handler } = recorder((e) => e.key.includes('fails'));

    // Act
    await subscribeBatch({ suffix: '.jpg', logger, onError, metrics }, handler)(batch());

    // Assert
    const errorLines = logger.lines.filter((l) => l.level === 'error');
    expect(errorLines.map((l) => l.fields['messageId'])).toEqual(['not-json', 'handler-fails', 'two-events']);
    expect(errorLines.find((l) => l.fields['messageId'] === 'two-events')?.fields['key']).toBe('two-2-fails.jpg');
    expect(onError).toHaveBeenCalledTimes(3);
    expect(Object.fromEntries(samples.map((s) => [s.messageId, `${s.outcome} ${s.handled}/${s.skipped}`]))).toEqual({
      ok: 'handled 1/0',
      'handler-fails': 'failed 0/0',
      'not-json': 'invalid 0/0',
      'test-event': 'handled 0/0',
      'filtered-out': 'skipped 0/1',
      'eventbridge-ok': 'handled 1/0',
      'two-events': 'failed 1/0',
    });
    expect(calls.map((c) => `${c.event.key} ${c.ok}`)).toEqual(['ok.jpg true', 'fails.jpg false', 'eb.jpg true', 'two-1.jpg true', 'two-2-fails.jpg false']);
    expect(new Set(calls.map((c) => c.durationMs)).size).toBe(1);
  });

  it('names every failed message of an asynchronous invocation in the S3EventBatchError', async () => {
    // Arrange
    const subscription = subscribeBatch({}, recorder((e) => e.key !== 'fine.jpg').handler);
    const sns = asSns(asS3Event(s3Record({ key: 'bad.jpg' })), { messageId: 'sns-9' });

    // Act
    const error = (await subscription(sns).catch((e: unknown) => e)) as S3EventBatchError;

    // Assert
    expect(error.messageIds).toEqual(['sns-9']);
    expect(error.message).toBe('1 of 1 S3 event message(s) failed: handler failed for ObjectCreated:Put s3://amzn-s3-demo-bucket/bad.jpg (message sns-9): cannot process bad.jpg');
  });

  it('says the handler named the event failed when it gave no error', async () => {
    const logger = recordingLogger();
    await subscribeBatch({ logger }, async (events) => ({ failed: events.map((event) => ({ event })) }))(asSqs(asS3Event(s3Record({ key: 'x.jpg' })), { messageId: 'm' }));
    expect(logger.lines.find((l) => l.level === 'error')?.message).toBe(
      'handler failed for ObjectCreated:Put s3://amzn-s3-demo-bucket/x.jpg (message m): the batch handler named it failed',
    );
  });
});

describe('FIFO batches', () => {
  const fifoBatch = () => ({
    Records: [
      ['m0', 'A', 'a0.jpg'],
      ['m1', 'B', 'b0.jpg'],
      ['m2', 'A', 'a1.jpg'],
      ['m3', 'B', 'b1.jpg'],
      ['m4', 'A', 'a2.jpg'],
    ].map(([messageId, group, key]) =>
      sqsRecord(asEventBridge(s3Record({ key })), {
        messageId,
        queueArn: 'arn:aws:sqs:us-east-1:123456789012:events.fifo',
        attributes: { MessageGroupId: group as string, SequenceNumber: '1', MessageDeduplicationId: messageId as string },
      }),
    ),
  });

  it('report a failed message and every later message of the batch, in order', async () => {
    // Arrange
    const logger = recordingLogger();
    const { calls, handler } = recorder((e) => e.key === 'b0.jpg');

    // Act
    const response = await subscribeBatch({ logger }, handler)(fifoBatch());

    // Assert
    expect(calls[0]?.events.map((e) => e.key)).toEqual(['a0.jpg', 'b0.jpg', 'a1.jpg', 'b1.jpg', 'a2.jpg']);
    expect(ids(response)).toEqual(['m1', 'm2', 'm3', 'm4']);
    expect(logger.lines.filter((l) => l.level === 'error').map((l) => l.fields['messageId'])).toEqual(['m1']);
    expect(logger.lines.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([
      'FIFO message m2 reported for retry: an earlier message of its batch failed (m1); it is retried after it',
      'FIFO message m3 reported for retry: an earlier message of its batch failed (m1); it is retried after it',
      'FIFO message m4 reported for retry: an earlier message of its batch failed (m1); it is retried after it',
    ]);
  });

  it('with skipGroupOnError, report only the later messages of the failed group', async () => {
    const response = await subscribeBatch({ skipGroupOnError: true }, recorder((e) => e.key === 'b0.jpg').handler)(fifoBatch());
    expect(ids(response)).toEqual(['m1', 'm3']);
  });
});

describe('dedupe and latestOnly', () => {
  it('records claims for handled events and releases them for failed ones only', async () => {
    // Arrange
    const store = memoryStore();
    let failing = true;
    const seen: string[][] = [];
    const subscription = subscribeBatch({ dedupe: { store } }, async (events) => {
      seen.push(events.map((e) => e.key));
      return { failed: events.filter((e) => failing && e.key === 'b.jpg').map((event) => ({ event })) };
    });
    const records = () => ['a.jpg', 'b.jpg'].map((key, i) => sqsRecord(asS3Event(s3Record({ key, sequencer: `0${i}` })), { messageId: `m-${key}` }));

    // Act
    const first = await subscription({ Records: records() });
    failing = false;
    const second = await subscription({ Records: records() });
    const third = await subscription({ Records: records() });

    // Assert
    expect(ids(first)).toEqual(['m-b.jpg']);
    expect(ids(second)).toEqual([]);
    expect(ids(third)).toEqual([]);
    expect(seen).toEqual([['a.jpg', 'b.jpg'], ['b.jpg']]);
  });

  it('hands an event repeated within the batch over once, and fails an event another consumer holds', async () => {
    // Arrange
    const store = memoryStore();
    const record = s3Record({ key: 'twice.jpg' });
    const held = s3Record({ key: 'held.jpg' });
    const logger = recordingLogger();
    const subscription = subscribeBatch({ dedupe: { store }, logger }, recorder().handler);
    const other = subscribeBatch({ dedupe: { store } }, async () => {
      // while this one runs, the first subscription sees held.jpg in progress
      const response = await subscription({
        Records: [
          sqsRecord(asS3Event(record), { messageId: 'one' }),
          sqsRecord(asS3Event(record), { messageId: 'again' }),
          sqsRecord(asS3Event(held), { messageId: 'held' }),
        ],
      });
      expect(ids(response)).toEqual(['held']);
    });

    // Act
    await other(asSqs(asS3Event(held)));

    // Assert
    const failure = logger.lines.find((l) => l.level === 'error')?.fields['error'] as S3EventHandlerError;
    expect(failure.cause).toBeInstanceOf(S3EventInProgressError);
  });

  it('with latestOnly, hands over only the newest event per key of the batch and of the store', async () => {
    // Arrange
    const { calls, handler } = recorder();
    const subscription = subscribeBatch({ latestOnly: true }, handler);
    const event = (key: string, sequencer: string) => asS3Event(s3Record({ key, sequencer }));

    // Act
    await subscription({ Records: [sqsRecord(event('k', '0A'), { messageId: '1' }), sqsRecord(event('k', '0C'), { messageId: '2' }), sqsRecord(event('j', '01'), { messageId: '3' })] });
    await subscription({ Records: [sqsRecord(event('k', '0B'), { messageId: '4' }), sqsRecord(event('j', '02'), { messageId: '5' })] });

    // Assert
    expect(calls.map((c) => c.events.map((e) => `${e.key}@${e.sequencer}`))).toEqual([['k@0C', 'j@01'], ['j@02']]);
  });
});

describe('the batch context', () => {
  it('gives each event its own message context, and the Lambda context', async () => {
    // Arrange
    const seen: Array<[string, S3EventContext]> = [];
    const lambdaContext = { awsRequestId: 'req-1' };
    const records = [sqsRecord(asS3Event(s3Record({ key: 'a' })), { messageId: 'sqs-1', receiveCount: 3 }), sqsRecord(asS3Event(s3Record({ key: 'b' })), { messageId: 'sqs-2' })];
    const subscription = subscribeBatch({}, async (events, ctx) => {
      for (const event of events) seen.push([event.key, ctx.of(event)]);
      expect(ctx.lambdaContext).toBe(lambdaContext);
      expect(ctx.signal.aborted).toBe(false);
      expect(() => ctx.of({ ...(events[0] as S3ObjectEvent) })).toThrow(UnknownBatchEventError);
    });

    // Act
    const response = await subscription({ Records: records }, lambdaContext);

    // Assert
    expect(response).toEqual({ batchItemFailures: [] });
    expect(seen.map(([key, ctx]) => [key, ctx.messageId, ctx.receiveCount, ctx.message, ctx.lambdaContext])).toEqual([
      ['a', 'sqs-1', 3, records[0], lambdaContext],
      ['b', 'sqs-2', 1, records[1], lambdaContext],
    ]);
  });

  it("fires the batch signal and every event's signal before Lambda's deadline", async () => {
    // Arrange
    let reasons: unknown[] = [];
    const subscription = subscribeBatch({}, async (events, ctx) => {
      await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve));
      reasons = [ctx.signal.reason, ...events.map((e) => ctx.of(e).signal.reason)];
      throw ctx.signal.reason;
    });
    const records = ['a', 'b'].map((key, i) => sqsRecord(asS3Event(s3Record({ key })), { messageId: `m${i}` }));

    // Act
    const response = await subscription({ Records: records }, { getRemainingTimeInMillis: () => 550 });

    // Assert
    expect(ids(response)).toEqual(['m0', 'm1']);
    expect(reasons).toHaveLength(3);
    for (const reason of reasons) expect(reason).toMatchObject({ name: 'HandlerAbortedError', reason: 'deadline' });
  });

  it('bounds the whole call by handlerTimeout', async () => {
    // Arrange
    let reason: unknown;
    const subscription = subscribeBatch({ handlerTimeout: 20 }, async (_, ctx) => {
      await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve));
      reason = ctx.signal.reason;
    });

    // Act
    const response = await subscription(asSqs(asS3Event(s3Record()), { messageId: 'slow' }));

    // Assert
    expect(ids(response)).toEqual(['slow']);
    expect(reason).toBeInstanceOf(HandlerAbortedError);
    expect(reason).toMatchObject({ reason: 'timeout' });
  });
});

describe('options', () => {
  it('rejects bad options and handlers with precise messages', () => {
    expect(() => subscribeBatch({ concurrency: 0 }, async () => {})).toThrow('concurrency must be an integer from 1 to 10000, got 0');
    expect(() => subscribeBatch({}, 'nope' as never)).toThrow(SubscribeOptionsError);
    expect(() => subscribeBatch({}, 'nope' as never)).toThrow('handler must be a function (events, ctx) => …, got "nope"');
    const subscription = subscribeBatch({}, async () => {});
    const queueUrl = 'https://sqs.us-east-1.amazonaws.com/1/q';
    expect(() => subscription.start({ queueUrl, maxBatchSize: 0 })).toThrow('maxBatchSize must be an integer from 1 to 10000, got 0');
    expect(() => subscription.start({ queueUrl, batchWindowMs: -1 })).toThrow('batchWindowMs must be a number from 0 to 300000, got -1');
    expect(() => subscription.start({ queueUrl, maxBatchSize: 50, concurrency: 20 })).toThrow(
      'maxBatchSize must be at most concurrency (20), the number of messages held at once, got 50',
    );
  });

  it('keeps the options and the handler on the subscription', () => {
    const handler = async () => {};
    const options = { prefix: 'a/' };
    const subscription = subscribeBatch(options, handler);
    expect(subscription.options).toBe(options);
    expect(subscription.handler).toBe(handler);
  });
});
