/**
 * Regressions found in review: the library's own failures are never permanent (an isPermanent
 * predicate cannot drop a message whose events did not run), subscribeBatch reads replays like
 * subscribe(), stop() before the consumer module loaded never polls, and jsonLogger checks its level.
 */
import { jsonLogger, memoryStore, subscribe, subscribeBatch, SubscribeOptionsError } from 's3-event-kit';
import { asEventBridge, asS3Event, asSqs, s3Record } from 's3-event-kit/testing';
import { describe, expect, it, vi } from 'vitest';
import { recordingLogger } from './recording-logger.js';
import { StubSqs } from './stub-sqs.js';

const everythingPermanent = { isPermanent: () => true, logger: recordingLogger([]) };

describe('the library\'s own failures are never permanent', () => {
  it('subscribe(): a handler timeout fails the message even when isPermanent says yes to everything', async () => {
    // Arrange: two events in one message; the first times out, the second never starts
    const seen: string[] = [];
    const handler = subscribe({ ...everythingPermanent, handlerTimeout: 20 }, async (event) => {
      seen.push(event.key);
      if (event.key === 'slow') await new Promise((resolve) => setTimeout(resolve, 200));
    });
    const event = asSqs(asS3Event(s3Record({ key: 'slow' }), s3Record({ key: 'never-run' })));

    // Act
    const response = await handler(event);

    // Assert
    expect(seen).toEqual(['slow']);
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: event.Records[0]?.messageId }] });
  });

  it("subscribe(): Lambda's deadline fails the message whatever isPermanent says", async () => {
    const handler = subscribe(everythingPermanent, async (_event, ctx) => {
      await new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)));
    });
    const event = asSqs(asS3Event(s3Record({ key: 'a' }), s3Record({ key: 'b' })));
    expect(await handler(event, { getRemainingTimeInMillis: () => 520 })).toEqual({ batchItemFailures: [{ itemIdentifier: event.Records[0]?.messageId }] });
  });

  it('subscribeBatch(): a latestOnly store failure fails the message; its other event is not lost', async () => {
    // Arrange
    const store = memoryStore();
    vi.spyOn(store, 'get').mockRejectedValue(new Error('store down'));
    const calls: string[][] = [];
    const handler = subscribeBatch({ ...everythingPermanent, latestOnly: { store } }, async (events) => {
      calls.push(events.map((e) => e.key));
    });
    const event = asSqs(asS3Event(s3Record({ key: 'd1' }), s3Record({ key: 'd2' })));

    // Act
    const response = await handler(event);

    // Assert
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: event.Records[0]?.messageId }] });
  });
});

describe('subscribeBatch() reads replays like subscribe()', () => {
  it('ctx.of(event).redrivenFrom names the EventBridge replay, and dedupe { replays: "handle" } lets it through', async () => {
    // Arrange
    const replayed = { ...asEventBridge({ key: 'k' }), 'replay-name': 'fix-thumbnails' };
    const names: Array<string | undefined> = [];
    const handler = subscribeBatch({ logger: recordingLogger([]), dedupe: { store: memoryStore(), replays: 'handle' } }, async (events, ctx) => {
      for (const e of events) names.push(ctx.of(e).redrivenFrom?.replayName);
    });

    // Act: the same replayed event twice
    await handler(replayed);
    await handler(replayed);

    // Assert
    expect(names).toEqual(['fix-thumbnails', 'fix-thumbnails']);
  });
});

describe('the worker', () => {
  it('never polls when stop() comes before its module has loaded', async () => {
    // Arrange
    const sqs = new StubSqs();

    // Act
    const consumer = subscribe({ logger: recordingLogger([]) }, async () => {}).start({
      queueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/q',
      client: sqs,
      waitTimeSeconds: 0,
    });
    await consumer.stop();
    await new Promise((resolve) => setTimeout(resolve, 50));

    // Assert
    expect(sqs.named('ReceiveMessageCommand')).toEqual([]);
    expect(consumer.running).toBe(false);
  });
});

describe('jsonLogger', () => {
  it('refuses a level it does not know instead of writing everything', () => {
    expect(() => jsonLogger({ level: 'verbose' as never })).toThrow(SubscribeOptionsError);
    expect(() => jsonLogger({ level: 'verbose' as never })).toThrow(/jsonLogger.level must be one of 'debug', 'info', 'warn', 'error', 'silent'/);
  });
});
