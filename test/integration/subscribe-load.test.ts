import { subscribe, type S3EventConsumer } from 's3-event-kit';
import { asS3Event, s3Record } from 's3-event-kit/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { sqsClient } from '../setup/aws.js';
import { createQueue, observe, queueDepth, sendAll, waitFor } from './sqs-helpers.js';

const sqs = sqsClient();
afterAll(() => sqs.destroy());

const COUNT = 10_000;

/** One S3 notification per message, each with its own key. */
function bodies(count: number, prefix: string): string[] {
  const template = asS3Event(s3Record({ name: 'ObjectCreated:Put', bucket: 'load', key: `${prefix}/KEY`, size: 1 }));
  const json = JSON.stringify(template);
  return Array.from({ length: count }, (_, i) => json.replace('KEY', String(i)));
}

describe('subscribe().start() under load, on a real local SQS server', () => {
  it.concurrent.each([1, 8, 32])(
    'handles 10 000 messages with concurrency %i, deleting none before its handler finished',
    async (concurrency) => {
      // Arrange
      const queue = await createQueue(sqs, `load-${concurrency}`);
      const finished = new Set<string>(); // receipt handles whose handler finished
      const handledKeys = new Set<string>();
      let running = 0;
      let peak = 0;
      let peakPolls = 0;
      let consumer: S3EventConsumer | undefined;
      const early: string[] = [];
      let deleteCalls = 0;
      const client = observe(sqs, (command) => {
        if (command.name !== 'DeleteMessageBatchCommand') return;
        deleteCalls++;
        for (const entry of command.input['Entries'] as Array<{ ReceiptHandle: string }>) {
          if (!finished.has(entry.ReceiptHandle)) early.push(entry.ReceiptHandle);
        }
      });
      const subscription = subscribe({ events: ['ObjectCreated:*'] }, async (event) => {
        peak = Math.max(peak, ++running);
        peakPolls = Math.max(peakPolls, consumer?.stats.polls ?? 0);
        await Promise.resolve(); // an await, as real handlers have
        handledKeys.add(event.key);
        running--;
        finished.add(event.receiptHandle as string);
      });

      // Act: consume while the messages are being sent
      const started = performance.now();
      const live = (consumer = subscription.start({ queueUrl: queue.url, client, concurrency, waitTimeSeconds: 1 }));
      await sendAll(sqs, queue.url, bodies(COUNT, `c${concurrency}`));
      await waitFor(() => live.stats.deleted === COUNT, `${COUNT} deletes`, 60_000);
      const seconds = (performance.now() - started) / 1000;
      await live.stop();

      // Assert
      expect(early).toEqual([]);
      expect(handledKeys.size).toBe(COUNT);
      expect(live.stats).toMatchObject({ received: COUNT, handled: COUNT, failed: 0, deleted: COUNT, inFlight: 0 });
      expect(peak).toBeLessThanOrEqual(concurrency);
      // several polls in flight: as many as it takes to keep `concurrency` handlers fed
      expect(peakPolls).toBeLessThanOrEqual(Math.floor(concurrency / 10) + 1);
      if (concurrency >= 20) expect(peakPolls).toBeGreaterThan(1);
      expect(deleteCalls).toBeLessThan(COUNT / 2); // batched, not one call per message
      expect(await queueDepth(sqs, queue.url)).toEqual({ visible: 0, inFlight: 0 });
      console.log(`concurrency ${concurrency}: ${COUNT} messages in ${seconds.toFixed(2)} s (${Math.round(COUNT / seconds)} msg/s), ${deleteCalls} DeleteMessageBatch calls, peak ${peak} handlers, ${peakPolls} polls`);
    },
    90_000,
  );
});
