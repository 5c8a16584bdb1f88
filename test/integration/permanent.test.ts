/**
 * `permanent: { deadLetterQueueUrl }` on a real local SQS server (fauxqs over HTTP): the message
 * goes to the dead-letter queue with its body, its attributes and the error, then is acknowledged;
 * if the send fails, the message fails as usual. In Lambda and in the worker.
 */
import type { MessageAttributeValue } from '@aws-sdk/client-sqs';
import { PermanentError, subscribe, type MessageReport, type S3EventHandlerError } from 's3-event-kit';
import { asS3Event, asSqs, s3Record } from 's3-event-kit/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { sqsClient } from '../setup/aws.js';
import { recordingLogger, type LogLine } from '../subscribe/recording-logger.js';
import { createQueue, drain, queueDepth, sendAll, waitFor } from './sqs-helpers.js';

const sqs = sqsClient();
afterAll(() => sqs.destroy());

const text = (attributes: Record<string, MessageAttributeValue> | undefined, name: string): string | undefined => attributes?.[name]?.StringValue;

describe('permanent: { deadLetterQueueUrl } in Lambda', () => {
  it('sends the permanently failed message (body, attributes, error) to the queue and acknowledges it; the others are untouched', async () => {
    // Arrange
    const dlq = await createQueue(sqs, 'rejected');
    const lines: LogLine[] = [];
    const handler = subscribe({ logger: recordingLogger(lines), permanent: { deadLetterQueueUrl: dlq.url, client: sqs } }, async (event) => {
      if (event.key.endsWith('.exe')) throw new PermanentError('executables are not accepted');
    });
    const event = asSqs([asS3Event(s3Record({ key: 'setup.exe' })), asS3Event(s3Record({ key: 'photo.jpg' }))], {
      messageAttributes: { tenant: { dataType: 'String', stringValue: 'acme' } },
    });

    // Act
    const response = await handler(event);
    const [sent, ...more] = await drain(sqs, dlq.url);

    // Assert
    expect(response).toEqual({ batchItemFailures: [] });
    expect(more).toEqual([]);
    expect(sent?.Body).toBe(event.Records[0]?.body);
    expect(lines.map(([level]) => level)).toEqual(['error']);
    expect(lines[0]?.[1]).toMatch(new RegExp(`permanent failure: sent to the dead-letter queue ${dlq.url} as message [\\w-]+, not retried$`));
  });

  it('puts the error and the message attributes on the dead-letter message', async () => {
    // Arrange
    const dlq = await createQueue(sqs, 'rejected-attrs');
    const handler = subscribe({ logger: recordingLogger([]), permanent: { deadLetterQueueUrl: dlq.url, client: sqs } }, async () => {
      throw new PermanentError('corrupt PDF', { cause: new Error('xref table missing') });
    });
    const event = asSqs(asS3Event(s3Record({ bucket: 'docs', key: 'a b.pdf' })), {
      messageAttributes: { tenant: { dataType: 'String', stringValue: 'acme' }, priority: { dataType: 'Number', stringValue: '3' } },
    });

    // Act
    await handler(event);
    const { Messages = [] } = await sqs.send(
      new (await import('@aws-sdk/client-sqs')).ReceiveMessageCommand({ QueueUrl: dlq.url, MessageAttributeNames: ['All'], WaitTimeSeconds: 1 }),
    );

    // Assert
    const attributes = Messages[0]?.MessageAttributes;
    expect(text(attributes, 'S3EventKit.ErrorName')).toBe('PermanentError');
    expect(text(attributes, 'S3EventKit.ErrorMessage')).toBe('corrupt PDF');
    expect(text(attributes, 'S3EventKit.Event')).toBe('ObjectCreated:Put s3://docs/a b.pdf');
    expect(text(attributes, 'S3EventKit.SourceMessageId')).toBe(event.Records[0]?.messageId);
    expect(text(attributes, 'tenant')).toBe('acme');
    expect(attributes?.['priority']).toMatchObject({ DataType: 'Number', StringValue: '3' });
  });

  it('fails the message as usual when the send fails, so nothing is lost', async () => {
    // Arrange
    const lines: LogLine[] = [];
    const missing = `${(await createQueue(sqs, 'exists')).url}-not-there`;
    const handler = subscribe({ logger: recordingLogger(lines), permanent: { deadLetterQueueUrl: missing, client: sqs } }, async () => {
      throw new PermanentError('never');
    });
    const event = asSqs(asS3Event(s3Record()));

    // Act
    const response = await handler(event);

    // Assert
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: event.Records[0]?.messageId }] });
    expect(lines.map(([level]) => level)).toEqual(['error']);
    expect(lines[0]?.[1]).toContain(`but sending it to the dead-letter queue ${missing} failed`);
  });

  it('sends to a FIFO dead-letter queue with a group and a deduplication id', async () => {
    // Arrange
    const dlq = await createQueue(sqs, 'rejected', { fifo: true });
    const handler = subscribe({ logger: recordingLogger([]), permanent: { deadLetterQueueUrl: dlq.url, client: sqs } }, async () => {
      throw new PermanentError('never');
    });

    // Act
    const response = await handler(asSqs(asS3Event(s3Record({ key: 'f.txt' }))));
    const sent = await drain(sqs, dlq.url);

    // Assert
    expect(response).toEqual({ batchItemFailures: [] });
    expect(sent).toHaveLength(1);
  });
});

describe('permanent failures in the worker', () => {
  it("drops by default: deleted, outcome 'dropped', counted, handlerError emitted, never redelivered", async () => {
    // Arrange
    const queue = await createQueue(sqs, 'permanent-drop', { visibilityTimeout: 1 });
    await sendAll(sqs, queue.url, [JSON.stringify(asS3Event(s3Record({ key: 'gone.txt' })))]);
    const reports: MessageReport[] = [];
    const errors: S3EventHandlerError[] = [];
    let calls = 0;
    const consumer = subscribe({ logger: recordingLogger([]) }, async () => {
      calls++;
      throw new PermanentError('the object was deleted');
    })
      .start({ queueUrl: queue.url, client: sqs, waitTimeSeconds: 1, visibilityTimeout: 1, retryDelay: 0 })
      .on('message', (report) => reports.push(report))
      .on('handlerError', (error) => errors.push(error));

    // Act
    await waitFor(() => consumer.stats.deleted === 1, 'the message deleted');
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // past its visibility: it must not come back
    await consumer.stop();

    // Assert
    expect(calls).toBe(1);
    expect(reports.map((r) => r.outcome)).toEqual(['dropped']);
    expect(errors).toHaveLength(1);
    expect(consumer.stats).toMatchObject({ dropped: 1, failed: 0, deleted: 1 });
    expect(await queueDepth(sqs, queue.url)).toEqual({ visible: 0, inFlight: 0 });
  });

  it("sends to the dead-letter queue with the consumer's own client, then deletes", async () => {
    // Arrange
    const queue = await createQueue(sqs, 'permanent-dlq');
    const dlq = await createQueue(sqs, 'permanent-dlq-target');
    const body = JSON.stringify(asS3Event(s3Record({ key: 'virus.exe' })));
    await sendAll(sqs, queue.url, [body]);
    const consumer = subscribe({ logger: recordingLogger([]), permanent: { deadLetterQueueUrl: dlq.url } }, async () => {
      throw new PermanentError('rejected');
    }).start({ queueUrl: queue.url, client: sqs, waitTimeSeconds: 1 });

    // Act
    await waitFor(() => consumer.stats.deleted === 1, 'the message deleted');
    await consumer.stop();
    const sent = await drain(sqs, dlq.url);

    // Assert
    expect(sent.map((m) => m.Body)).toEqual([body]);
    expect(consumer.stats).toMatchObject({ dropped: 1, deleted: 1 });
  });
});
