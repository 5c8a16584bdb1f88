import { subscribe, type S3EventHandlerError } from 's3-event-kit';
import { asS3Event, s3Record } from 's3-event-kit/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { sqsClient } from '../setup/aws.js';
import { createQueue, drain, queueDepth, sendAll, waitFor } from './sqs-helpers.js';

const sqs = sqsClient();
afterAll(() => sqs.destroy());

describe('failures, redelivery and the DLQ, on a real local SQS server', () => {
  it('redelivers failed messages and lets the redrive policy move poison ones to the DLQ: handled + in DLQ = sent', async () => {
    // Arrange: 300 messages; every 10th always fails (poison), every 7th fails on its first delivery only
    const SENT = 300;
    const MAX_RECEIVES = 3;
    const queue = await createQueue(sqs, 'redrive', { visibilityTimeout: 2, dlq: { maxReceiveCount: MAX_RECEIVES } });
    const keys = Array.from({ length: SENT }, (_, i) => `file-${i}.csv`);
    const isPoison = (i: number) => i % 10 === 0;
    const isFlaky = (i: number) => i % 7 === 0 && !isPoison(i);
    const handled = new Map<string, number>(); // key → times the handler succeeded
    const attempts = new Map<string, number[]>(); // key → receive counts seen
    const errors: S3EventHandlerError[] = [];
    const subscription = subscribe({}, async (event, ctx) => {
      const i = Number(/file-(\d+)/.exec(event.key)?.[1]);
      attempts.set(event.key, [...(attempts.get(event.key) ?? []), ctx.receiveCount ?? 0]);
      if (isPoison(i)) throw new Error(`poison ${event.key}`);
      if (isFlaky(i) && ctx.receiveCount === 1) throw new Error(`flaky ${event.key}`);
      handled.set(event.key, (handled.get(event.key) ?? 0) + 1);
    });

    // Act: retryDelay 0 makes a failed message visible again at once
    const consumer = subscription
      .start({ queueUrl: queue.url, client: sqs, concurrency: 16, waitTimeSeconds: 1, visibilityTimeout: 2, retryDelay: 0 })
      .on('handlerError', (error) => errors.push(error));
    await sendAll(sqs, queue.url, keys.map((key) => JSON.stringify(asS3Event(s3Record({ key })))));
    const poison = keys.filter((_, i) => isPoison(i));
    await waitFor(async () => (await queueDepth(sqs, queue.dlq?.url as string)).visible === poison.length, 'every poison message in the DLQ', 30_000);
    await waitFor(() => handled.size === SENT - poison.length, 'every other message handled');
    await consumer.stop();
    const inDlq = await drain(sqs, queue.dlq?.url as string);

    // Assert
    const dlqKeys = inDlq.map((m) => (JSON.parse(m.Body as string) as { Records: Array<{ s3: { object: { key: string } } }> }).Records[0]?.s3.object.key);
    expect(dlqKeys.sort()).toEqual([...poison].sort());
    expect(handled.size + inDlq.length).toBe(SENT);
    expect([...handled.keys()].some((key) => poison.includes(key))).toBe(false);
    for (const key of poison) expect(attempts.get(key)).toEqual([1, 2, 3]);
    for (const [i, key] of keys.entries()) if (isFlaky(i)) expect(attempts.get(key)).toEqual([1, 2]);
    expect(errors.length).toBe(poison.length * MAX_RECEIVES + keys.filter((_, i) => isFlaky(i)).length);
    expect(errors[0]?.name).toBe('S3EventHandlerError');
    expect(await queueDepth(sqs, queue.url)).toEqual({ visible: 0, inFlight: 0 });
  }, 60_000);

  it('leaves a failed message invisible for its visibility timeout when no retryDelay is set', async () => {
    // Arrange
    const queue = await createQueue(sqs, 'no-retry-delay', { visibilityTimeout: 2 });
    const seenAt: number[] = [];
    const subscription = subscribe({}, async () => {
      seenAt.push(Date.now());
      if (seenAt.length === 1) throw new Error('first attempt fails');
    });
    const consumer = subscription.start({ queueUrl: queue.url, client: sqs, waitTimeSeconds: 1, visibilityTimeout: 1, heartbeatInterval: false });
    consumer.on('handlerError', () => {});

    // Act
    await sendAll(sqs, queue.url, [JSON.stringify(asS3Event(s3Record()))]);
    await waitFor(() => consumer.stats.deleted === 1, 'the retry to succeed');
    await consumer.stop();

    // Assert
    expect(seenAt).toHaveLength(2);
    expect((seenAt[1] as number) - (seenAt[0] as number)).toBeGreaterThanOrEqual(900);
  });
});
