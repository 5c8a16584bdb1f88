import { ReceiveMessageCommand, SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { subscribeBatch, type S3EventConsumer, type SqsClientLike } from 's3-event-kit';
import { asS3Event, s3Record } from 's3-event-kit/testing';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { sqsClient } from '../setup/aws.js';
import { createQueue, queueDepth, sendAll, waitFor } from './sqs-helpers.js';

const sqs = sqsClient();
const consumers: S3EventConsumer[] = [];
afterEach(async () => {
  await Promise.all(consumers.splice(0).map((c) => c.stop()));
});
afterAll(() => sqs.destroy());

const body = (key: string): string => JSON.stringify(asS3Event(s3Record({ key })));

/** The real client, with the size of every non-empty ReceiveMessage answer written down (every call still reaches fauxqs). */
function countingReceives(client: SQSClient): { client: SqsClientLike; receives: number[] } {
  const receives: number[] = [];
  return {
    receives,
    client: {
      async send(command: unknown, options?: { abortSignal?: AbortSignal }) {
        const out = await client.send(command as never, options);
        if (command instanceof ReceiveMessageCommand) {
          const n = (out as { Messages?: unknown[] }).Messages?.length ?? 0;
          if (n > 0) receives.push(n);
        }
        return out;
      },
    },
  };
}

describe('subscribeBatch().start() on a real local SQS server', () => {
  it('calls the handler once per receive, with every event of it, and deletes what was handled', async () => {
    // Arrange
    const queue = await createQueue(sqs, 'batch-per-receive');
    const { client, receives } = countingReceives(sqs);
    const calls: string[][] = [];
    const subscription = subscribeBatch({}, async (events) => {
      calls.push(events.map((e) => e.key));
    });
    await sendAll(sqs, queue.url, Array.from({ length: 23 }, (_, i) => body(`k${i}`)));

    // Act
    const consumer = subscription.start({ queueUrl: queue.url, client, waitTimeSeconds: 1 });
    consumers.push(consumer);
    await waitFor(() => consumer.stats.deleted === 23, 'every message deleted');

    // Assert
    expect(calls.map((c) => c.length)).toEqual(receives);
    expect(calls.flat().sort()).toEqual(Array.from({ length: 23 }, (_, i) => `k${i}`).sort());
    expect(consumer.stats).toMatchObject({ received: 23, handled: 23, failed: 0 });
    expect(await queueDepth(sqs, queue.url)).toEqual({ visible: 0, inFlight: 0 });
  });

  it('gathers several receives into one call with batchWindowMs and maxBatchSize', async () => {
    // Arrange
    const queue = await createQueue(sqs, 'batch-window');
    const { client, receives } = countingReceives(sqs);
    const calls: number[] = [];
    const subscription = subscribeBatch({}, async (events) => {
      calls.push(events.length);
    });
    await sendAll(sqs, queue.url, Array.from({ length: 30 }, (_, i) => body(`w${i}`)));

    // Act: receives of at most 5; a batch waits up to 10 s for 30 messages
    const consumer = subscription.start({ queueUrl: queue.url, client, batchSize: 5, waitTimeSeconds: 1, maxBatchSize: 30, batchWindowMs: 10_000 });
    consumers.push(consumer);
    await waitFor(() => consumer.stats.deleted === 30, 'every message deleted');

    // Assert
    expect(receives.length).toBeGreaterThanOrEqual(6);
    expect(calls).toEqual([30]);
  });

  it('hands a partial batch over at the end of the window', async () => {
    // Arrange
    const queue = await createQueue(sqs, 'batch-window-end');
    const calls: Array<{ size: number; at: number }> = [];
    const subscription = subscribeBatch({}, async (events) => {
      calls.push({ size: events.length, at: Date.now() });
    });
    await sendAll(sqs, queue.url, [body('only-1'), body('only-2')]);

    // Act
    const started = Date.now();
    const consumer = subscription.start({ queueUrl: queue.url, client: sqs, waitTimeSeconds: 1, maxBatchSize: 50, batchWindowMs: 300 });
    consumers.push(consumer);
    await waitFor(() => consumer.stats.deleted === 2, 'both messages deleted');

    // Assert: one call with both, not before the window (measured from the first message) ended
    expect(calls.map((c) => c.size)).toEqual([2]);
    expect((calls[0]?.at ?? 0) - started).toBeGreaterThanOrEqual(300);
  });

  it("brings a failed event's message back and deletes the others", async () => {
    // Arrange
    const queue = await createQueue(sqs, 'batch-failed', { visibilityTimeout: 2 });
    const seen: Array<[key: string, receiveCount: number | undefined]> = [];
    const subscription = subscribeBatch({}, async (events, ctx) => {
      for (const event of events) seen.push([event.key, ctx.of(event).receiveCount]);
      return { failed: events.filter((e) => e.key === 'b' && ctx.of(e).receiveCount === 1).map((event) => ({ event, error: new Error('b fails once') })) };
    });
    await sendAll(sqs, queue.url, ['a', 'b', 'c'].map(body));

    // Act
    const consumer = subscription.start({ queueUrl: queue.url, client: sqs, waitTimeSeconds: 1, visibilityTimeout: 2, retryDelay: 0 });
    consumers.push(consumer);
    const errors: string[] = [];
    consumer.on('handlerError', (error) => errors.push(error.message));
    await waitFor(() => consumer.stats.deleted === 3, 'every message deleted');

    // Assert
    expect(seen.filter(([key]) => key !== 'b').map(([, count]) => count)).toEqual([1, 1]);
    expect(seen.filter(([key]) => key === 'b')).toEqual([
      ['b', 1],
      ['b', 2],
    ]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^handler failed for ObjectCreated:Put s3:\/\/amzn-s3-demo-bucket\/b \(message [\w-]+\): b fails once$/);
    expect(consumer.stats).toMatchObject({ received: 4, handled: 3, failed: 1, deleted: 3 });
    expect(await queueDepth(sqs, queue.url)).toEqual({ visible: 0, inFlight: 0 });
  });

  it('FIFO: hands each group over in order, and a failed message comes back before the later ones of its group', async () => {
    // Arrange
    const queue = await createQueue(sqs, 'batch-fifo', { fifo: true, visibilityTimeout: 2 });
    const calls: string[][] = [];
    let failed = false;
    const subscription = subscribeBatch({}, async (events) => {
      calls.push(events.map((e) => e.key));
      const a1 = events.find((e) => e.key === 'a1');
      if (a1 === undefined || failed) return undefined;
      failed = true;
      return { failed: [{ event: a1 }] };
    });
    const messages: Array<[key: string, group: string]> = [
      ['a0', 'A'],
      ['b0', 'B'],
      ['a1', 'A'],
      ['b1', 'B'],
      ['a2', 'A'],
    ];
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queue.url,
        Entries: messages.map(([key, group], i) => ({ Id: String(i), MessageBody: body(key), MessageGroupId: group, MessageDeduplicationId: key })),
      }),
    );

    // Act
    const consumer = subscription.start({ queueUrl: queue.url, client: sqs, waitTimeSeconds: 1, visibilityTimeout: 2, retryDelay: 0 });
    consumers.push(consumer);
    await waitFor(() => consumer.stats.deleted === 5, 'every message deleted');

    // Assert: within every call, each group's events are in send order
    for (const call of calls) {
      for (const group of ['a', 'b']) {
        const keys = call.filter((k) => k.startsWith(group));
        expect(keys).toEqual([...keys].sort());
      }
    }
    // SQS hands a group's next message out only once the one before is settled: a1 comes back before a2
    expect(calls.flat().filter((k) => k.startsWith('a'))).toEqual(['a0', 'a1', 'a1', 'a2']);
    expect(calls.flat().filter((k) => k.startsWith('b'))).toEqual(['b0', 'b1']);
    expect(consumer.stats).toMatchObject({ received: 6, failed: 1, deleted: 5 });
    expect(await queueDepth(sqs, queue.url)).toEqual({ visible: 0, inFlight: 0 });
  });

  it('keeps the messages of a gathering batch hidden with the heartbeat (no redelivery while they wait)', async () => {
    // Arrange: visibility 1 s, a window of 2.5 s
    const queue = await createQueue(sqs, 'batch-heartbeat', { visibilityTimeout: 1 });
    const calls: Array<Array<number | undefined>> = [];
    const subscription = subscribeBatch({}, async (events, ctx) => {
      calls.push(events.map((e) => ctx.of(e).receiveCount));
    });
    await sendAll(sqs, queue.url, [body('x'), body('y')]);

    // Act
    const started = Date.now();
    const consumer = subscription.start({
      queueUrl: queue.url,
      client: sqs,
      waitTimeSeconds: 1,
      visibilityTimeout: 1,
      heartbeatInterval: 0.3,
      maxBatchSize: 10,
      batchWindowMs: 2_500,
    });
    consumers.push(consumer);
    await waitFor(() => consumer.stats.deleted === 2, 'both deleted');

    // Assert
    expect(calls).toEqual([[1, 1]]);
    expect(consumer.stats.received).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_500);
  });

  it('without a heartbeat, starts a gathering batch before its messages become visible again', async () => {
    // Arrange: visibility 2 s, a window of 10 s
    const queue = await createQueue(sqs, 'batch-no-heartbeat', { visibilityTimeout: 2 });
    const calls: Array<Array<number | undefined>> = [];
    const subscription = subscribeBatch({}, async (events, ctx) => {
      calls.push(events.map((e) => ctx.of(e).receiveCount));
    });
    await sendAll(sqs, queue.url, [body('z')]);

    // Act
    const consumer = subscription.start({
      queueUrl: queue.url,
      client: sqs,
      waitTimeSeconds: 1,
      visibilityTimeout: 2,
      heartbeatInterval: false,
      maxBatchSize: 10,
      batchWindowMs: 10_000,
    });
    consumers.push(consumer);
    await waitFor(() => consumer.stats.deleted === 1, 'deleted', 8_000);

    // Assert: handled on its first delivery, never redelivered
    expect(calls).toEqual([[1]]);
    expect(consumer.stats).toMatchObject({ received: 1, failed: 0 });
  });
  it('on stop, lets go of a gathering batch at once (visibility 0), and the handler never sees it', async () => {
    // Arrange
    const queue = await createQueue(sqs, 'batch-stop');
    let called = false;
    const subscription = subscribeBatch({}, async () => {
      called = true;
    });
    await sendAll(sqs, queue.url, [body('s1'), body('s2')]);
    const consumer = subscription.start({ queueUrl: queue.url, client: sqs, waitTimeSeconds: 1, maxBatchSize: 50, batchWindowMs: 60_000 });
    await waitFor(() => consumer.stats.received === 2, 'both received');

    // Act
    await consumer.stop();

    // Assert
    expect(called).toBe(false);
    expect(consumer.stats).toMatchObject({ received: 2, released: 2, deleted: 0 });
    // (Not checked by receiving them again: a long poll that stop() aborted may still be open on
    // the server and take them, as on SQS.)
  });
});
