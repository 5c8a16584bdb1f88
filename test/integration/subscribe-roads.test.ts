import { PublishCommand, CreateTopicCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { subscribe, type MessageReport, type S3ObjectEvent, type S3TestNotification } from 's3-event-kit';
import { asEventBridge, asS3Event, s3Record, testEvent } from 's3-event-kit/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { snsClient, sqsClient, uniqueName } from '../setup/aws.js';
import { createQueue, drain, queueDepth, waitFor } from './sqs-helpers.js';

const sqs = sqsClient();
const sns = snsClient();
afterAll(() => {
  sqs.destroy();
  sns.destroy();
});

/** A topic delivering to the queue, as S3 → SNS → SQS does (raw or not). */
async function topicTo(queueArn: string, raw: boolean): Promise<string> {
  const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: uniqueName(raw ? 'raw' : 'wrapped') }));
  await sns.send(
    new SubscribeCommand({
      TopicArn,
      Protocol: 'sqs',
      Endpoint: queueArn,
      Attributes: raw ? { RawMessageDelivery: 'true' } : {},
    }),
  );
  return TopicArn as string;
}

describe('subscribe().start() on a real local SQS/SNS server', () => {
  it('receives every road through the queue as typed, decoded events, and deletes them', async () => {
    // Arrange
    const queue = await createQueue(sqs, 'roads');
    const wrapped = await topicTo(queue.arn, false);
    const raw = await topicTo(queue.arn, true);
    const events: S3ObjectEvent[] = [];
    const tests: S3TestNotification[] = [];
    const subscription = subscribe({}, async (event) => {
      events.push(event);
    });
    const consumer = subscription.start({ queueUrl: queue.url, client: sqs, waitTimeSeconds: 1 }).on('testEvent', (t) => tests.push(t));
    const message = (key: string) => JSON.stringify(asS3Event(s3Record({ name: 'ObjectCreated:Put', bucket: 'photos', key, size: 11 })));

    // Act
    await sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: message('direct/a b.jpg') }));
    await sns.send(new PublishCommand({ TopicArn: wrapped, Subject: 'Amazon S3 Notification', Message: message('sns/ü+1.jpg') }));
    await sns.send(new PublishCommand({ TopicArn: raw, Subject: 'Amazon S3 Notification', Message: message('raw/100%.jpg') }));
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: queue.url,
        MessageBody: JSON.stringify(asEventBridge(s3Record({ name: 'ObjectRemoved:Delete', bucket: 'photos', key: 'eb/x y.jpg' }))),
      }),
    );
    await sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: JSON.stringify(testEvent({ bucket: 'photos' })) }));
    await waitFor(() => events.length === 4 && tests.length === 1, 'four events and a test event');
    await consumer.stop();

    // Assert
    const byKey = Object.fromEntries(events.map((e) => [e.key, e]));
    expect(Object.keys(byKey).sort()).toEqual(['direct/a b.jpg', 'eb/x y.jpg', 'raw/100%.jpg', 'sns/ü+1.jpg']);
    expect(byKey['direct/a b.jpg']).toMatchObject({ via: ['s3', 'sqs'], name: 'ObjectCreated:Put', bucket: 'photos', size: 11 });
    expect(byKey['sns/ü+1.jpg']).toMatchObject({ via: ['s3', 'sns', 'sqs'], name: 'ObjectCreated:Put' });
    expect(byKey['raw/100%.jpg']).toMatchObject({ via: ['s3', 'sqs'], name: 'ObjectCreated:Put' });
    expect(byKey['eb/x y.jpg']).toMatchObject({ via: ['eventbridge', 'sqs'], name: 'ObjectRemoved:Delete' });
    for (const event of events) expect(event.messageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(tests[0]).toMatchObject({ name: 's3:TestEvent', bucket: 'photos', via: ['s3', 'sqs'] });
    expect(consumer.stats).toMatchObject({ received: 5, handled: 5, failed: 0, deleted: 5, inFlight: 0, polls: 0 });
    expect(await queueDepth(sqs, queue.url)).toEqual({ visible: 0, inFlight: 0 });
  });

  it('fails messages that are not S3 events (to the DLQ) by default, and deletes them with onInvalid: delete', async () => {
    // Arrange
    const failing = await createQueue(sqs, 'invalid', { visibilityTimeout: 1, dlq: { maxReceiveCount: 1 } });
    const dropping = await createQueue(sqs, 'dropped');
    const bodies = ['not json', JSON.stringify({ source: 'aws.ec2', 'detail-type': 'EC2 Spot Instance Interruption Warning', detail: {} })];
    for (const queue of [failing, dropping]) {
      for (const MessageBody of bodies) await sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody }));
    }
    const reports: MessageReport[] = [];
    const handler = async () => {};

    // Act
    const first = subscribe({}, handler).start({ queueUrl: failing.url, client: sqs, waitTimeSeconds: 1, visibilityTimeout: 1, retryDelay: 0 });
    const second = subscribe({ onInvalid: 'delete' }, handler).start({ queueUrl: dropping.url, client: sqs, waitTimeSeconds: 1 });
    first.on('invalid', () => {}).on('message', (r) => reports.push(r));
    second.on('invalid', () => {}).on('message', (r) => reports.push(r));
    const inDlq = await (async () => {
      await waitFor(() => reports.filter((r) => r.outcome === 'dropped').length === 2, 'two dropped');
      await waitFor(async () => (await queueDepth(sqs, failing.dlq?.url as string)).visible === 2, 'two in the DLQ');
      return drain(sqs, failing.dlq?.url as string);
    })();
    await Promise.all([first.stop(), second.stop()]);

    // Assert
    expect(inDlq.map((m) => m.Body).sort()).toEqual([...bodies].sort());
    expect(reports.filter((r) => r.outcome === 'invalid').length).toBeGreaterThanOrEqual(2);
    expect(second.stats).toMatchObject({ dropped: 2, deleted: 2 });
    expect(await queueDepth(sqs, dropping.url)).toEqual({ visible: 0, inFlight: 0 });
    expect(await queueDepth(sqs, failing.url)).toEqual({ visible: 0, inFlight: 0 });
  });
});
