/**
 * Permanent failures in Lambda, on every road: a `PermanentError` (anywhere in the cause chain, or
 * what `isPermanent` accepts) is logged once and acknowledged — not in `batchItemFailures`, not
 * thrown on the asynchronous roads — with the outcome `'dropped'`.
 */
import {
  isPermanent,
  PermanentError,
  S3EventBatchError,
  subscribe,
  SubscribeOptionsError,
  type MessageSample,
} from 's3-event-kit';
import { S3ObjectGoneError } from 's3-event-kit/aws';
import { asS3Event, asSqs, deliver, ROADS, s3Record } from 's3-event-kit/testing';
import { describe, expect, it, vi } from 'vitest';
import { recordingLogger, type LogLine } from './recording-logger.js';

const isSqsRoad = (road: readonly string[]): boolean => road[road.length - 1] === 'sqs';

describe('isPermanent()', () => {
  it('finds a PermanentError itself, in the cause chain, and across copies of the package (by brand)', () => {
    const foreign = Object.assign(new Error('other copy'), { [Symbol.for('s3-event-kit.PermanentError')]: true });
    expect(isPermanent(new PermanentError('corrupt'))).toBe(true);
    expect(isPermanent(new Error('outer', { cause: new Error('middle', { cause: new PermanentError('gone') }) }))).toBe(true);
    expect(isPermanent(foreign)).toBe(true);
    expect(isPermanent(new Error('timeout'))).toBe(false);
    expect(isPermanent('PermanentError')).toBe(false);
    expect(isPermanent(undefined)).toBe(false);
  });

  it('stops at a cycle in the cause chain', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    Object.assign(a, { cause: b });
    expect(isPermanent(a)).toBe(false);
  });

  it("counts S3ObjectGoneError (getObjectFor's not-found) as permanent", () => {
    const [event] = subscribeEvents();
    expect(isPermanent(new S3ObjectGoneError(event as never, 'GetObject', 'NoSuchKey'))).toBe(true);
    expect(new S3ObjectGoneError(event as never, 'GetObject', 'NoSuchKey')).toBeInstanceOf(PermanentError);
  });
});

function subscribeEvents() {
  return [{ name: 'ObjectCreated:Put', bucket: 'b', key: 'k', versionId: undefined }];
}

describe("permanent: 'drop' (the default) in Lambda", () => {
  it.each(ROADS.map((road) => [road.join(' → '), road] as const))('acknowledges a permanent failure on %s, logged once', async (_, road) => {
    // Arrange
    const lines: LogLine[] = [];
    const outcomes: MessageSample[] = [];
    const handler = subscribe({ logger: recordingLogger(lines), metrics: { message: (s) => outcomes.push(s) } }, async () => {
      throw new PermanentError('unsupported file type');
    });

    // Act
    const response = await handler(deliver(s3Record({ key: 'a.heic' }), road));

    // Assert
    expect(response).toEqual(isSqsRoad(road) ? { batchItemFailures: [] } : undefined);
    expect(lines.map(([level]) => level)).toEqual(['error']);
    expect(lines[0]?.[1]).toMatch(/unsupported file type — permanent failure: dropped, not retried$/);
    expect(lines[0]?.[2]).toMatchObject({ key: 'a.heic', event: 'ObjectCreated:Put' });
    expect(outcomes.map((o) => o.outcome)).toEqual(['dropped']);
  });

  it('still fails a transient error in the same batch; isPermanent decides for errors the handler does not throw itself', async () => {
    // Arrange
    class CorruptImageError extends Error {}
    const handler = subscribe(
      { logger: recordingLogger([]), isPermanent: (error) => error instanceof CorruptImageError },
      async (event) => {
        if (event.key === 'corrupt.jpg') throw new CorruptImageError('bad huffman table');
        if (event.key === 'busy.jpg') throw new Error('ECONNRESET');
        if (event.key === 'wrapped.jpg') throw new Error('while resizing', { cause: new PermanentError('truncated file') });
      },
    );
    const event = asSqs(['corrupt.jpg', 'busy.jpg', 'wrapped.jpg', 'ok.jpg'].map((key) => asS3Event(s3Record({ key }))));

    // Act
    const response = await handler(event);

    // Assert
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: event.Records[1]?.messageId }] });
  });

  it('treats a throwing isPermanent as "not permanent" (the message is retried, nothing lost)', async () => {
    // Arrange
    const handler = subscribe(
      {
        logger: recordingLogger([]),
        isPermanent: () => {
          throw new Error('predicate bug');
        },
      },
      async () => {
        throw new Error('boom');
      },
    );
    const event = asSqs(asS3Event(s3Record()));

    // Act, Assert
    expect(await handler(event)).toEqual({ batchItemFailures: [{ itemIdentifier: event.Records[0]?.messageId }] });
  });

  it('lets a FIFO batch go on after a permanent failure (the message is done with, not failed)', async () => {
    // Arrange
    const seen: string[] = [];
    const handler = subscribe({ logger: recordingLogger([]) }, async (event) => {
      seen.push(event.key);
      if (event.key === 'first') throw new PermanentError('never');
    });
    const event = asSqs(['first', 'second'].map((key) => asS3Event(s3Record({ key }))), { queueArn: 'arn:aws:sqs:us-east-1:123456789012:q.fifo' });

    // Act
    const response = await handler(event);

    // Assert
    expect(seen).toEqual(['first', 'second']);
    expect(response).toEqual({ batchItemFailures: [] });
  });

  it('throws on an async road only for the transient failures', async () => {
    // Arrange
    const handler = subscribe({ logger: recordingLogger([]) }, async (event) => {
      throw event.key === 'gone' ? new PermanentError('gone') : new Error('retry me');
    });

    // Act
    const error = await handler(asS3Event(s3Record({ key: 'gone' }), s3Record({ key: 'flaky' }))).catch((e: unknown) => e);

    // Assert: one S3 invocation = one message; its second record failed transiently, so Lambda retries it
    expect(error).toBeInstanceOf(S3EventBatchError);
  });

  it('checks the options', () => {
    expect(() => subscribe({ permanent: 'retry' as never }, async () => {})).toThrow(SubscribeOptionsError);
    expect(() => subscribe({ permanent: { deadLetterQueueUrl: 'arn:aws:sqs:us-east-1:1:q' } }, async () => {})).toThrow(
      /permanent.deadLetterQueueUrl must be the queue URL/,
    );
    expect(() => subscribe({ permanent: { deadLetterQueueUrl: 'https://sqs.us-east-1.amazonaws.com/1/q', client: {} as never } }, async () => {})).toThrow(
      /permanent.client must be an SQSClient/,
    );
    expect(() => subscribe({ isPermanent: true as never }, async () => {})).toThrow(/isPermanent must be a function/);
  });
});

describe('permanent failures in subscribeBatch()', () => {
  it('drops a message whose failed events are all permanent, retries one with a transient failure', async () => {
    // Arrange
    const { subscribeBatch } = await import('s3-event-kit');
    const outcomes: MessageSample[] = [];
    const handler = subscribeBatch({ logger: recordingLogger([]), metrics: { message: (s) => outcomes.push(s) } }, async (events) => ({
      failed: events.flatMap((event) =>
        event.key === 'corrupt.jpg' ? [{ event, error: new PermanentError('corrupt') }] : event.key === 'busy.jpg' ? [{ event, error: new Error('503') }] : [],
      ),
    }));
    const event = asSqs(['corrupt.jpg', 'busy.jpg', 'ok.jpg'].map((key) => asS3Event(s3Record({ key }))));

    // Act
    const response = await handler(event);

    // Assert
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: event.Records[1]?.messageId }] });
    expect(outcomes.map((o) => [o.messageId, o.outcome])).toEqual(
      expect.arrayContaining([
        [event.Records[0]?.messageId, 'dropped'],
        [event.Records[1]?.messageId, 'failed'],
        [event.Records[2]?.messageId, 'handled'],
      ]),
    );
  });

  it('takes around and rateLimit (once refused): around wraps the batch, and an around that throws fails it', async () => {
    const { subscribeBatch } = await import('s3-event-kit');
    const around = vi.fn(async (_ctx: unknown, next: () => Promise<void>) => {
      await next();
      throw new Error('around failed');
    });
    const handler = subscribeBatch({ logger: recordingLogger([]), around }, async () => {});
    const event = asSqs(['a.jpg', 'b.jpg'].map((key) => asS3Event(s3Record({ key }))));
    expect(await handler(event)).toEqual({ batchItemFailures: event.Records.map((r) => ({ itemIdentifier: r.messageId })) });
    expect(around).toHaveBeenCalledTimes(1);
    const consumer = subscribeBatch({}, async () => {}).start({
      queueUrl: 'https://sqs.us-east-1.amazonaws.com/1/q',
      client: { send: async () => ({}) },
      rateLimit: { perSecond: 5 },
    });
    await consumer.stop();
  });
});
