import { ReceiveMessageCommand, type Message } from '@aws-sdk/client-sqs';
import { HandlerAbortedError, subscribe, type S3ObjectEvent } from 's3-event-kit';
import { asS3Event, s3Record } from 's3-event-kit/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { sqsClient } from '../setup/aws.js';
import { createQueue, observe, queueDepth, sendAll, sleep, waitFor, type SentCommand } from './sqs-helpers.js';

const sqs = sqsClient();
afterAll(() => sqs.destroy());

const body = (key: string) => JSON.stringify(asS3Event(s3Record({ key })));

describe('stop(), on a real local SQS server', () => {
  it('during load loses nothing: handlers finish, deletes are flushed, the rest is handled by the next consumer', async () => {
    // Arrange
    const SENT = 2000;
    const queue = await createQueue(sqs, 'stop-under-load', { visibilityTimeout: 2 });
    const keys = Array.from({ length: SENT }, (_, i) => `k${i}`);
    await sendAll(sqs, queue.url, keys.map(body));
    const handled: string[] = [];
    let running = 0;
    let stoppedAt = Infinity;
    const late: SentCommand[] = [];
    const client = observe(sqs, (command) => {
      if (command.at > stoppedAt) late.push(command);
    });
    const work = async (event: S3ObjectEvent) => {
      running++;
      await sleep(Math.random() * 4);
      handled.push(event.key);
      running--;
    };
    const first = subscribe({}, work).start({ queueUrl: queue.url, client, concurrency: 16, waitTimeSeconds: 1, visibilityTimeout: 2 });

    // Act
    await waitFor(() => handled.length >= 400, '400 handled');
    await first.stop();
    stoppedAt = Date.now();
    const runningAtStop = running;
    const handledByFirst = handled.length;
    await sleep(50);
    const second = subscribe({}, work).start({ queueUrl: queue.url, client: sqs, concurrency: 16, waitTimeSeconds: 1, visibilityTimeout: 2 });
    await waitFor(() => new Set(handled).size === SENT, 'every message handled', 30_000);
    await second.stop();

    // Assert
    expect(runningAtStop).toBe(0);
    expect(late).toEqual([]);
    expect(handled.length).toBe(SENT); // no message twice: everything the first handled was deleted before stop() resolved
    expect(new Set(handled)).toEqual(new Set(keys));
    expect(first.stats.handled).toBe(handledByFirst);
    expect(first.stats.deleted).toBe(handledByFirst);
    expect(first.stats.inFlight).toBe(0);
    expect(first.running).toBe(false);
    expect(await queueDepth(sqs, queue.url)).toEqual({ visible: 0, inFlight: 0 });
  }, 60_000);

  it('aborts handlers still running after stopTimeout, and leaves their messages for retry', async () => {
    // Arrange
    const queue = await createQueue(sqs, 'stop-timeout', { visibilityTimeout: 1 });
    let reason: unknown;
    let started = false;
    const consumer = subscribe({}, async (_, ctx) => {
      started = true;
      await new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject((reason = ctx.signal.reason))));
    }).start({ queueUrl: queue.url, client: sqs, waitTimeSeconds: 1, visibilityTimeout: 1, stopTimeout: 200 });
    consumer.on('handlerError', () => {});
    await sendAll(sqs, queue.url, [body('slow')]);
    await waitFor(() => started, 'the handler to start');

    // Act
    const t0 = Date.now();
    await consumer.stop();
    const took = Date.now() - t0;

    // Assert
    expect(took).toBeGreaterThanOrEqual(190);
    expect(took).toBeLessThan(1500);
    expect(reason).toBeInstanceOf(HandlerAbortedError);
    expect(reason).toMatchObject({ reason: 'stop' });
    expect(consumer.stats).toMatchObject({ failed: 1, deleted: 0 });
    // fauxqs applies visibility expiry on receive, so look with receives
    let back: Message | undefined;
    await waitFor(async () => {
      const out = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queue.url, WaitTimeSeconds: 1, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }),
      );
      back = out.Messages?.[0];
      return back !== undefined;
    }, 'the message to come back', 8_000);
    expect(Number(back?.Attributes?.['ApproximateReceiveCount'])).toBeGreaterThanOrEqual(2);
  }, 15_000);

  it('stops when its signal aborts, and stop() called twice returns the same promise', async () => {
    // Arrange
    const queue = await createQueue(sqs, 'stop-signal');
    const controller = new AbortController();
    const consumer = subscribe({}, async () => {}).start({ queueUrl: queue.url, client: sqs, waitTimeSeconds: 20, signal: controller.signal });
    let stoppedEvents = 0;
    consumer.on('stopped', () => stoppedEvents++);
    await waitFor(() => consumer.stats.polls > 0, 'a pending long poll');

    // Act
    const t0 = Date.now();
    controller.abort();
    await consumer.stopped;

    // Assert: the 20 s long poll did not hold stop() up
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(consumer.stop()).toBe(consumer.stop());
    expect(stoppedEvents).toBe(1);
    expect(consumer.running).toBe(false);
  });
});
