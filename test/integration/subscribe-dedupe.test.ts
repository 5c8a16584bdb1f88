// subscribe({ dedupe, latestOnly }) in the SQS consumer, on the real local SQS server (fauxqs over
// HTTP): duplicates and stale events are deleted without calling the handler and counted as
// skipped; a failure releases the claim, so the retry handles the event; and two consumers
// sharing a DynamoDB table (dynalite, in-process on loopback) handle each event exactly once.
import { subscribe, type MessageReport, type S3EventConsumer, type Subscription } from 's3-event-kit';
import { dynamoDbStore } from 's3-event-kit/aws';
import { asS3Event, s3Record } from 's3-event-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynalite, type LocalDynamo } from '../aws/dynalite.js';
import { sqsClient, uniqueName } from '../setup/aws.js';
import { createQueue, queueDepth, sendAll, sleep, waitFor } from './sqs-helpers.js';

const sqs = sqsClient();
let dynamo: LocalDynamo;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(async () => {
  sqs.destroy();
  await dynamo?.close();
});

const TIME = '2024-03-14T12:00:00.000Z';
const body = (key: string, sequencer?: string): string => JSON.stringify(asS3Event(s3Record({ key, time: TIME, sequencer })));

/** Starts a consumer on `queueUrl` and collects its message reports. */
function consume(subscription: Pick<Subscription, 'start'>, queueUrl: string, options: { concurrency?: number; retryDelay?: number } = {}) {
  const reports: MessageReport[] = [];
  const consumer: S3EventConsumer = subscription
    .start({ queueUrl, client: sqs, waitTimeSeconds: 1, visibilityTimeout: 5, ...options })
    .on('message', (report) => reports.push(report))
    .on('handlerError', () => {});
  return { consumer, reports };
}

describe('subscribe({ dedupe }) in the SQS consumer, on a real local SQS server', () => {
  it('handles the same message sent twice once, deletes both and counts the copy as skipped', async () => {
    // Arrange: S3 delivered one event twice (the identical body, two SQS messages)
    const queue = await createQueue(sqs, 'dedupe-twice');
    const handled: string[] = [];
    const subscription = subscribe({ dedupe: true }, async (event) => void handled.push(event.key));
    await sendAll(sqs, queue.url, [body('twice.txt'), body('twice.txt')]);

    // Act: one at a time, so the copy meets a finished event (not one in progress)
    const { consumer, reports } = consume(subscription, queue.url, { concurrency: 1 });
    await waitFor(() => consumer.stats.deleted === 2, 'both messages deleted');
    await consumer.stop();

    // Assert
    expect(handled).toEqual(['twice.txt']);
    expect(reports.map((r) => [r.outcome, r.handled, r.skipped])).toEqual([
      ['handled', 1, 0],
      ['skipped', 0, 1],
    ]);
    expect(consumer.stats).toMatchObject({ received: 2, handled: 1, skippedMessages: 1, failed: 0, skipped: 1, deleted: 2 });
    expect(await queueDepth(sqs, queue.url)).toEqual({ visible: 0, inFlight: 0 });
  });

  it('retries a copy received while its twin is being handled, then deletes it as a duplicate', async () => {
    // Arrange: both copies arrive in one receive and start together
    const queue = await createQueue(sqs, 'dedupe-together');
    let calls = 0;
    const subscription = subscribe({ dedupe: true }, async () => {
      calls++;
      await sleep(200);
    });
    await sendAll(sqs, queue.url, [body('together.txt'), body('together.txt')]);

    // Act
    const { consumer, reports } = consume(subscription, queue.url, { concurrency: 10, retryDelay: 0 });
    await waitFor(() => consumer.stats.deleted === 2, 'both messages deleted');
    await consumer.stop();

    // Assert: the copy failed (in progress) at least once, then was acknowledged without handling
    expect(calls).toBe(1);
    expect(reports.filter((r) => r.outcome === 'failed').length).toBeGreaterThanOrEqual(1);
    expect(reports.filter((r) => r.outcome === 'handled' || r.outcome === 'skipped').map((r) => [r.outcome, r.handled, r.skipped])).toEqual([
      ['handled', 1, 0],
      ['skipped', 0, 1],
    ]);
    expect(await queueDepth(sqs, queue.url)).toEqual({ visible: 0, inFlight: 0 });
  });

  it('releases the claim when the handler fails: the retry handles the event once, a later copy is skipped', async () => {
    // Arrange
    const queue = await createQueue(sqs, 'dedupe-retry');
    const attempts: number[] = [];
    let successes = 0;
    const subscription = subscribe({ dedupe: true }, async (_event, ctx) => {
      attempts.push(ctx.receiveCount ?? 0);
      if (attempts.length === 1) throw new Error('transient');
      successes++;
    });
    const { consumer, reports } = consume(subscription, queue.url, { concurrency: 1, retryDelay: 0 });

    // Act
    await sendAll(sqs, queue.url, [body('flaky.txt')]);
    await waitFor(() => consumer.stats.deleted === 1, 'the retry to succeed');
    await sendAll(sqs, queue.url, [body('flaky.txt')]); // a late duplicate
    await waitFor(() => consumer.stats.deleted === 2, 'the duplicate deleted');
    await consumer.stop();

    // Assert
    expect(attempts).toEqual([1, 2]);
    expect(successes).toBe(1);
    expect(reports.map((r) => r.outcome)).toEqual(['failed', 'handled', 'skipped']);
    expect(consumer.stats).toMatchObject({ failed: 1, handled: 1, skippedMessages: 1, skipped: 1, deleted: 2 });
  });
});

describe('subscribe({ latestOnly }) in the SQS consumer, on a real local SQS server', () => {
  it('deletes, without handling, an event older than one already handled on the same key', async () => {
    // Arrange
    const queue = await createQueue(sqs, 'latest-only');
    const seen: string[] = [];
    const subscription = subscribe({ latestOnly: true }, async (event) => void seen.push(`${event.key}@${event.sequencer}`));
    const { consumer, reports } = consume(subscription, queue.url, { concurrency: 1 });

    // Act: the newer event arrives first, then an older one for the same key and one for another key
    await sendAll(sqs, queue.url, [body('a.txt', '0055AED6DCD90281E6')]);
    await waitFor(() => consumer.stats.deleted === 1, 'the newer event');
    await sendAll(sqs, queue.url, [body('a.txt', '0055AED6DCD90281E5')]);
    await waitFor(() => consumer.stats.deleted === 2, 'the older event');
    await sendAll(sqs, queue.url, [body('b.txt', '0055AED6DCD90281E1')]);
    await waitFor(() => consumer.stats.deleted === 3, 'the other key');
    await consumer.stop();

    // Assert
    expect(seen).toEqual(['a.txt@0055AED6DCD90281E6', 'b.txt@0055AED6DCD90281E1']);
    expect(reports.map((r) => [r.outcome, r.handled, r.skipped])).toEqual([
      ['handled', 1, 0],
      ['skipped', 0, 1],
      ['handled', 1, 0],
    ]);
    expect(await queueDepth(sqs, queue.url)).toEqual({ visible: 0, inFlight: 0 });
  });
});

describe('two consumers sharing a DynamoDB dedupe table (dynalite)', () => {
  it('handle each event exactly once, whichever consumer receives which copy', async () => {
    // Arrange: 40 events, each delivered three times, shuffled, on one queue
    const EVENTS = 40;
    const COPIES = 3;
    const queue = await createQueue(sqs, 'dedupe-dynamo');
    const tableName = await dynamo.createTable(uniqueName('dedupe'));
    const keys = Array.from({ length: EVENTS }, (_, i) => `shared/file-${i}.csv`);
    const bodies = keys.flatMap((key) => Array.from({ length: COPIES }, () => body(key)));
    bodies.sort(() => Math.random() - 0.5);
    const handled = new Map<string, string[]>(); // key → the consumers that handled it
    const consumerOf = (name: string) =>
      subscribe({ dedupe: { store: dynamoDbStore({ tableName, client: dynamo.client }) } }, async (event) => {
        await sleep(5 + Math.random() * 20);
        handled.set(event.key, [...(handled.get(event.key) ?? []), name]);
      });

    // Act: two subscriptions (two processes, in effect: nothing shared but the table)
    const first = consume(consumerOf('first'), queue.url, { concurrency: 8, retryDelay: 0 });
    const second = consume(consumerOf('second'), queue.url, { concurrency: 8, retryDelay: 0 });
    await sendAll(sqs, queue.url, bodies);
    await waitFor(() => first.consumer.stats.deleted + second.consumer.stats.deleted === bodies.length, 'every copy deleted', 30_000);
    await Promise.all([first.consumer.stop(), second.consumer.stop()]);

    // Assert
    expect([...handled.keys()].sort()).toEqual([...keys].sort());
    expect([...handled.values()].filter((by) => by.length !== 1)).toEqual([]);
    expect(first.consumer.stats.skipped + second.consumer.stats.skipped).toBe(EVENTS * (COPIES - 1));
    expect(await queueDepth(sqs, queue.url)).toEqual({ visible: 0, inFlight: 0 });
  }, 60_000);
});
