/**
 * subscribeBatch()'s worker where the local server cannot take it: several messages of one FIFO
 * group in one receive (fauxqs hands out one per group). Everything else: test/integration/subscribe-batch.test.ts.
 */
import { subscribeBatch, type MessageOutcome } from 's3-event-kit';
import { asS3Event, s3Record } from 's3-event-kit/testing';
import { describe, expect, it } from 'vitest';
import { message, StubSqs } from './stub-sqs.js';

const queueUrl = 'https://sqs.us-east-1.amazonaws.com/123456789012/events.fifo';
const s3Body = (key: string) => JSON.stringify(asS3Event(s3Record({ key })));
const fifo = (id: string, group: string) => message(id, s3Body(id), { MessageGroupId: group });

async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const deleted = (sqs: StubSqs): string[] =>
  sqs.named('DeleteMessageBatchCommand').flatMap((c) => (c.input['Entries'] as Array<{ ReceiptHandle: string }>).map((e) => e.ReceiptHandle.replace('handle-', '')));

describe('subscribeBatch() worker, FIFO groups with several messages in one receive', () => {
  it("hands a group's messages over in order in one call; after a failure, the group's later messages are not deleted", async () => {
    // Arrange
    const sqs = new StubSqs();
    sqs.batches.push([fifo('a0', 'A'), fifo('b0', 'B'), fifo('a1', 'A'), fifo('b1', 'B'), fifo('a2', 'A')]);
    const calls: string[][] = [];
    const outcomes: Record<string, MessageOutcome> = {};
    const consumer = subscribeBatch({}, async (events) => {
      calls.push(events.map((e) => e.key));
      return { failed: events.filter((e) => e.key === 'a1').map((event) => ({ event })) };
    })
      .start({ queueUrl, client: sqs })
      .on('handlerError', () => {})
      .on('message', (r) => (outcomes[r.messageId as string] = r.outcome));

    // Act
    await until(() => Object.keys(outcomes).length === 5);
    await consumer.stop();

    // Assert
    expect(calls).toEqual([['a0', 'b0', 'a1', 'b1', 'a2']]);
    expect(outcomes).toEqual({ a0: 'handled', b0: 'handled', a1: 'failed', b1: 'handled', a2: 'failed' });
    expect(deleted(sqs).sort()).toEqual(['a0', 'b0', 'b1']);
  });

  it("keeps a group's later messages for the next batch while its earlier one is being handled", async () => {
    // Arrange: a second receive brings a1 while a0's batch runs
    const sqs = new StubSqs();
    sqs.batches.push([fifo('a0', 'A')]);
    const calls: string[][] = [];
    let release: () => void = () => {};
    const firstRunning = new Promise<void>((resolve) => (release = resolve));
    const consumer = subscribeBatch({}, async (events) => {
      calls.push(events.map((e) => e.key));
      if (events.some((e) => e.key === 'a0')) {
        sqs.batches.push([fifo('a1', 'A'), fifo('b0', 'B')]);
        await firstRunning;
      }
    }).start({ queueUrl, client: sqs, concurrency: 20, waitTimeSeconds: 0 });

    // Act
    await until(() => calls.length === 2);
    const whileA0Runs = calls.map((c) => [...c]);
    release();
    await until(() => calls.length === 3);
    await consumer.stop();

    // Assert
    expect(whileA0Runs).toEqual([['a0'], ['b0']]);
    expect(calls[2]).toEqual(['a1']);
    expect(deleted(sqs).sort()).toEqual(['a0', 'a1', 'b0']);
  });
});
