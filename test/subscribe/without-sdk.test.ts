/** `@aws-sdk/client-sqs` is an optional peer dependency: what the consumer does when it is not installed. */
import { MissingPeerDependencyError, subscribe, type SqsConsumerError } from 's3-event-kit';
import { asS3Event, s3Record } from 's3-event-kit/testing';
import { describe, expect, it, vi } from 'vitest';
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

  it('reports a typed error and stops when no client is given', async () => {
    // Arrange
    const errors: SqsConsumerError[] = [];
    const consumer = subscribe({}, async () => {}).start({ queueUrl });
    consumer.on('error', (e) => errors.push(e));

    // Act
    await consumer.stopped;

    // Assert
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ name: 'SqsConsumerError', operation: 'LoadSdk', queueUrl });
    expect(errors[0]?.cause).toBeInstanceOf(MissingPeerDependencyError);
    expect(errors[0]?.message).toBe(
      `LoadSdk failed on ${queueUrl}: subscribe().start() without a client needs the optional peer dependency @aws-sdk/client-sqs: npm install @aws-sdk/client-sqs (MissingPeerDependencyError)`,
    );
    expect(consumer.running).toBe(false);
  });
});
