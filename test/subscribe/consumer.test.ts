import { exponentialRetryDelay, HandlerAbortedError, subscribe, SqsConsumerError, SubscribeOptionsError, type ConsumerOptions } from 's3-event-kit';
import { asS3Event, s3Record } from 's3-event-kit/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { message, StubSqs } from './stub-sqs.js';

const queueUrl = 'https://sqs.us-east-1.amazonaws.com/123456789012/uploads';
const s3Body = (key: string) => JSON.stringify(asS3Event(s3Record({ key })));

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 2));
  if (!check()) throw new Error('condition not met');
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('the consumer with SQS answers the local server cannot give', () => {
  it('reports Failed entries of DeleteMessageBatch; retries server faults, not sender faults', async () => {
    // Arrange
    const sqs = new StubSqs();
    sqs.batches.push([message('gone', s3Body('a')), message('busy', s3Body('b'))]);
    let deletes = 0;
    sqs.deleteReply = (input) => {
      const entries = input['Entries'] as Array<{ Id: string; ReceiptHandle: string }>;
      deletes++;
      const failed = entries.flatMap((e) =>
        e.ReceiptHandle === 'handle-gone'
          ? [{ Id: e.Id, SenderFault: true, Code: 'ReceiptHandleIsInvalid', Message: 'The input receipt handle is invalid.' }]
          : deletes === 1
            ? [{ Id: e.Id, SenderFault: false, Code: 'InternalError', Message: 'try again' }]
            : [],
      );
      return { Successful: entries.filter((e) => !failed.some((f) => f.Id === e.Id)).map((e) => ({ Id: e.Id })), Failed: failed };
    };
    const errors: SqsConsumerError[] = [];
    const consumer = subscribe({}, async () => {}).start({ queueUrl, client: sqs, errorBackoff: { initialDelay: 1, maxDelay: 5 } });
    consumer.on('error', (e) => errors.push(e));

    // Act
    await until(() => consumer.stats.deleted === 1);
    await consumer.stop();

    // Assert
    expect(errors.map((e) => [e.operation, e.code, e.messageIds])).toEqual([
      ['DeleteMessageBatch', 'ReceiptHandleIsInvalid', ['gone']],
      ['DeleteMessageBatch', 'InternalError', ['busy']],
    ]);
    expect(errors[0]?.message).toBe(`DeleteMessageBatch failed for message gone on ${queueUrl}: The input receipt handle is invalid. (ReceiptHandleIsInvalid)`);
    const retried = sqs.named('DeleteMessageBatchCommand').map((c) => (c.input['Entries'] as Array<{ ReceiptHandle: string }>).map((e) => e.ReceiptHandle));
    expect(retried).toEqual([['handle-gone', 'handle-busy'], ['handle-busy']]);
    expect(consumer.stats).toMatchObject({ handled: 2, deleted: 1 });
  });

  it('fires the signal when SQS refuses to extend a running message (ReceiptHandleIsInvalid)', async () => {
    // Arrange
    const sqs = new StubSqs();
    sqs.batches.push([message('m1', s3Body('slow'))]);
    sqs.visibilityReply = (input) => ({
      Failed: (input['Entries'] as Array<{ Id: string }>).map((e) => ({ Id: e.Id, SenderFault: true, Code: 'ReceiptHandleIsInvalid' })),
    });
    let reason: unknown;
    const errors: SqsConsumerError[] = [];
    const consumer = subscribe({}, (_, ctx) => new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject((reason = ctx.signal.reason)))))
      .start({ queueUrl, client: sqs, visibilityTimeout: 1, heartbeatInterval: 0.05 })
      .on('error', (e) => errors.push(e))
      .on('handlerError', () => {});

    // Act
    await until(() => reason !== undefined);
    await consumer.stop();

    // Assert
    expect(reason).toBeInstanceOf(HandlerAbortedError);
    expect(reason).toMatchObject({ reason: 'visibility', messageId: 'm1' });
    expect(errors[0]).toMatchObject({ operation: 'ChangeMessageVisibilityBatch', code: 'ReceiptHandleIsInvalid', messageIds: ['m1'] });
    expect(consumer.stats).toMatchObject({ failed: 1, deleted: 0 });
    expect(sqs.named('DeleteMessageBatchCommand')).toEqual([]);
  });

  it('never extends visibility past 12 hours after the receive, and fires the signal before that', async () => {
    // Arrange
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const sqs = new StubSqs();
    sqs.batches.push([message('forever', s3Body('huge.bin'))]);
    let abortedAt: number | undefined;
    const consumer = subscribe({}, (_, ctx) => new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject((abortedAt = Date.now())))))
      .start({ queueUrl, client: sqs, visibilityTimeout: 900 })
      .on('handlerError', () => {});
    await vi.waitFor(() => expect(sqs.named('ReceiveMessageCommand').length).toBeGreaterThan(0));
    const receivedAt = sqs.named('ReceiveMessageCommand')[0]?.at as number;

    // Act: 13 hours
    for (let hour = 0; hour < 13 * 60; hour++) await vi.advanceTimersByTimeAsync(60_000);

    // Assert
    const extensions = sqs.named('ChangeMessageVisibilityBatchCommand').map((c) => ({
      at: c.at,
      seconds: (c.input['Entries'] as Array<{ VisibilityTimeout: number }>)[0]?.VisibilityTimeout as number,
    }));
    expect(extensions.length).toBeGreaterThan(100);
    const cap = receivedAt + 12 * 3600 * 1000;
    for (const e of extensions) expect(e.at + e.seconds * 1000).toBeLessThanOrEqual(cap);
    const last = extensions[extensions.length - 1] as { at: number; seconds: number };
    expect(cap - (last.at + last.seconds * 1000)).toBeLessThan(310_000); // extended to within one heartbeat of the cap
    expect(abortedAt).toBeDefined();
    expect(abortedAt as number).toBeLessThan(cap);
    expect(abortedAt as number).toBeGreaterThan(cap - 310_000);
    vi.useRealTimers();
    await consumer.stop();
  });

  it('backs off with jitter after failed receives, and resumes', async () => {
    // Arrange: Math.random() = 1 makes every delay its cap: 10, 20, 40, 80 ms
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    vi.spyOn(Math, 'random').mockReturnValue(1);
    const sqs = new StubSqs();
    sqs.receiveError = (attempt) => (attempt <= 4 ? Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }) : undefined);
    sqs.batches.push([message('m1', s3Body('after'))]);
    const errors: SqsConsumerError[] = [];
    const consumer = subscribe({}, async () => {}).start({ queueUrl, client: sqs, concurrency: 1, errorBackoff: { initialDelay: 10, maxDelay: 1000 } });
    consumer.on('error', (e) => errors.push(e));

    // Act
    for (let i = 0; i < 40 && consumer.stats.deleted === 0; i++) await vi.advanceTimersByTimeAsync(5);
    const stopped = consumer.stop();
    await vi.runAllTimersAsync();
    await stopped;

    // Assert
    expect(errors.map((e) => [e.operation, e.code])).toEqual(Array(4).fill(['ReceiveMessage', 'ECONNREFUSED']));
    const at = sqs.named('ReceiveMessageCommand').map((c) => c.at);
    expect(at.slice(1, 5).map((t, i) => t - (at[i] as number))).toEqual([10, 20, 40, 80]);
    expect(consumer.stats.deleted).toBe(1);
  });

  it('runs the messages of a FIFO group in order, and none after a failure in that group', async () => {
    // Arrange: fauxqs hands out one message per group per receive; SQS may hand out several
    const sqs = new StubSqs();
    const fifo = (id: string, group: string) => message(id, s3Body(id), { MessageGroupId: group });
    sqs.batches.push([fifo('a0', 'A'), fifo('b0', 'B'), fifo('a1', 'A'), fifo('b1', 'B'), fifo('a2', 'A'), fifo('b2', 'B')]);
    const order: string[] = [];
    const outcomes: Record<string, string> = {};
    const consumer = subscribe({}, async (event) => {
      order.push(event.key);
      await new Promise((resolve) => setTimeout(resolve, 3));
      if (event.key === 'a1') throw new Error('a1 fails');
    })
      .start({ queueUrl, client: sqs, concurrency: 10 })
      .on('handlerError', () => {})
      .on('message', (r) => (outcomes[r.messageId as string] = r.outcome));

    // Act
    await until(() => Object.keys(outcomes).length === 6);
    await consumer.stop();

    // Assert
    expect(order.filter((k) => k.startsWith('a'))).toEqual(['a0', 'a1']);
    expect(order.filter((k) => k.startsWith('b'))).toEqual(['b0', 'b1', 'b2']);
    expect(outcomes).toEqual({ a0: 'handled', a1: 'failed', a2: 'failed', b0: 'handled', b1: 'handled', b2: 'handled' });
  });

  it('sets the retry delay of a failed message from retryDelay', async () => {
    // Arrange
    const sqs = new StubSqs();
    sqs.batches.push([message('m1', s3Body('x'), { ApproximateReceiveCount: '4' })]);
    const retryDelay = vi.fn(() => 42);
    const consumer = subscribe({}, async () => Promise.reject(new Error('boom')))
      .start({ queueUrl, client: sqs, retryDelay })
      .on('handlerError', () => {});

    // Act
    await until(() => sqs.named('ChangeMessageVisibilityBatchCommand').length === 1);
    await consumer.stop();

    // Assert
    expect(retryDelay).toHaveBeenCalledWith(expect.objectContaining({ messageId: 'm1', receiveCount: 4 }));
    expect(sqs.named('ChangeMessageVisibilityBatchCommand')[0]?.input['Entries']).toEqual([{ Id: '0', ReceiptHandle: 'handle-m1', VisibilityTimeout: 42 }]);
  });

  it('asks SQS for long polls of batchSize messages with the visibility timeout and the attributes it needs', async () => {
    const sqs = new StubSqs();
    const consumer = subscribe({}, async () => {}).start({ queueUrl, client: sqs, batchSize: 5, waitTimeSeconds: 7, visibilityTimeout: 45, messageAttributeNames: ['All'] });
    await until(() => sqs.calls.length > 0);
    await consumer.stop();
    expect(sqs.calls[0]?.sdk).toBe(true);
    expect(sqs.calls[0]?.input).toEqual({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 5,
      WaitTimeSeconds: 7,
      VisibilityTimeout: 45,
      MessageSystemAttributeNames: ['ApproximateReceiveCount', 'MessageGroupId', 'AWSTraceHeader', 'DeadLetterQueueSourceArn'],
      MessageAttributeNames: ['All'],
    });
  });

  it('asks for the trace attributes (ctx.trace) besides the ones named in messageAttributeNames', async () => {
    const sqs = new StubSqs();
    const consumer = subscribe({}, async () => {}).start({ queueUrl, client: sqs, messageAttributeNames: ['tenant', 'tracestate'] });
    await until(() => sqs.calls.length > 0);
    await consumer.stop();
    expect(sqs.calls[0]?.input['MessageAttributeNames']).toEqual(['tenant', 'tracestate', 'traceparent']);
  });
});

describe('exponentialRetryDelay', () => {
  it('grows with the receive count, capped, in whole seconds', () => {
    vi.spyOn(Math, 'random').mockReturnValue(1);
    const delay = exponentialRetryDelay({ base: 2, max: 60 });
    const error = new Error('x');
    expect([1, 2, 3, 4, 5, 6, 30].map((receiveCount) => delay({ messageId: 'm', receiveCount, error }))).toEqual([2, 4, 8, 16, 32, 60, 60]);
    vi.spyOn(Math, 'random').mockReturnValue(0);
    expect(exponentialRetryDelay({ min: 3 })({ messageId: 'm', receiveCount: 5, error })).toBe(3);
  });

  it('rejects a max beyond 12 hours', () => {
    expect(() => exponentialRetryDelay({ max: 50_000 })).toThrow('exponentialRetryDelay max must be a number from 0 to 43200, got 50000');
  });
});

describe('start() options', () => {
  const subscription = subscribe({}, async () => {});
  it.each<[Partial<ConsumerOptions> & Record<string, unknown>, string]>([
    [{ queueUrl: 'uploads' }, 'queueUrl must be the queue URL (https://sqs.<region>.amazonaws.com/<account>/<name>), got "uploads"'],
    [{ concurrency: 0 }, 'concurrency must be an integer from 1 to 10000, got 0'],
    [{ batchSize: 11 }, 'batchSize must be an integer from 1 to 10, got 11'],
    [{ waitTimeSeconds: 21 }, 'waitTimeSeconds must be an integer from 0 to 20, got 21'],
    [{ visibilityTimeout: 0 }, 'visibilityTimeout must be an integer from 1 to 43200, got 0'],
    [{ visibilityTimeout: 30, heartbeatInterval: 30 }, 'heartbeatInterval must be false or a number of seconds above 0 and below visibilityTimeout (30), got 30'],
    [{ retryDelay: -1 }, 'retryDelay must be an integer from 0 to 43200, got -1'],
    [{ stopTimeout: -5 }, 'stopTimeout must be a number from 0 to 86400000, got -5'],
    [{ errorBackoff: { initialDelay: 500, maxDelay: 100 } }, 'errorBackoff.maxDelay must be a number from 500 to 3600000, got 100'],
    [{ client: {} as never }, 'client must be an SQSClient or an object with a send(command) method, got {}'],
    [{ signal: 'stop' as never }, 'signal must be an AbortSignal, got "stop"'],
    [{ onInvalid: 'drop' as never }, `onInvalid must be 'fail', 'delete' or a function, got "drop"`],
  ])('rejects %j', (options, text) => {
    const start = () => subscription.start({ queueUrl, ...options } as ConsumerOptions);
    expect(start).toThrow(SubscribeOptionsError);
    expect(start).toThrow(text);
  });

  it("overrides the subscription's onInvalid", async () => {
    // Arrange
    const sqs = new StubSqs();
    sqs.batches.push([message('junk', 'not json')]);
    const consumer = subscribe({ onInvalid: 'fail' }, async () => {})
      .start({ queueUrl, client: sqs, onInvalid: 'delete' })
      .on('invalid', () => {});

    // Act
    await until(() => consumer.stats.deleted === 1);
    await consumer.stop();

    // Assert
    expect(consumer.stats).toMatchObject({ dropped: 1, failed: 0 });
    expect(sqs.named('DeleteMessageBatchCommand')[0]?.input['Entries']).toEqual([{ Id: '0', ReceiptHandle: 'handle-junk' }]);
  });

  it("takes the subscription's concurrency as its default", async () => {
    const sqs = new StubSqs();
    sqs.batches.push(Array.from({ length: 10 }, (_, i) => message(`m${i}`, s3Body(`${i}`))));
    let running = 0;
    let peak = 0;
    const consumer = subscribe({ concurrency: 3 }, async () => {
      peak = Math.max(peak, ++running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
    }).start({ queueUrl, client: sqs });
    await until(() => consumer.stats.handled === 10);
    await consumer.stop();
    expect(peak).toBe(3);
  });
});
