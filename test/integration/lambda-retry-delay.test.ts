/**
 * `retryDelay` in Lambda, on a real local SQS server (fauxqs over HTTP): messages are really
 * received from a queue (with a short visibility, as Lambda's poller would), wrapped as the Lambda
 * SQS records of that queue's ARN, and handed to the subscription; the failed ones must stay
 * hidden for the delay, then come back.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import { queueUrlFromArn, subscribe, type SqsClientLike } from 's3-event-kit';
import { asS3Event, s3Record } from 's3-event-kit/testing';
import { interceptLocalhostDns } from 'fauxqs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { recordingLogger, type LogLine } from '../subscribe/recording-logger.js';
import { sqsClient } from '../setup/aws.js';
import { createQueue, observe, queueDepth, sendAll, sleep, waitFor, type SentCommand, type TestQueue } from './sqs-helpers.js';

const sqs = sqsClient();
afterAll(() => {
  sqs.destroy();
  vi.unstubAllEnvs();
});

/** `queueUrlOf` for the local server: its queue URLs have its own origin. */
const localOf = (queue: TestQueue) => (arn: string): string | undefined => queueUrlFromArn(arn, { endpoint: new URL(queue.url).origin });

/**
 * What is visible in the queue now (received, with a long visibility, so it stays out of the next
 * look). fauxqs moves expired messages back when it is asked for messages, so looking is receiving.
 */
async function visibleNow(queue: TestQueue, waitSeconds = 0): Promise<Message[]> {
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 10, WaitTimeSeconds: waitSeconds, VisibilityTimeout: 60, MessageSystemAttributeNames: ['All'] }),
  );
  return Messages;
}

/** Sends one S3 notification per key, and receives them all with `visibility` seconds, as Lambda's poller would. */
async function receiveKeys(queue: TestQueue, keys: readonly string[], visibility = 1): Promise<Message[]> {
  await sendAll(sqs, queue.url, keys.map((key) => JSON.stringify(asS3Event(s3Record({ key })))));
  const got: Message[] = [];
  while (got.length < keys.length) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, VisibilityTimeout: visibility, MessageSystemAttributeNames: ['All'] }),
    );
    got.push(...Messages);
  }
  return got;
}

/** The Lambda SQS event of these messages, as the event source mapping of `queue` builds it. */
function lambdaEvent(queue: TestQueue, messages: readonly Message[], receiptHandle?: (m: Message) => string) {
  return {
    Records: messages.map((m) => ({
      messageId: m.MessageId as string,
      receiptHandle: receiptHandle?.(m) ?? (m.ReceiptHandle as string),
      body: m.Body as string,
      attributes: { ApproximateReceiveCount: m.Attributes?.ApproximateReceiveCount ?? '1', SentTimestamp: m.Attributes?.SentTimestamp ?? '0', SenderId: 'AIDA', ApproximateFirstReceiveTimestamp: '0' },
      messageAttributes: {},
      md5OfBody: m.MD5OfBody as string,
      eventSource: 'aws:sqs',
      eventSourceARN: queue.arn,
      awsRegion: 'us-east-1',
    })),
  };
}

const keyOf = (m: Message): string => (JSON.parse(m.Body as string) as { Records: [{ s3: { object: { key: string } } }] }).Records[0].s3.object.key;

/** Deletes what Lambda would delete after the invocation: the messages not named in batchItemFailures. */
async function deleteSucceeded(queue: TestQueue, messages: readonly Message[], failedIds: readonly string[]): Promise<void> {
  const done = messages.filter((m) => !failedIds.includes(m.MessageId as string));
  if (done.length === 0) return;
  await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queue.url, Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })) }));
}

const failOn = (bad: (key: string) => boolean) => async (event: { key: string }) => {
  if (bad(event.key)) throw new Error(`cannot process ${event.key}`);
};

describe.concurrent('retryDelay in Lambda, on a real local SQS server', () => {
  it('hides a failed message for the delay (one ChangeMessageVisibilityBatch), then it comes back', async () => {
    // Arrange: 3 messages received with a 1 s visibility; the handler fails one; retryDelay 3 s
    const queue = await createQueue(sqs, 'lambda-retry');
    const messages = await receiveKeys(queue, ['ok-1.jpg', 'bad.jpg', 'ok-2.jpg']);
    const bad = messages.find((m) => keyOf(m) === 'bad.jpg') as Message;
    const calls: SentCommand[] = [];
    const lines: LogLine[] = [];
    const handler = subscribe(
      { retryDelay: 3, sqsClient: observe(sqs, (c) => calls.push(c)), queueUrlOf: localOf(queue), logger: recordingLogger(lines) },
      failOn((key) => key === 'bad.jpg'),
    );

    // Act
    const before = Date.now();
    const response = await handler(lambdaEvent(queue, messages));
    await deleteSucceeded(queue, messages, [bad.MessageId as string]);

    // Assert: the answer, and the call
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: bad.MessageId }] });
    expect(calls.map((c) => c.name)).toEqual(['ChangeMessageVisibilityBatchCommand']);
    expect(calls[0]?.input).toEqual({ QueueUrl: queue.url, Entries: [{ Id: '0', ReceiptHandle: bad.ReceiptHandle, VisibilityTimeout: 3 }] });
    expect(lines.filter(([level]) => level === 'warn')).toEqual([]);
    // past the receive's 1 s visibility, it is still hidden…
    await sleep(before + 1500 - Date.now());
    expect(await visibleNow(queue)).toEqual([]);
    // …and it comes back after the delay (not before), counted as a second receive
    const back: Message[] = [];
    await waitFor(async () => back.push(...(await visibleNow(queue, 1))) > 0, 'the failed message to come back', 8000);
    expect(Date.now() - before).toBeGreaterThanOrEqual(2950);
    expect(back.map((m) => [m.MessageId, m.Attributes?.ApproximateReceiveCount])).toEqual([[bad.MessageId, '2']]);
  }, 20_000);

  it('without retryDelay, the failed message is back when the receive visibility ends (the control case)', async () => {
    // Arrange
    const queue = await createQueue(sqs, 'lambda-no-retry');
    const messages = await receiveKeys(queue, ['bad.jpg']);
    const calls: SentCommand[] = [];
    const handler = subscribe({ sqsClient: observe(sqs, (c) => calls.push(c)), queueUrlOf: localOf(queue) }, failOn(() => true));

    // Act
    const before = Date.now();
    const response = await handler(lambdaEvent(queue, messages));

    // Assert
    expect(response.batchItemFailures).toHaveLength(1);
    expect(calls).toEqual([]);
    await sleep(before + 1500 - Date.now());
    expect((await visibleNow(queue)).map((m) => m.MessageId)).toEqual([messages[0]?.MessageId]);
  }, 20_000);

  it('sends ten entries per call, and a function of the failure decides each delay', async () => {
    // Arrange: 12 failures; the delay grows with the key's number
    const queue = await createQueue(sqs, 'lambda-retry-many');
    const keys = Array.from({ length: 12 }, (_, i) => `bad-${i}.jpg`);
    const messages = await receiveKeys(queue, keys);
    const calls: SentCommand[] = [];
    const seen: Array<{ receiveCount: number; error: string }> = [];
    const handler = subscribe(
      {
        retryDelay: ({ receiveCount, error }) => {
          seen.push({ receiveCount, error: error.name });
          return 60;
        },
        sqsClient: observe(sqs, (c) => calls.push(c)),
        queueUrlOf: localOf(queue),
      },
      failOn(() => true),
    );

    // Act
    const response = await handler(lambdaEvent(queue, messages));

    // Assert
    expect(response.batchItemFailures).toHaveLength(12);
    expect(calls.map((c) => (c.input['Entries'] as unknown[]).length).sort((a, b) => a - b)).toEqual([2, 10]);
    expect(seen).toEqual(Array(12).fill({ receiveCount: 1, error: 'S3EventHandlerError' }));
    await sleep(1500);
    expect(await visibleNow(queue)).toEqual([]);
    expect(await queueDepth(sqs, queue.url)).toEqual({ visible: 0, inFlight: 12 });
  }, 20_000);

  it('logs an entry SQS refuses (an invalid receipt handle) once, and still answers the batch', async () => {
    // Arrange: two failed messages, one with a receipt handle SQS does not know
    const queue = await createQueue(sqs, 'lambda-retry-bad-handle');
    const messages = await receiveKeys(queue, ['bad-1.jpg', 'bad-2.jpg']);
    const broken = messages[0] as Message;
    const lines: LogLine[] = [];
    const handler = subscribe({ retryDelay: 60, sqsClient: sqs, queueUrlOf: localOf(queue), logger: recordingLogger(lines) }, failOn(() => true));

    // Act
    const response = await handler(lambdaEvent(queue, messages, (m) => (m === broken ? 'not-a-receipt-handle' : (m.ReceiptHandle as string))));

    // Assert: both reported; one warning, naming the refused one; the other hidden for 60 s
    expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(messages.map((m) => m.MessageId).sort());
    const warnings = lines.filter(([level]) => level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.[1]).toContain(`message ${broken.MessageId}`);
    expect(warnings[0]?.[1]).toContain('ReceiptHandleIsInvalid');
    expect(warnings[0]?.[2]).toMatchObject({ transport: 'lambda', messageId: broken.MessageId, operation: 'ChangeMessageVisibilityBatch', queueUrl: queue.url });
    await sleep(1500);
    // the broken one kept the receive's 1 s visibility: it is back; the other is hidden
    expect((await visibleNow(queue)).map((m) => m.MessageId)).toEqual([broken.MessageId]);
  }, 20_000);

  it('logs a call that fails (no such queue) once, and still answers the batch', async () => {
    // Arrange: records of a queue that does not exist
    const queue = await createQueue(sqs, 'lambda-retry-gone');
    const messages = await receiveKeys(queue, ['bad.jpg']);
    const lines: LogLine[] = [];
    const handler = subscribe({ retryDelay: 60, sqsClient: sqs, queueUrlOf: localOf(queue), logger: recordingLogger(lines) }, failOn(() => true));
    const event = lambdaEvent({ ...queue, arn: `${queue.arn}-gone` }, messages);

    // Act
    const response = await handler(event);

    // Assert
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: messages[0]?.MessageId }]);
    const warnings = lines.filter(([level]) => level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.[1]).toContain('ChangeMessageVisibilityBatch failed for 1 message(s)');
    expect(warnings[0]?.[2]).toMatchObject({ messageIds: [messages[0]?.MessageId], operation: 'ChangeMessageVisibilityBatch' });
  }, 20_000);

  it('does not wait past its bound for a server that never answers (cut shorter near the deadline)', async () => {
    // Arrange: a TCP server that accepts and never answers; 700 ms left in the invocation
    const sockets = new Set<Socket>();
    const server: Server = createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const silent = new SQSClient({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, endpoint: `http://127.0.0.1:${port}` });
    const lines: LogLine[] = [];
    const handler = subscribe(
      { retryDelay: 60, sqsClient: silent, queueUrlOf: (arn) => queueUrlFromArn(arn, { endpoint: `http://127.0.0.1:${port}` }), logger: recordingLogger(lines) },
      failOn(() => true),
    );
    const queue = await createQueue(sqs, 'lambda-retry-silent');
    const messages = await receiveKeys(queue, ['bad.jpg']);

    try {
      // Act
      const started = Date.now();
      const response = await handler(lambdaEvent(queue, messages), { getRemainingTimeInMillis: () => 700 });
      const took = Date.now() - started;

      // Assert: the batch is answered; one warning says the call was given 600 ms (700 − 100 spare)
      expect(response.batchItemFailures).toHaveLength(1);
      expect(took).toBeLessThan(2500);
      const warnings = lines.filter(([level]) => level === 'warn');
      expect(warnings.map(([, message]) => message)).toEqual([expect.stringContaining('did not answer within 600 ms for 1 message(s)')]);
    } finally {
      silent.destroy();
      for (const socket of sockets) socket.destroy();
      server.close();
    }
  }, 20_000);

  it('without an sqsClient, makes one from the SDK when first needed (region from the ARN)', async () => {
    // Arrange: the default client finds its credentials in the environment, and sends to the
    // queue URL's host (the SDK's useQueueUrlAsEndpoint), which the local server names
    // sqs.us-east-1.localhost: fauxqs's own DNS hook resolves it, for this test only
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
    const queue = await createQueue(sqs, 'lambda-retry-default-client');
    const messages = await receiveKeys(queue, ['bad.jpg']);
    const lines: LogLine[] = [];
    const handler = subscribe({ retryDelay: 60, queueUrlOf: localOf(queue), logger: recordingLogger(lines) }, failOn(() => true));

    // Act
    const restoreDns = interceptLocalhostDns();
    const response = await handler(lambdaEvent(queue, messages)).finally(restoreDns);

    // Assert
    expect(response.batchItemFailures).toHaveLength(1);
    expect(lines.filter(([level]) => level === 'warn')).toEqual([]);
    await sleep(1500);
    expect(await visibleNow(queue)).toEqual([]);
  }, 20_000);
});

describe('queueUrlFromArn', () => {
  it.each([
    ['arn:aws:sqs:us-east-1:123456789012:q', 'https://sqs.us-east-1.amazonaws.com/123456789012/q'],
    ['arn:aws-cn:sqs:cn-northwest-1:123456789012:q', 'https://sqs.cn-northwest-1.amazonaws.com.cn/123456789012/q'],
    ['arn:aws-us-gov:sqs:us-gov-west-1:123456789012:q.fifo', 'https://sqs.us-gov-west-1.amazonaws.com/123456789012/q.fifo'],
    ['arn:aws-unknown:sqs:xx-1:123456789012:q', undefined],
    ['arn:aws:sqs:us-east-1:12345:q', undefined],
    ['arn:aws:sqs:us-east-1:123456789012:q/x', undefined],
    ['', undefined],
  ])('%s → %s', (arn, url) => {
    expect(queueUrlFromArn(arn)).toBe(url);
  });
});

describe('retryDelay option', () => {
  it('is checked by subscribe() with the same rules as start()', () => {
    expect(() => subscribe({ retryDelay: -1 }, async () => {})).toThrow('retryDelay must be an integer from 0 to 43200, got -1');
    expect(() => subscribe({ retryDelay: 'soon' as never }, async () => {})).toThrow('retryDelay must be a number of seconds or a function, got "soon"');
    expect(() => subscribe({ sqsClient: {} as SqsClientLike }, async () => {})).toThrow('sqsClient must be an SQSClient or an object with a send(command) method, got {}');
    expect(() => subscribe({ queueUrlOf: 'http://x' as never }, async () => {})).toThrow('queueUrlOf must be a function, got "http://x"');
  });
});

describe.concurrent('retryDelay of subscribe() in the worker', () => {
  it.each([
    ['uses the subscription’s', undefined, 7],
    ['lets its own override it', 9, 9],
  ] as const)('%s', async (_, own, expected) => {
    // Arrange
    const queue = await createQueue(sqs, 'worker-retry');
    await sendAll(sqs, queue.url, [JSON.stringify(asS3Event(s3Record({ key: 'bad.jpg' })))]);
    const delays: unknown[] = [];
    const client = observe(sqs, (c) => {
      if (c.name === 'ChangeMessageVisibilityBatchCommand') delays.push(...(c.input['Entries'] as Array<{ VisibilityTimeout: number }>).map((e) => e.VisibilityTimeout));
    });
    const subscription = subscribe({ retryDelay: 7 }, failOn(() => true));

    // Act
    const consumer = subscription.start({ queueUrl: queue.url, client, waitTimeSeconds: 1, heartbeatInterval: false, ...(own === undefined ? {} : { retryDelay: own }) });
    await waitFor(() => delays.length > 0, 'the retry delay');
    await consumer.stop();

    // Assert
    expect(delays).toEqual([expected]);
  }, 20_000);
});
