import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { HandlerAbortedError, subscribe } from 's3-event-kit';
import { asS3Event, s3Record } from 's3-event-kit/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { sqsClient } from '../setup/aws.js';
import { createQueue, queueDepth, sendAll, sleep, waitFor } from './sqs-helpers.js';

const sqs = sqsClient();
afterAll(() => sqs.destroy());

/** Polls the queue like a second consumer would, without deleting, until `done()`; returns what it got. */
async function rival(queueUrl: string, done: () => boolean): Promise<string[]> {
  const got: string[] = [];
  while (!done()) {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 1, VisibilityTimeout: 1 }));
    got.push(...Messages.map((m) => m.MessageId as string));
  }
  return got;
}

describe.concurrent('heartbeat, on a real local SQS server', () => {
  it('keeps a message hidden while a handler slower than the visibility timeout runs, then deletes it', async () => {
    // Arrange: 1 s visibility, a 3.5 s handler
    const queue = await createQueue(sqs, 'heartbeat', { visibilityTimeout: 1 });
    let calls = 0;
    let finished = false;
    let aborted = false;
    const consumer = subscribe({}, async (_, ctx) => {
      calls++;
      ctx.signal.addEventListener('abort', () => (aborted = true));
      await sleep(3500);
      finished = true;
    }).start({ queueUrl: queue.url, client: sqs, waitTimeSeconds: 1, visibilityTimeout: 1 });

    // Act
    await sendAll(sqs, queue.url, [JSON.stringify(asS3Event(s3Record()))]);
    await waitFor(() => calls === 1, 'the handler to start');
    const stolen = await rival(queue.url, () => finished);
    await waitFor(() => consumer.stats.deleted === 1, 'the delete');
    await consumer.stop();

    // Assert
    expect(stolen).toEqual([]);
    expect(calls).toBe(1);
    expect(aborted).toBe(false);
    expect(await queueDepth(sqs, queue.url)).toEqual({ visible: 0, inFlight: 0 });
  }, 20_000);

  it('without the heartbeat, the message is delivered again while the handler runs and its signal fires', async () => {
    // Arrange: the control case, which shows the test above can fail
    const queue = await createQueue(sqs, 'no-heartbeat', { visibilityTimeout: 1 });
    let calls = 0;
    let finished = false;
    let reason: unknown;
    const consumer = subscribe({}, async (_, ctx) => {
      calls++;
      ctx.signal.addEventListener('abort', () => (reason = ctx.signal.reason));
      await sleep(2500);
      finished = true;
    }).start({ queueUrl: queue.url, client: sqs, waitTimeSeconds: 1, visibilityTimeout: 1, heartbeatInterval: false });

    // Act
    await sendAll(sqs, queue.url, [JSON.stringify(asS3Event(s3Record()))]);
    await waitFor(() => calls === 1, 'the handler to start');
    const stolen = await rival(queue.url, () => finished);
    await consumer.stop();

    // Assert: delivered again, to the rival or to the consumer itself
    expect(stolen.length + calls).toBeGreaterThan(1);
    expect(reason).toBeInstanceOf(HandlerAbortedError);
    expect((reason as HandlerAbortedError).reason).toBe('visibility');
  }, 20_000);
});
