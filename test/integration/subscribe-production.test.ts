/**
 * The consumer as a production worker sees it, on a real local SQS server (fauxqs over HTTP): a
 * worker bundled into one file by esbuild and run from a folder without node_modules, fatal
 * conditions that end the process with a non-zero code, the health signal, the handler timeout,
 * one log line per failure without the body, and no MaxListenersExceededWarning at concurrency 1 000.
 */
import { build } from 'esbuild';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HandlerAbortedError, subscribe, type SqsConsumerError } from 's3-event-kit';
import { asS3Event, s3Record } from 's3-event-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoint, sqsClient } from '../setup/aws.js';
import { recordingLogger, type LogLine } from '../subscribe/recording-logger.js';
import { createQueue, queueDepth, sendAll, sleep, waitFor } from './sqs-helpers.js';

const sqs = sqsClient();
afterAll(() => sqs.destroy());
const root = fileURLToPath(new URL('../..', import.meta.url));
const body = (key: string): string => JSON.stringify(asS3Event(s3Record({ key })));

describe('a worker bundled into one file (esbuild), run from a folder without node_modules', () => {
  // Outside the repository: no node_modules anywhere up the tree, as in a slim Docker image.
  const dir = mkdtempSync(join(tmpdir(), 's3-event-kit-bundled-'));
  const bundle = join(dir, 'worker.cjs');

  beforeAll(async () => {
    writeFileSync(
      join(dir, 'worker.ts'),
      `
      import { ChangeMessageVisibilityBatchCommand, DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
      import { subscribe } from 's3-event-kit';

      const [queueUrl, endpoint, mode, expected] = process.argv.slice(2);
      const client = new SQSClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
      const commands = mode === 'with-commands' ? { ReceiveMessageCommand, DeleteMessageBatchCommand, ChangeMessageVisibilityBatchCommand } : undefined;
      let handled = 0;
      const consumer = subscribe({}, async (event) => {
        console.log(JSON.stringify({ handled: event.key }));
        if (++handled === Number(expected)) void consumer.stop();
      }).start({ queueUrl, client, commands, waitTimeSeconds: 1 });
      // A fatal condition rejects 'stopped': unhandled, it ends the process with a non-zero code.
      void consumer.stopped.then(() => client.destroy());
      `,
    );
    await build({
      entryPoints: [join(dir, 'worker.ts')],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      logLevel: 'silent',
      alias: { 's3-event-kit': join(root, 'src/index.ts') },
      nodePaths: [join(root, 'node_modules')],
    });
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      execFile(process.execPath, [bundle, ...args], { cwd: dir, timeout: 30_000, env: { ...process.env, LOG_LEVEL: 'info' } }, (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
      );
    });

  it('handles and deletes every message when given the SDK command classes', async () => {
    // Arrange
    const queue = await createQueue(sqs, 'bundled');
    await sendAll(sqs, queue.url, ['a.txt', 'b.txt', 'c.txt'].map(body));

    // Act
    const result = await run([queue.url, endpoint(), 'with-commands', '3']);

    // Assert
    expect(result.stderr).not.toContain('resolveMiddleware');
    expect(result.code).toBe(0);
    const keys = result.stdout.split('\n').flatMap((line) => (line.startsWith('{"handled"') ? [(JSON.parse(line) as { handled: string }).handled] : []));
    expect(keys.sort()).toEqual(['a.txt', 'b.txt', 'c.txt']);
    expect(await queueDepth(sqs, queue.url)).toEqual({ visible: 0, inFlight: 0 });
  }, 60_000);

  it('fails at once with a non-zero exit and a MissingPeerDependencyError naming the bundle, without the commands', async () => {
    // Arrange
    const queue = await createQueue(sqs, 'bundled-no-commands');
    await sendAll(sqs, queue.url, [body('a.txt')]);

    // Act
    const result = await run([queue.url, endpoint(), 'without-commands', '1']);

    // Assert: not one poll with commands the client cannot send; the message is still there
    expect(result.code).not.toBe(0);
    expect(result.stderr).not.toContain('resolveMiddleware');
    expect(result.stderr).toContain('MissingPeerDependencyError');
    expect(result.stderr).toContain('bundled into one file');
    expect(await queueDepth(sqs, queue.url)).toEqual({ visible: 1, inFlight: 0 });
  }, 60_000);
});

describe('fatal conditions and the health signal', () => {
  it('a missing queue is fatal: one error line, the fatal event, stopped rejects, never healthy', async () => {
    // Arrange
    const lines: LogLine[] = [];
    const queueUrl = `${endpoint()}/000000000000/no-such-queue-${Date.now()}`;
    const fatal: SqsConsumerError[] = [];
    const consumer = subscribe({ logger: recordingLogger(lines) }, async () => {}).start({ queueUrl, client: sqs, waitTimeSeconds: 1 });
    consumer.on('fatal', (error) => fatal.push(error));

    // Act
    const error = await consumer.stopped.then(
      () => undefined,
      (e: unknown) => e as SqsConsumerError,
    );

    // Assert
    expect(error).toBe(fatal[0]);
    expect(error?.code).toBe('QueueDoesNotExist');
    expect(error?.operation).toBe('ReceiveMessage');
    expect(lines.filter(([level]) => level === 'error')).toHaveLength(1);
    expect(consumer.healthy).toBe(false);
    expect(consumer.running).toBe(false);
  }, 30_000);

  it('is healthy once it has received from the queue, and says ready once', async () => {
    // Arrange
    const queue = await createQueue(sqs, 'ready');
    let ready = 0;
    const consumer = subscribe({ logger: recordingLogger([]) }, async () => {}).start({ queueUrl: queue.url, client: sqs, waitTimeSeconds: 1 });
    consumer.on('ready', () => ready++);
    expect(consumer.healthy).toBe(false);

    // Act
    await waitFor(() => consumer.healthy, 'healthy');
    await sleep(1_200); // a few more empty receives
    await consumer.stop();

    // Assert
    expect(ready).toBe(1);
    expect(consumer.healthy).toBe(false);
    await expect(consumer.stopped).resolves.toBeUndefined();
  }, 30_000);
});

describe('handlerTimeout, logging and listeners in the consumer', () => {
  it('fails a handler that runs past handlerTimeout: its signal fires with reason timeout, the message comes back', async () => {
    // Arrange
    const queue = await createQueue(sqs, 'timeout', { visibilityTimeout: 2 });
    await sendAll(sqs, queue.url, [body('slow.bin')]);
    const reasons: unknown[] = [];
    const receiveCounts: Array<number | undefined> = [];
    const lines: LogLine[] = [];
    const consumer = subscribe({ logger: recordingLogger(lines) }, async (_event, ctx) => {
      receiveCounts.push(ctx.receiveCount);
      if (ctx.receiveCount === 1) {
        await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve));
        reasons.push(ctx.signal.reason);
        await new Promise(() => {}); // ignores the signal: runs on in the background
      }
    }).start({ queueUrl: queue.url, client: sqs, waitTimeSeconds: 1, visibilityTimeout: 2, handlerTimeout: 300, retryDelay: 0 });

    // Act
    await waitFor(() => consumer.stats.handled === 1, 'the second delivery handled', 20_000);
    await consumer.stop();

    // Assert
    expect(receiveCounts).toEqual([1, 2]);
    expect(reasons[0]).toBeInstanceOf(HandlerAbortedError);
    expect((reasons[0] as HandlerAbortedError).reason).toBe('timeout');
    const errors = lines.filter(([level]) => level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.[1]).toContain('handlerTimeout (300 ms)');
    expect(errors[0]?.[2]).toMatchObject({ transport: 'sqs', key: 'slow.bin', receiveCount: 1 });
  }, 30_000);

  it('logs one line per bad message, without its body, with a path inside the message', async () => {
    // Arrange
    const queue = await createQueue(sqs, 'bad-body', { visibilityTimeout: 1 });
    const secret = 'customer 4111-1111-1111-1111 personal data';
    const [id] = await sendAll(sqs, queue.url, [JSON.stringify({ Records: [{ eventSource: 'aws:s3', note: secret }] })]);
    const lines: string[] = [];
    const subscription = subscribe({}, async () => {});
    const { jsonLogger } = await import('s3-event-kit');
    const consumer = subscription.start({
      queueUrl: queue.url,
      client: sqs,
      waitTimeSeconds: 1,
      onInvalid: 'fail',
      logger: jsonLogger({ level: 'warn', write: (line) => lines.push(line) }),
    });

    // Act
    await waitFor(() => consumer.stats.failed >= 1, 'the bad message failed');
    await consumer.stop();

    // Assert
    const failures = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line['messageId'] === id);
    expect(failures).toHaveLength(1);
    expect(lines.join('\n')).not.toContain('4111');
    expect(failures[0]).toMatchObject({ level: 'error', messageId: id, transport: 'sqs', error: { name: 'S3EventParseError' } });
    expect((failures[0]?.['error'] as { path: string }).path).toMatch(/^Body/);
  }, 30_000);

  it('prints no MaxListenersExceededWarning at concurrency 1 000', async () => {
    // Arrange
    const queue = await createQueue(sqs, 'listeners');
    await sendAll(sqs, queue.url, Array.from({ length: 200 }, (_, i) => body(`k-${i}`)));
    const warnings: Error[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning);
    process.on('warning', onWarning);
    let handled = 0;
    const consumer = subscribe({ logger: recordingLogger([]) }, async (_event, ctx) => {
      ctx.signal.addEventListener('abort', () => {}); // every handler listens to its signal, as fetch(…, { signal }) does
      await sleep(50);
      handled++;
    }).start({ queueUrl: queue.url, client: sqs, waitTimeSeconds: 1, concurrency: 1_000 });

    // Act
    await waitFor(() => handled === 200, 'all handled', 30_000);
    await sleep(1_500); // the empty long polls of 100 receive calls in flight
    await consumer.stop();
    process.off('warning', onWarning);

    // Assert
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
  }, 60_000);
});
