/** `@aws-sdk/client-sqs` is an optional peer dependency: what the consumer does when it is not installed. */
import { MissingPeerDependencyError, subscribe, type SqsConsumerError } from 's3-event-kit';
import { asS3Event, s3Record } from 's3-event-kit/testing';
import { describe, expect, it, vi } from 'vitest';
import { recordingLogger } from './recording-logger.js';
import { message, StubSqs } from './stub-sqs.js';

vi.mock('@aws-sdk/client-sqs', () => {
  throw Object.assign(new Error("Cannot find package '@aws-sdk/client-sqs'"), { code: 'ERR_MODULE_NOT_FOUND' });
});

const queueUrl = 'https://sqs.us-east-1.amazonaws.com/123456789012/uploads';

describe('without @aws-sdk/client-sqs installed', () => {
  it('works with any client that has send(command), given plain commands named like the SDK', async () => {
    // Arrange
    const sqs = new StubSqs();
    sqs.batches.push([message('m1', JSON.stringify(asS3Event(s3Record({ key: 'a.txt' }))))]);
    const keys: string[] = [];
    const consumer = subscribe({}, async (event) => {
      keys.push(event.key);
    }).start({ queueUrl, client: sqs });

    // Act
    await vi.waitFor(() => expect(consumer.stats.deleted).toBe(1));
    await consumer.stop();

    // Assert
    expect(keys).toEqual(['a.txt']);
    expect(sqs.calls.map((c) => c.name)).toContain('DeleteMessageBatchCommand');
    expect(sqs.calls.every((c) => !c.sdk)).toBe(true);
    expect(sqs.named('DeleteMessageBatchCommand')[0]?.input).toEqual({ QueueUrl: queueUrl, Entries: [{ Id: '0', ReceiptHandle: 'handle-m1' }] });
  });

  it('is fatal when no client is given: one error line, a fatal event, stopped rejects, not healthy', async () => {
    // Arrange
    const fatal: SqsConsumerError[] = [];
    const lines: Array<[string, string]> = [];
    const logger = recordingLogger(lines);
    const consumer = subscribe({ logger }, async () => {}).start({ queueUrl });
    consumer.on('fatal', (e) => fatal.push(e));

    // Act
    const stopped = await consumer.stopped.then(
      () => undefined,
      (error: unknown) => error,
    );

    // Assert
    expect(stopped).toBe(fatal[0]);
    expect(fatal).toHaveLength(1);
    expect(fatal[0]).toMatchObject({ name: 'SqsConsumerError', operation: 'LoadSdk', queueUrl, code: 'MissingPeerDependency' });
    expect(fatal[0]?.cause).toBeInstanceOf(MissingPeerDependencyError);
    expect(fatal[0]?.message).toContain('subscribe().start() without a client needs the optional peer dependency @aws-sdk/client-sqs');
    expect(fatal[0]?.message).toContain('npm install @aws-sdk/client-sqs');
    expect(lines.filter(([level]) => level === 'error')).toHaveLength(1);
    expect(consumer.running).toBe(false);
    expect(consumer.healthy).toBe(false);
  });

  it('is fatal, naming the bundle, when an SDK client comes without its commands and the SDK cannot be loaded', async () => {
    // Arrange: an object shaped like an SQSClient (middlewareStack, config): it could not send plain commands.
    const sdkLikeClient = { middlewareStack: {}, config: {}, send: () => Promise.reject(new Error('command5.resolveMiddleware is not a function')) };
    const consumer = subscribe({ logger: recordingLogger([]) }, async () => {}).start({ queueUrl, client: sdkLikeClient });

    // Act
    const error = await consumer.stopped.then(
      () => undefined,
      (e: unknown) => e as SqsConsumerError,
    );

    // Assert
    expect(error?.cause).toBeInstanceOf(MissingPeerDependencyError);
    expect(error?.message).toContain('with an SQSClient but without its commands');
    expect(error?.message).toContain('bundled into one file');
    expect(error?.message).toContain('commands: { ReceiveMessageCommand, DeleteMessageBatchCommand, ChangeMessageVisibilityBatchCommand }');
  });
});
