import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { buildApp } from 'fauxqs';
import { createServer } from 'node:net';
import { subscribe, SqsConsumerError } from 's3-event-kit';
import { asS3Event, s3Record } from 's3-event-kit/testing';
import { describe, expect, it } from 'vitest';
import { sendAll, sleep, waitFor } from './sqs-helpers.js';

/** A free loopback port, picked once so the server can come back on it. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** A fauxqs server of this test's own, on a fixed port, so it can be stopped and started again. */
async function startServer(port: number): Promise<{ close: () => Promise<void> }> {
  const app = buildApp({ logger: false });
  await app.listen({ port, host: '127.0.0.1' });
  return { close: () => app.close() };
}

describe('server restart, on a real local SQS server', () => {
  it('survives the server going away mid-run (typed errors, back-off) and resumes when it is back', async () => {
    // Arrange
    const port = await freePort();
    let server = await startServer(port);
    const sqs = new SQSClient({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const createQueue = async () => (await sqs.send(new CreateQueueCommand({ QueueName: 'restart', Attributes: { VisibilityTimeout: '5' } }))).QueueUrl as string;
    const queueUrl = await createQueue();
    const handled = new Set<string>();
    const errors: SqsConsumerError[] = [];
    const consumer = subscribe({}, async (event) => {
      await sleep(2);
      handled.add(event.key);
    }).start({ queueUrl, client: sqs, concurrency: 8, waitTimeSeconds: 1, errorBackoff: { initialDelay: 20, maxDelay: 300 } });
    consumer.on('error', (error) => errors.push(error));
    const body = (key: string) => JSON.stringify(asS3Event(s3Record({ key })));

    try {
      // Act 1: traffic, then the server stops while messages are in flight
      await sendAll(sqs, queueUrl, Array.from({ length: 300 }, (_, i) => body(`before-${i}`)));
      await waitFor(() => handled.size >= 50, 'some messages handled before the outage');
      await server.close();
      await waitFor(() => errors.filter((e) => e.operation === 'ReceiveMessage').length >= 3, 'failed polls while the server is down');
      const whileDown = errors.length;
      await sleep(300);

      // Act 2: the server comes back, with the same queue (fauxqs keeps no state: the first messages are gone)
      server = await startServer(port);
      expect(await createQueue()).toBe(queueUrl);
      await sendAll(sqs, queueUrl, Array.from({ length: 100 }, (_, i) => body(`after-${i}`)));
      await waitFor(() => [...handled].filter((k) => k.startsWith('after-')).length === 100, 'every message sent after the restart', 15_000);

      // Assert
      expect(consumer.running).toBe(true);
      expect(errors.every((e) => e instanceof SqsConsumerError && e.name === 'SqsConsumerError')).toBe(true);
      const receive = errors.find((e) => e.operation === 'ReceiveMessage');
      expect(receive?.queueUrl).toBe(queueUrl);
      expect(receive?.code).toMatch(/ECONNREFUSED|ECONNRESET|TimeoutError|socket hang up/);
      expect(receive?.message).toContain(`ReceiveMessage failed on ${queueUrl}`);
      // back-off: a few failed polls per second, not a busy loop (maxDelay 300 ms, full jitter)
      expect(whileDown).toBeLessThan(200);
      await consumer.stop();
      expect(consumer.stats.inFlight).toBe(0);
    } finally {
      await consumer.stop();
      sqs.destroy();
      await server.close();
    }
  }, 40_000);
});
