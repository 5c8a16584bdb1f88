/**
 * The consumer's `rateLimit`, on a real local SQS server (fauxqs over HTTP): handler starts are
 * paced, and messages waiting for their turn keep their visibility (the heartbeat), so none is
 * delivered twice even when they wait longer than their visibility timeout.
 */
import { subscribe, type SqsClientLike } from 's3-event-kit';
import { asS3Event, s3Record } from 's3-event-kit/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { recordingLogger, type LogLine } from '../subscribe/recording-logger.js';
import { sqsClient } from '../setup/aws.js';
import { createQueue, queueDepth, sendAll, waitFor } from './sqs-helpers.js';

const sqs = sqsClient();
afterAll(() => sqs.destroy());

/** The most start times within any window of `ms` (half-open: [t, t + ms)). */
function mostInWindow(starts: readonly number[], ms: number): number {
  const sorted = [...starts].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; j < sorted.length; j++) {
    while ((sorted[j] as number) - (sorted[i] as number) >= ms) i++;
    most = Math.max(most, j - i + 1);
  }
  return most;
}

describe('rateLimit, on a real local SQS server', () => {
  it('starts 50 messages at 5 per second, never more than burst in a second, none delivered twice while waiting', async () => {
    // Arrange: a 2 s visibility, while held messages wait up to ~4 s (concurrency 10 holds up to 19)
    const queue = await createQueue(sqs, 'rate-limit', { visibilityTimeout: 2 });
    const ids = await sendAll(sqs, queue.url, Array.from({ length: 50 }, (_, i) => JSON.stringify(asS3Event(s3Record({ key: `k${i}` })))));
    const starts: number[] = [];
    const deliveries: Array<{ messageId: string | undefined; receiveCount: number | undefined }> = [];
    const receivedAt = new Map<string, number>();
    // The real client, observed: when each message arrived (every call still goes to fauxqs)
    const client: SqsClientLike = {
      async send(command, options) {
        const output = (await sqs.send(command as never, options)) as { Messages?: Array<{ MessageId?: string }> } | undefined;
        for (const m of output?.Messages ?? []) if (m.MessageId && !receivedAt.has(m.MessageId)) receivedAt.set(m.MessageId, Date.now());
        return output;
      },
    };
    const lines: LogLine[] = [];
    const consumer = subscribe({ logger: recordingLogger(lines) }, async (_, ctx) => {
      starts.push(Date.now());
      deliveries.push({ messageId: ctx.messageId, receiveCount: ctx.receiveCount });
    }).start({ queueUrl: queue.url, client, concurrency: 10, waitTimeSeconds: 1, visibilityTimeout: 2, rateLimit: { perSecond: 5 } });

    // Act
    await waitFor(() => consumer.stats.deleted === 50, 'all 50 deleted', 30_000);
    await consumer.stop();

    // Assert: each message handled once, on its first delivery
    expect(deliveries.map((d) => d.messageId).sort()).toEqual([...ids].sort());
    expect(deliveries.every((d) => d.receiveCount === 1)).toBe(true);
    expect(consumer.stats).toMatchObject({ received: 50, handled: 50, failed: 0, deleted: 50 });
    expect(await queueDepth(sqs, queue.url)).toEqual({ visible: 0, inFlight: 0 });
    // never more than burst (5) starts in a second; the window is 100 ms short of a second to allow
    // for the time between taking a token and the handler's first line (evenly spaced starts are
    // 200 ms apart, so 6 starts span a second: a 6th in any window is a bug, not jitter)
    expect(mostInWindow(starts, 900)).toBeLessThanOrEqual(5);
    // …and the rate holds over the whole run: 50 starts at 5/s span 9.8 s
    const sorted = [...starts].sort((a, b) => a - b);
    expect((sorted[49] as number) - (sorted[0] as number)).toBeGreaterThanOrEqual(9700);
    // some messages waited longer than their 2 s visibility, and still were not delivered again
    const waited = deliveries.map((d, i) => (starts[i] as number) - (receivedAt.get(d.messageId as string) as number));
    expect(Math.max(...waited)).toBeGreaterThan(2000);
    // throttling is said once, at debug level
    expect(lines.filter(([, message]) => message.startsWith('rateLimit reached')).map(([level]) => level)).toEqual(['debug']);
  }, 45_000);

  it('without the heartbeat, a message that waits past its visibility is let go and delivered again (the control case)', async () => {
    // Arrange: 1 s visibility, 20 messages at 5/s: the later ones wait more than a second
    const queue = await createQueue(sqs, 'rate-limit-no-heartbeat', { visibilityTimeout: 1 });
    await sendAll(sqs, queue.url, Array.from({ length: 20 }, (_, i) => JSON.stringify(asS3Event(s3Record({ key: `k${i}` })))));
    const receiveCounts: Array<number | undefined> = [];
    const consumer = subscribe({}, async (_, ctx) => void receiveCounts.push(ctx.receiveCount)).start({
      queueUrl: queue.url,
      client: sqs,
      concurrency: 10,
      waitTimeSeconds: 1,
      visibilityTimeout: 1,
      heartbeatInterval: false,
      rateLimit: { perSecond: 5 },
    });

    // Act
    await waitFor(() => consumer.stats.deleted === 20, 'all 20 deleted', 30_000);
    await consumer.stop();

    // Assert: some were not started in time, failed unhandled, and came back
    expect(consumer.stats.failed).toBeGreaterThan(0);
    expect(receiveCounts.some((count) => (count ?? 1) > 1)).toBe(true);
  }, 45_000);
});
