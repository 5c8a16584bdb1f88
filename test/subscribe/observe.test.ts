/**
 * What a subscription tells the outside world: every failure logged once (with the message id and
 * the event's name, bucket and key, never the body), `onError`, the metrics sink and its EMF writer,
 * the default JSON logger, and `handlerTimeout` in Lambda.
 */
import {
  emfMetrics,
  HandlerAbortedError,
  jsonLogger,
  memoryStore,
  S3EventBatchError,
  S3EventHandlerError,
  S3EventParseError,
  subscribe,
  SubscribeOptionsError,
  type HandlerCallSample,
  type MessageSample,
  type S3EventErrorContext,
} from 's3-event-kit';
import { asEventBridge, asS3Event, asSns, asSqs, s3Record } from 's3-event-kit/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { recordingLogger, type LogLine } from './recording-logger.js';

const errorsIn = (lines: LogLine[]): LogLine[] => lines.filter(([level]) => level === 'error');

describe('failures are logged once, on every road', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  it('prints "disk full" on the console by default for an SQS batch (one JSON line, with the message id, bucket, key and name)', async () => {
    // Arrange: the repro of the issue, with the default logger at its default level
    vi.stubEnv('LOG_LEVEL', '');
    const printed: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: unknown) => void printed.push(String(line)));
    const handler = subscribe({}, async () => {
      throw new Error('disk full');
    });
    const event = asSqs(asS3Event(s3Record({ bucket: 'photos', key: 'cats/tom.jpg' })));
    const messageId = event.Records[0]?.messageId;

    // Act
    const response = await handler(event);

    // Assert
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: messageId }] });
    expect(printed).toHaveLength(1);
    const line = JSON.parse(printed[0] as string) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 'error', messageId, bucket: 'photos', key: 'cats/tom.jpg', event: 'ObjectCreated:Put', transport: 'lambda' });
    expect(printed[0]).toContain('disk full');
    expect(printed[0]).not.toContain('\n');
    const error = line['error'] as { name: string; cause: { name: string; message: string; stack: string } };
    expect(error.name).toBe('S3EventHandlerError');
    expect(error.cause).toMatchObject({ name: 'Error', message: 'disk full' });
    expect(error.cause.stack).toContain('observe.test.ts');
  });

  it.each([
    ['S3', (record: ReturnType<typeof s3Record>) => asS3Event(record)],
    ['SNS', (record: ReturnType<typeof s3Record>) => asSns(asS3Event(record))],
    ['EventBridge', (record: ReturnType<typeof s3Record>) => asEventBridge(record)],
  ] as const)('logs a handler failure on the asynchronous %s road once, then throws for Lambda to retry', async (_, wrap) => {
    // Arrange
    const lines: LogLine[] = [];
    const handler = subscribe({ logger: recordingLogger(lines) }, async () => {
      throw new Error('disk full');
    });

    // Act
    const outcome = await handler(wrap(s3Record({ key: 'a.txt' }))).catch((error: unknown) => error);

    // Assert
    expect(outcome).toBeInstanceOf(S3EventBatchError);
    expect(errorsIn(lines)).toHaveLength(1);
    expect(errorsIn(lines)[0]?.[1]).toContain('disk full');
    expect(errorsIn(lines)[0]?.[2]).toMatchObject({ key: 'a.txt', event: 'ObjectCreated:Put' });
  });

  it('logs a message that is not an S3 event once, at error level when it fails and at warn level when onInvalid drops it; never its body', async () => {
    // Arrange
    const secret = 'card 4111-1111-1111-1111';
    const bad = asSqs(`not json: ${secret}`);
    const failing: LogLine[] = [];
    const dropping: LogLine[] = [];

    // Act
    await subscribe({ logger: recordingLogger(failing) }, async () => {})(bad);
    await subscribe({ logger: recordingLogger(dropping), onInvalid: 'delete' }, async () => {})(bad);

    // Assert
    expect(failing.map(([level]) => level)).toEqual(['error']);
    expect(failing[0]?.[2]).toMatchObject({ messageId: bad.Records[0]?.messageId, transport: 'lambda' });
    expect(failing[0]?.[2].error).toBeInstanceOf(S3EventParseError);
    expect(dropping.map(([level]) => level)).toEqual(['warn']);
    const written: string[] = [];
    await subscribe({ logger: jsonLogger({ level: 'info', write: (line) => written.push(line) }) }, async () => {})(bad);
    expect(written).toHaveLength(1);
    expect(written[0]).not.toContain('4111');
  });

  it("logs Lambda's deadline: the handler's signal fires 500 ms before it, with its reason", async () => {
    // Arrange
    const lines: LogLine[] = [];
    const handler = subscribe({ logger: recordingLogger(lines) }, async (_event, ctx) => {
      await new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)));
    });

    // Act
    const response = await handler(asSqs(asS3Event(s3Record({ key: 'big.bin' }))), { getRemainingTimeInMillis: () => 520 });

    // Assert: a warning when the deadline comes (all a log would say if the handler ignored it), then the failure
    expect(response?.batchItemFailures).toHaveLength(1);
    expect(lines.map(([level]) => level)).toEqual(['warn', 'error']);
    expect(lines[0]?.[1]).toMatch(/^Lambda's deadline is 500 ms away with 1 message\(s\) still running: [\w-]+$/);
    const error = errorsIn(lines)[0]?.[2].error as S3EventHandlerError;
    expect(error.cause).toBeInstanceOf(HandlerAbortedError);
    expect((error.cause as HandlerAbortedError).reason).toBe('deadline');
  });

  it('gives each message its own signal, so aborting one (handlerTimeout) leaves the others running', async () => {
    // Arrange
    const lines: LogLine[] = [];
    const aborted: string[] = [];
    const handler = subscribe({ logger: recordingLogger(lines), handlerTimeout: 50 }, async (event, ctx) => {
      ctx.signal.addEventListener('abort', () => aborted.push(event.key));
      if (event.key === 'slow') await new Promise(() => {});
    });
    const event = asSqs([asS3Event(s3Record({ key: 'slow' })), asS3Event(s3Record({ key: 'fast' }))]);

    // Act
    const response = await handler(event);

    // Assert
    expect(response?.batchItemFailures).toEqual([{ itemIdentifier: event.Records[0]?.messageId }]);
    expect(aborted).toEqual(['slow']);
    expect(errorsIn(lines)[0]?.[1]).toContain('handlerTimeout (50 ms)');
  });

  it('logs a dedupe store that fails, and retries the message', async () => {
    // Arrange
    const lines: LogLine[] = [];
    const store = memoryStore();
    vi.spyOn(store, 'set').mockRejectedValue(new Error('ProvisionedThroughputExceededException'));
    const handler = subscribe({ logger: recordingLogger(lines), dedupe: { store } }, async () => {});
    const event = asSqs(asS3Event(s3Record({ key: 'a.txt' })));

    // Act
    const response = await handler(event);

    // Assert
    expect(response?.batchItemFailures).toHaveLength(1);
    expect(errorsIn(lines)).toHaveLength(1);
    expect(errorsIn(lines)[0]?.[1]).toContain('ProvisionedThroughputExceededException');
  });

  it('says at warn level which FIFO messages were not handled after a failure, without logging them as failures', async () => {
    // Arrange
    const lines: LogLine[] = [];
    const handler = subscribe({ logger: recordingLogger(lines) }, async (event) => {
      if (event.key === 'first') throw new Error('boom');
    });
    const event = asSqs([asS3Event(s3Record({ key: 'first' })), asS3Event(s3Record({ key: 'second' }))], {
      queueArn: 'arn:aws:sqs:us-east-1:123456789012:orders.fifo',
    });

    // Act
    const response = await handler(event);

    // Assert
    expect(response?.batchItemFailures).toHaveLength(2);
    expect(lines.map(([level]) => level)).toEqual(['error', 'warn']);
    expect(lines[1]?.[2]).toMatchObject({ messageId: event.Records[1]?.messageId, outcome: 'failed' });
  });

  it('logs a filter warning (a prefix starting with "/") at subscribe() time', () => {
    // Arrange
    const lines: LogLine[] = [];

    // Act
    subscribe({ prefix: '/uploads/', logger: recordingLogger(lines) }, async () => {});

    // Assert
    expect(lines.map(([level]) => level)).toEqual(['warn']);
    expect(lines[0]?.[1]).toContain('/uploads/');
  });
});

describe('onError', () => {
  it('is called once per failed message with where it happened, after the log line', async () => {
    // Arrange
    const order: string[] = [];
    const calls: Array<[Error, S3EventErrorContext]> = [];
    const logger = { ...recordingLogger([]), error: () => void order.push('log') };
    const handler = subscribe(
      {
        logger,
        onError: async (error, ctx) => {
          order.push('onError');
          calls.push([error, ctx]);
        },
      },
      async (event) => {
        if (event.key !== 'ok') throw new Error('no');
      },
    );
    const event = asSqs([asS3Event(s3Record({ key: 'bad' })), asS3Event(s3Record({ key: 'ok' })), 'not json'], {
      receiveCount: 2,
    });

    // Act
    await handler(event, { awsRequestId: 'r-1' });

    // Assert
    expect(order).toEqual(['log', 'onError', 'log', 'onError']);
    expect(calls.map(([e]) => e.name).sort()).toEqual(['S3EventHandlerError', 'S3EventParseError']);
    const handlerCall = calls.find(([e]) => e instanceof S3EventHandlerError);
    expect(handlerCall?.[1]).toMatchObject({
      transport: 'lambda',
      messageId: event.Records[0]?.messageId,
      receiveCount: 2,
      event: { key: 'bad' },
      lambdaContext: { awsRequestId: 'r-1' },
    });
    expect(calls.find(([e]) => e instanceof S3EventParseError)?.[1].event).toBeUndefined();
  });

  it('cannot break the subscription: what it throws is logged at warn level', async () => {
    // Arrange
    const lines: LogLine[] = [];
    const handler = subscribe(
      {
        logger: recordingLogger(lines),
        onError: () => {
          throw new Error('tracker down');
        },
      },
      async () => {
        throw new Error('no');
      },
    );

    // Act
    const response = await handler(asSqs(asS3Event(s3Record())));

    // Assert
    expect(response?.batchItemFailures).toHaveLength(1);
    expect(lines.map(([level, message]) => [level, message.startsWith('onError threw: tracker down')])).toEqual([
      ['error', false],
      ['warn', true],
    ]);
  });
});

describe('metrics', () => {
  it('samples each handler call (duration, lag from the event time) and each message outcome, and flushes once per invocation', async () => {
    // Arrange
    const calls: HandlerCallSample[] = [];
    const messages: MessageSample[] = [];
    const flush = vi.fn();
    const handler = subscribe(
      { events: ['ObjectCreated:*'], metrics: { handlerCall: (s) => calls.push(s), message: (s) => messages.push(s), flush }, logger: recordingLogger([]) },
      async (event) => {
        if (event.key === 'bad') throw new Error('no');
      },
    );
    const time = new Date(Date.now() - 60_000).toISOString();
    const event = asSqs([
      asS3Event(s3Record({ key: 'good', time })),
      asS3Event(s3Record({ key: 'bad', time })),
      asS3Event(s3Record({ name: 'ObjectRemoved:Delete', key: 'gone', time })),
    ]);

    // Act
    await handler(event);

    // Assert
    expect(calls.map((c) => [c.event.key, c.ok, c.transport])).toEqual([
      ['good', true, 'lambda'],
      ['bad', false, 'lambda'],
    ]);
    for (const call of calls) {
      expect(call.durationMs).toBeGreaterThanOrEqual(0);
      expect(call.lagMs).toBeGreaterThanOrEqual(60_000);
    }
    expect(messages.map((m) => m.outcome).sort()).toEqual(['failed', 'handled', 'skipped']);
    expect(flush).toHaveBeenCalledTimes(1);
  });

  it('a sink that throws is logged and ignored', async () => {
    // Arrange
    const lines: LogLine[] = [];
    const handler = subscribe(
      {
        logger: recordingLogger(lines),
        metrics: {
          message: () => {
            throw new Error('sink broke');
          },
        },
      },
      async () => {},
    );

    // Act
    const response = await handler(asSqs(asS3Event(s3Record())));

    // Assert
    expect(response).toEqual({ batchItemFailures: [] });
    expect(lines.map(([level, message]) => [level, message])).toEqual([['warn', "the metrics sink's message() threw: sink broke"]]);
  });
});

describe('emfMetrics', () => {
  it('writes one CloudWatch Embedded Metric Format line per flush, with every duration and lag and the outcome counts', async () => {
    // Arrange
    const lines: string[] = [];
    const metrics = emfMetrics({ namespace: 'Thumbnails', dimensions: { Service: 'thumbs' }, write: (line) => lines.push(line) });
    const handler = subscribe({ metrics, logger: recordingLogger([]) }, async (event) => {
      if (event.key === 'bad') throw new Error('no');
    });

    // Act
    await handler(asSqs([asS3Event(s3Record({ key: 'a' })), asS3Event(s3Record({ key: 'bad' }))]));

    // Assert
    expect(lines).toHaveLength(1);
    const doc = JSON.parse(lines[0] as string) as Record<string, unknown> & {
      _aws: { Timestamp: number; CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][]; Metrics: Array<{ Name: string; Unit: string }> }> };
    };
    expect(doc._aws.Timestamp).toBeTypeOf('number');
    expect(doc._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: 'Thumbnails',
        Dimensions: [['Service']],
        Metrics: [
          { Name: 'HandlerDuration', Unit: 'Milliseconds' },
          { Name: 'EventLag', Unit: 'Milliseconds' },
          { Name: 'HandlerErrors', Unit: 'Count' },
          { Name: 'MessagesHandled', Unit: 'Count' },
          { Name: 'MessagesFailed', Unit: 'Count' },
        ],
      },
    ]);
    expect(doc['Service']).toBe('thumbs');
    expect(doc['HandlerDuration']).toHaveLength(2);
    expect(doc['EventLag']).toHaveLength(2);
    expect(doc).toMatchObject({ HandlerErrors: 1, MessagesHandled: 1, MessagesFailed: 1 });
    // Every metric the directive names is a member of the root node (EMF's rule).
    for (const { Name } of doc._aws.CloudWatchMetrics[0]?.Metrics ?? []) expect(doc).toHaveProperty(Name);
  });

  it('splits more than 100 values into several lines (EMF allows 100 values per metric)', () => {
    // Arrange
    const lines: string[] = [];
    const metrics = emfMetrics({ write: (line) => lines.push(line), dimensions: {} });
    const event = { time: new Date().toISOString() } as HandlerCallSample['event'];

    // Act
    for (let i = 0; i < 250; i++) metrics.handlerCall?.({ event, durationMs: i, lagMs: 5, ok: true, transport: 'sqs' });
    metrics.flush?.();

    // Assert
    const docs = lines.map((line) => JSON.parse(line) as { HandlerDuration: number[]; EventLag: number[]; _aws: { CloudWatchMetrics: Array<{ Dimensions: string[][] }> } });
    expect(docs.map((d) => d.HandlerDuration.length)).toEqual([100, 100, 50]);
    expect(docs.flatMap((d) => d.HandlerDuration)).toEqual(Array.from({ length: 250 }, (_, i) => i));
    expect(docs[0]?._aws.CloudWatchMetrics[0]?.Dimensions).toEqual([[]]);
  });
});

describe('jsonLogger', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('writes one JSON object per line at and above its level', () => {
    // Arrange
    const lines: Array<[string, string]> = [];
    const logger = jsonLogger({ level: 'warn', write: (line, level) => lines.push([level, line]) });

    // Act
    logger.debug('d', {});
    logger.info('i', {});
    logger.warn('w', { key: 'a' });
    logger.error('e', { messageId: 'm1' });

    // Assert
    expect(lines.map(([level]) => level)).toEqual(['warn', 'error']);
    expect(JSON.parse(lines[0]?.[1] as string)).toMatchObject({ level: 'warn', message: 'w', key: 'a' });
    expect(JSON.parse(lines[1]?.[1] as string)).toMatchObject({ level: 'error', message: 'e', messageId: 'm1' });
  });

  it.each([
    ['DEBUG', 1],
    ['WARN', 0],
    ['SILENT', 0],
    ['nonsense', 1],
  ] as const)("takes its default level from AWS_LAMBDA_LOG_LEVEL (%s: info lines %i)", (level, infoLines) => {
    // Arrange
    vi.stubEnv('AWS_LAMBDA_LOG_LEVEL', level);
    const lines: string[] = [];

    // Act
    jsonLogger({ write: (line) => lines.push(line) }).info('hello', {});

    // Assert
    expect(lines).toHaveLength(infoLines);
  });

  it("writes errors as fields: never the input an error carries, no library stack, the cause's own stack", () => {
    // Arrange
    const lines: string[] = [];
    const logger = jsonLogger({ level: 'info', write: (line) => lines.push(line) });
    const parseError = new S3EventParseError('not JSON', { code: 'INVALID_JSON', path: 'Body', input: 'secret body', messageId: 'm1', cause: new SyntaxError('Unexpected token s, "secret body" is not valid JSON') });
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['self'] = cyclic;

    // Act
    logger.error('bad message', { error: parseError, extra: cyclic, big: 10n });

    // Assert
    expect(lines[0]).not.toContain('secret');
    const line = JSON.parse(lines[0] as string) as { error: Record<string, unknown>; extra: unknown; big: string };
    expect(line.error).toEqual({ name: 'S3EventParseError', message: parseError.message, code: 'INVALID_JSON', path: 'Body' });
    expect(line.extra).toEqual({ a: 1, self: '[Circular]' });
    expect(line.big).toBe('10');
  });

  it('is accepted as is by subscribe(), as is console; an object without the four methods is refused', () => {
    // Arrange, Act, Assert
    expect(() => subscribe({ logger: jsonLogger() }, async () => {})).not.toThrow();
    expect(() => subscribe({ logger: console }, async () => {})).not.toThrow();
    expect(() => subscribe({ logger: { error: () => {} } as never }, async () => {})).toThrow(SubscribeOptionsError);
    expect(() => subscribe({ logger: { error: () => {} } as never }, async () => {})).toThrow(
      'logger must have error(), warn(), info() and debug() methods (console fits); it lacks warn(), info(), debug()',
    );
    expect(() => subscribe({ onError: 'log' as never }, async () => {})).toThrow(/onError must be a function/);
    expect(() => subscribe({ metrics: { flush: 1 } as never }, async () => {})).toThrow(/metrics.flush must be a function/);
    expect(() => subscribe({ handlerTimeout: 0 }, async () => {})).toThrow(/handlerTimeout must be a number from 1/);
  });
});
