import {
  HandlerAbortedError,
  S3EventBatchError,
  S3EventHandlerError,
  S3EventParseError,
  subscribe,
  SubscribeOptionsError,
  type S3EventContext,
  type S3ObjectEvent,
} from 's3-event-kit';
import { asEventBridge, asS3Event, asSns, asSqs, deliver, ROADS, s3Record, sqsRecord, testEvent } from 's3-event-kit/testing';
import { describe, expect, it, vi } from 'vitest';

const isSqsRoad = (road: readonly string[]): boolean => road[road.length - 1] === 'sqs';

function recorder(fail: (event: S3ObjectEvent) => boolean = () => false) {
  const seen: Array<{ event: S3ObjectEvent; ctx: S3EventContext }> = [];
  const handler = vi.fn(async (event: S3ObjectEvent, ctx: S3EventContext) => {
    seen.push({ event, ctx });
    if (fail(event)) throw new Error(`cannot process ${event.key}`);
  });
  return { seen, handler };
}

describe('subscribe() as a Lambda handler, on every road', () => {
  it.each(ROADS.map((road) => [road.join(' → '), road] as const))('hands the typed event over on %s', async (_, road) => {
    // Arrange
    const { seen, handler } = recorder();
    const subscription = subscribe({}, handler);
    const payload = deliver(s3Record({ name: 'ObjectCreated:Copy', bucket: 'photos', key: 'a b+c.jpg', size: 7 }), road);

    // Act
    const response = await subscription(payload);

    // Assert
    expect(seen).toHaveLength(1);
    expect(seen[0]?.event).toMatchObject({ name: 'ObjectCreated:Copy', bucket: 'photos', key: 'a b+c.jpg', size: 7, via: road });
    expect(response).toEqual(isSqsRoad(road) ? { batchItemFailures: [] } : undefined);
  });

  it.each(ROADS.map((road) => [road.join(' → '), road] as const))('reports a failed handler on %s the way the road needs', async (_, road) => {
    // Arrange
    const { handler } = recorder(() => true);
    const subscription = subscribe({}, handler);
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
      expect('error' in outcome).toBe(true);
      const error = (outcome as { error: S3EventBatchError }).error;
      expect(error).toBeInstanceOf(S3EventBatchError);
      expect(error.name).toBe('S3EventBatchError');
      expect(error.errors).toHaveLength(1);
      const [first] = error.errors;
      expect(first).toBeInstanceOf(S3EventHandlerError);
      expect((first as S3EventHandlerError).event.key).toBe('broken.jpg');
      expect((first as S3EventHandlerError).cause).toEqual(new Error('cannot process broken.jpg'));
      expect(error.message).toContain('handler failed for ObjectCreated:Put s3://amzn-s3-demo-bucket/broken.jpg');
    }
  });
});

describe('batchItemFailures', () => {
  const batch = () => ({
    Records: [
      sqsRecord(asS3Event(s3Record({ key: 'ok.jpg' })), { messageId: 'ok' }),
      sqsRecord(asS3Event(s3Record({ key: 'fails.jpg' })), { messageId: 'handler-fails' }),
      sqsRecord('this is not JSON', { messageId: 'not-json' }),
      sqsRecord(testEvent(), { messageId: 'test-event' }),
      sqsRecord(asS3Event(s3Record({ key: 'other/skip.txt' })), { messageId: 'filtered-out' }),
      sqsRecord(JSON.stringify({ source: 'aws.ec2', 'detail-type': 'EC2 Instance State-change Notification', detail: {} }), {
        messageId: 'other-service',
      }),
      sqsRecord(asEventBridge(s3Record({ key: 'eb.jpg' })), { messageId: 'eventbridge-ok' }),
    ],
  });

  it('names exactly the messages that failed or are not S3 events', async () => {
    // Arrange
    const { seen, handler } = recorder((e) => e.key === 'fails.jpg');
    const subscription = subscribe({ suffix: '.jpg' }, handler);

    // Act
    const response = await subscription(batch());

    // Assert
    expect(response?.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['handler-fails', 'not-json', 'other-service']);
    expect(seen.map((s) => s.event.key).sort()).toEqual(['eb.jpg', 'fails.jpg', 'ok.jpg']);
  });

  it("leaves messages that are not S3 events out with onInvalid: 'delete'", async () => {
    const { handler } = recorder((e) => e.key === 'fails.jpg');
    const response = await subscribe({ suffix: '.jpg', onInvalid: 'delete' }, handler)(batch());
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'handler-fails' }] });
  });

  it('asks an onInvalid function per message, and a throwing one fails the message', async () => {
    // Arrange
    const onInvalid = vi.fn(async (error: S3EventParseError, _message: unknown) => {
      if (error.messageId === 'other-service') throw new Error('policy broke');
      return 'delete' as const;
    });
    const { handler } = recorder();

    // Act
    const response = await subscribe({ onInvalid }, handler)(batch());

    // Assert
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'other-service' }] });
    expect(onInvalid.mock.calls.map(([error, message]) => [error.code, (message as { messageId: string }).messageId])).toEqual([
      ['INVALID_JSON', 'not-json'],
      ['NOT_S3_EVENT', 'other-service'],
    ]);
  });

  it('fails a message at its first failing event and does not run the events after it', async () => {
    // Arrange
    const records = ['1.jpg', '2.jpg', '3.jpg'].map((key) => s3Record({ key }));
    const { seen, handler } = recorder((e) => e.key === '2.jpg');

    // Act
    const response = await subscribe({}, handler)(asSqs(asS3Event(...records), { messageId: 'three-records' }));

    // Assert
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'three-records' }] });
    expect(seen.map((s) => s.event.key)).toEqual(['1.jpg', '2.jpg']);
  });

  it('handles at most `concurrency` messages at once', async () => {
    // Arrange
    let now = 0;
    let peak = 0;
    const subscription = subscribe({ concurrency: 3 }, async () => {
      peak = Math.max(peak, ++now);
      await new Promise((resolve) => setTimeout(resolve, 5));
      now--;
    });
    const records = Array.from({ length: 12 }, (_, i) => sqsRecord(asS3Event(s3Record({ key: `${i}.jpg` })), { messageId: `m${i}` }));

    // Act
    const response = await subscription({ Records: records });

    // Assert
    expect(response).toEqual({ batchItemFailures: [] });
    expect(peak).toBe(3);
  });

  it('fails the whole batch (throws) when a failed message has no id to report', async () => {
    const record = { ...sqsRecord(asS3Event(s3Record())), messageId: '' };
    await expect(subscribe({}, async () => Promise.reject(new Error('no')))({ Records: [record] })).rejects.toBeInstanceOf(S3EventBatchError);
  });
});

describe('FIFO queues', () => {
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

  it('stop at the first failure and report it and every later message, in order', async () => {
    // Arrange
    const { seen, handler } = recorder((e) => e.key === 'b0.jpg');

    // Act
    const response = await subscribe({}, handler)(fifoBatch());

    // Assert
    expect(seen.map((s) => s.event.key)).toEqual(['a0.jpg', 'b0.jpg']);
    expect(response?.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['m1', 'm2', 'm3', 'm4']);
  });

  it('with skipGroupOnError, skip only the failed group', async () => {
    // Arrange
    const { seen, handler } = recorder((e) => e.key === 'b0.jpg');

    // Act
    const response = await subscribe({ skipGroupOnError: true }, handler)(fifoBatch());

    // Assert
    expect(seen.map((s) => s.event.key).sort()).toEqual(['a0.jpg', 'a1.jpg', 'a2.jpg', 'b0.jpg']);
    expect(response?.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['m1', 'm3']);
  });

  it('run the messages of a group one after the other', async () => {
    // Arrange
    const order: string[] = [];
    const subscription = subscribe({ skipGroupOnError: true }, async (event) => {
      order.push(`start ${event.key}`);
      await new Promise((resolve) => setTimeout(resolve, 2));
      order.push(`end ${event.key}`);
    });

    // Act
    await subscription(fifoBatch());

    // Assert
    const a = order.filter((line) => line.includes(' a'));
    expect(a).toEqual(['start a0.jpg', 'end a0.jpg', 'start a1.jpg', 'end a1.jpg', 'start a2.jpg', 'end a2.jpg']);
  });
});

describe('test events, filters and what the handler is given', () => {
  it('acknowledges s3:TestEvent on every road it travels, without calling the handler', async () => {
    // Arrange
    const { handler } = recorder();
    const subscription = subscribe({}, handler);

    // Act
    const viaSqs = await subscription(asSqs(testEvent()));
    const viaSnsSqs = await subscription(asSqs(asSns(testEvent(), { delivery: 'sqs' })));
    const viaSns = await subscription(asSns(testEvent()));

    // Assert
    expect(viaSqs).toEqual({ batchItemFailures: [] });
    expect(viaSnsSqs).toEqual({ batchItemFailures: [] });
    expect(viaSns).toBeUndefined();
    expect(handler).not.toHaveBeenCalled();
  });

  it('calls the handler only for events the filter keeps, and acknowledges the rest', async () => {
    // Arrange
    const { seen, handler } = recorder();
    const subscription = subscribe({ events: ['ObjectCreated:*'], prefix: 'uploads/', suffix: '.jpg', bucket: ['a', 'b'] }, handler);
    const records = [
      s3Record({ name: 'ObjectCreated:Put', bucket: 'a', key: 'uploads/yes.jpg' }),
      s3Record({ name: 'ObjectCreated:CompleteMultipartUpload', bucket: 'b', key: 'uploads/big yes.jpg' }),
      s3Record({ name: 'ObjectRemoved:Delete', bucket: 'a', key: 'uploads/deleted.jpg' }),
      s3Record({ name: 'ObjectCreated:Put', bucket: 'c', key: 'uploads/other-bucket.jpg' }),
      s3Record({ name: 'ObjectCreated:Put', bucket: 'a', key: 'elsewhere/no.jpg' }),
      s3Record({ name: 'ObjectCreated:Put', bucket: 'a', key: 'uploads/no.png' }),
    ];

    // Act
    const response = await subscription(asS3Event(...records));

    // Assert
    expect(response).toBeUndefined();
    expect(seen.map((s) => s.event.key)).toEqual(['uploads/yes.jpg', 'uploads/big yes.jpg']);
  });

  it('gives the message id, receive count, message and Lambda context', async () => {
    // Arrange
    const { seen, handler } = recorder();
    const lambdaContext = { awsRequestId: 'req-1', functionName: 'thumbnails' };
    const subscription = subscribe({}, handler);
    const sqs = sqsRecord(asS3Event(s3Record()), { messageId: 'sqs-1', receiveCount: 3 });
    const sns = asSns(asS3Event(s3Record()), { messageId: 'sns-1' });

    // Act
    await subscription({ Records: [sqs] }, lambdaContext);
    await subscription(sns, lambdaContext);
    await subscription(asS3Event(s3Record()));

    // Assert
    const [viaSqs, viaSns, direct] = seen.map((s) => s.ctx);
    expect(viaSqs).toMatchObject({ messageId: 'sqs-1', receiveCount: 3, lambdaContext, message: sqs });
    expect(viaSns).toMatchObject({ messageId: 'sns-1', receiveCount: undefined, lambdaContext, message: sns.Records[0] });
    expect(direct).toMatchObject({ messageId: undefined, receiveCount: undefined, lambdaContext: undefined });
    expect(viaSqs?.signal).toBeInstanceOf(AbortSignal);
    expect(viaSqs?.signal.aborted).toBe(false);
  });

  it("fires ctx.signal shortly before Lambda's deadline, so unfinished messages are reported in time", async () => {
    // Arrange
    const lambdaContext = { getRemainingTimeInMillis: () => 560 };
    const subscription = subscribe({ concurrency: 1 }, async (event, ctx) => {
      if (event.key === 'slow.jpg') {
        await new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)));
      }
    });
    const records = ['fast.jpg', 'slow.jpg', 'never.jpg'].map((key, i) => sqsRecord(asS3Event(s3Record({ key })), { messageId: `m${i}` }));

    // Act
    const started = Date.now();
    const response = await subscription({ Records: records }, lambdaContext);

    // Assert
    expect(Date.now() - started).toBeLessThan(400);
    expect(response?.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['m1', 'm2']);
  });

  it('tells why the signal fired', async () => {
    // Arrange
    let reason: unknown;
    const subscription = subscribe({}, async (_, ctx) => {
      await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve));
      reason = ctx.signal.reason;
    });

    // Act
    await subscription(asS3Event(s3Record()), { getRemainingTimeInMillis: () => 500 });

    // Assert
    expect(reason).toBeInstanceOf(HandlerAbortedError);
    expect(reason).toMatchObject({ name: 'HandlerAbortedError', reason: 'deadline' });
  });
});

describe('async roads and input that is not an S3 event', () => {
  it('throws with the parse failure when an invocation carries no S3 event', async () => {
    // Arrange
    const subscription = subscribe({}, async () => {});

    // Act
    const error = await subscription({ hello: 'world' }).catch((e: unknown) => e);

    // Assert
    expect(error).toBeInstanceOf(S3EventBatchError);
    expect((error as S3EventBatchError).errors[0]).toBeInstanceOf(S3EventParseError);
  });

  it("resolves with onInvalid: 'delete'", async () => {
    await expect(subscribe({ onInvalid: 'delete' }, async () => {})({ hello: 'world' })).resolves.toBeUndefined();
  });

  it('names every failed event of a direct S3 invocation', async () => {
    // Arrange
    const subscription = subscribe({}, async (event) => {
      if (event.key !== 'fine.jpg') throw new Error('nope');
    });
    const sns = asSns(asS3Event(s3Record({ key: 'bad.jpg' })), { messageId: 'sns-9' });

    // Act
    const error = (await subscription(sns).catch((e: unknown) => e)) as S3EventBatchError;

    // Assert
    expect(error.messageIds).toEqual(['sns-9']);
    expect(error.message).toBe('1 of 1 S3 event message(s) failed: handler failed for ObjectCreated:Put s3://amzn-s3-demo-bucket/bad.jpg (message sns-9): nope');
  });
});

describe('options', () => {
  it.each([
    [{ concurrency: 0 }, 'concurrency must be an integer from 1 to 10000, got 0'],
    [{ concurrency: 2.5 }, 'concurrency must be an integer from 1 to 10000, got 2.5'],
    [{ onInvalid: 'ignore' }, `onInvalid must be 'fail', 'delete' or a function, got "ignore"`],
    [{ skipGroupOnError: 'yes' }, 'skipGroupOnError must be a boolean, got "yes"'],
    [{ prefix: 3 }, 'prefix must be a string, got 3'],
    [{ bucket: [1] }, 'bucket must be a string or an array of strings, got [1]'],
  ])('rejects %j with a precise message', (options, message) => {
    const attempt = () => subscribe(options as never, async () => {});
    expect(attempt).toThrow(SubscribeOptionsError);
    expect(attempt).toThrow(message);
  });

  it('rejects a handler that is not a function', () => {
    expect(() => subscribe({}, 'nope' as never)).toThrow('handler must be a function (event, ctx) => …, got "nope"');
  });

  it('keeps the options and the handler on the subscription', () => {
    const handler = async () => {};
    const options = { prefix: 'a/' };
    const subscription = subscribe(options, handler);
    expect(subscription.options).toBe(options);
    expect(subscription.handler).toBe(handler);
  });
});
