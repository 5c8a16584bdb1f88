/**
 * subscribeBatch()'s `rateLimit`, on a real local SQS server (fauxqs over HTTP): counted in events,
 * a batch takes one token per event before it starts; messages waiting for their batch's turn keep
 * their visibility (the heartbeat), so none is delivered twice.
 */
import { subscribeBatch, type SqsClientLike } from 's3-event-kit';
import { asS3Event, s3Record } from 's3-event-kit/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { recordingLogger, type LogLine } from '../subscribe/recording-logger.js';
import { sqsClient } from '../setup/aws.js';
import { createQueue, queueDepth, sendAll, waitFor } from './sqs-helpers.js';

const sqs = sqsClient();
afterAll(() => sqs.destroy());

/** The most events started within any window of `ms` (half-open: [t, t + ms)), from (time, events) calls. */
function mostEventsInWindow(calls: ReadonlyArray<{ at: number; events: number }>, ms: number): number {
  const sorted = [...calls].sort((a, b) => a.at - b.at);
  let most = 0;
  for (let i = 0; i < sorted.length; i++) {
    let sum = 0;
    for (let j = i; j < sorted.length && (sorted[j]?.at as number) - (sorted[i]?.at as number) < ms; j++) sum += sorted[j]?.events ?? 0;
    most = Math.max(most, sum);
  }
  return most;
}

describe('subscribeBatch() rateLimit, on a real local SQS server', () => {
  it('hands 40 events over at 10 events a second in batches of 10: never more than 10 in a second, none delivered twice', async () => {
    // Arrange: a 2 s visibility, while the last batch waits ~3 s for its tokens
    const queue = await createQueue(sqs, 'batch-rate-limit', { visibilityTimeout: 2 });
    const ids = await sendAll(sqs, queue.url, Array.from({ length: 40 }, (_, i) => JSON.stringify(asS3Event(s3Record({ key: `k${i}` })))));
    const calls: Array<{ at: number; events: number }> = [];
    const deliveries: Array<{ messageId: string | undefined; receiveCount: number | undefined; at: number }> = [];
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
    const consumer = subscribeBatch({ logger: recordingLogger(lines) }, async (events, ctx) => {
      const at = Date.now();
      calls.push({ at, events: events.length });
      for (const event of events) deliveries.push({ messageId: ctx.of(event).messageId, receiveCount: ctx.of(event).receiveCount, at });
    }).start({
      queueUrl: queue.url,
      client,
      concurrency: 20,
      maxBatchSize: 10,
      batchWindowMs: 3_000,
      waitTimeSeconds: 1,
      visibilityTimeout: 2,
      rateLimit: { perSecond: 10 },
    });

    // Act
    await waitFor(() => consumer.stats.deleted === 40, 'all 40 deleted', 30_000);
    await consumer.stop();

    // Assert: each message handled once, on its first delivery
    expect(deliveries.map((d) => d.messageId).sort()).toEqual([...ids].sort());
    expect(deliveries.every((d) => d.receiveCount === 1)).toBe(true);
    expect(consumer.stats).toMatchObject({ received: 40, handled: 40, failed: 0, deleted: 40 });
    expect(await queueDepth(sqs, queue.url)).toEqual({ visible: 0, inFlight: 0 });
    expect(calls.map((c) => c.events)).toEqual([10, 10, 10, 10]);
    // never more than 10 events started in a second: the window is 100 ms short of a second to allow
    // for the time between taking the tokens and the handler's first line (batches of 10 are due
    // 1 000 ms apart, so a second batch in any 900 ms window is a bug, not jitter)
    expect(mostEventsInWindow(calls, 900)).toBeLessThanOrEqual(10);
    // …and the rate holds over the run: the 4th batch can only start 3 s after the 1st
    expect((calls[3]?.at as number) - (calls[0]?.at as number)).toBeGreaterThanOrEqual(2_950);
    // some messages waited longer than their 2 s visibility, and still were not delivered again
    const waited = deliveries.map((d) => d.at - (receivedAt.get(d.messageId as string) as number));
    expect(Math.max(...waited)).toBeGreaterThan(2_000);
    // throttling is said at debug level, once per spell
    expect(lines.filter(([, message]) => message.startsWith('rateLimit reached')).every(([level]) => level === 'debug')).toBe(true);
  }, 45_000);
});
