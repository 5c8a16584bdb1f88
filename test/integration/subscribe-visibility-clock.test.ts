import { subscribe } from 's3-event-kit';
import { asS3Event, s3Record } from 's3-event-kit/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { sqsClient } from '../setup/aws.js';
import { createQueue, queueDepth, sendAll, sleep, waitFor } from './sqs-helpers.js';

const sqs = sqsClient();
afterAll(() => sqs.destroy());

describe.concurrent('visibility clock, on a real local SQS server', () => {
  it('a message that arrives late in a long poll keeps its visibility: the heartbeat extends it, the signal does not fire', async () => {
    // Arrange: a 2 s visibility timeout, long polls of 10 s on an empty queue, a 3 s handler
    const queue = await createQueue(sqs, 'late-in-poll', { visibilityTimeout: 2 });
    let calls = 0;
    let reason: unknown;
    const consumer = subscribe({}, async (_, ctx) => {
      calls++;
      await sleep(3000);
      if (ctx.signal.aborted) {
        reason = ctx.signal.reason;
        throw ctx.signal.reason;
      }
    }).start({ queueUrl: queue.url, client: sqs, waitTimeSeconds: 10, visibilityTimeout: 2, concurrency: 1, batchSize: 1 });

    // Act: the message arrives 3 s into the pending long poll, i.e. after "sent + visibility timeout"
    await sleep(3000);
    await sendAll(sqs, queue.url, [JSON.stringify(asS3Event(s3Record()))]);
    await waitFor(() => consumer.stats.deleted + consumer.stats.failed >= 1, 'the message to be settled', 15_000);
    await consumer.stop();

    // Assert: SQS hid it for 2 s from when it was delivered, and the heartbeat kept it hidden
    expect(reason).toBeUndefined();
    expect(consumer.stats).toMatchObject({ handled: 1, failed: 0, deleted: 1 });
    expect(calls).toBe(1);
    expect(await queueDepth(sqs, queue.url)).toEqual({ visible: 0, inFlight: 0 });
  }, 30_000);
});
