/**
 * `npm run demo`: s3-event-kit end to end, on your machine, with no AWS account.
 *
 * 1. Starts a local SQS/SNS server (fauxqs) in this process, on loopback.
 * 2. Creates a bucket-events queue with a dead-letter queue, and an SNS topic that delivers to it.
 * 3. Publishes S3 notifications as AWS sends them, over three roads (S3 → SQS, S3 → SNS → SQS,
 *    EventBridge → SQS), plus the s3:TestEvent S3 sends when notifications are configured, and one
 *    message that is not an S3 event at all.
 * 4. Runs one subscribe() handler, with a filter, as a long-polling consumer that prints every typed
 *    event: the filter leaves one out (acknowledged, not handled), one handler call fails and is
 *    retried until it succeeds, the message that is not an S3 event ends in the DLQ, and every
 *    failure is logged once. Then a summary, and a clean stop.
 * 5. Invokes the same subscription as a Lambda handler, with an SQS event like the one Lambda's
 *    event source mapping sends, and prints its answer.
 */
import { CreateTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { buildApp } from 'fauxqs';
import { subscribe, type LogFields, type S3EventLogger } from 's3-event-kit';
import { asEventBridge, asS3Event, asSqs, s3Record, testEvent } from 's3-event-kit/testing';

// The AWS SDK warns about Node 20 on every run; the demo is not the place for that.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

const BUCKET = 'demo-photos';

async function main(): Promise<void> {
  // 1. A local SQS/SNS server on 127.0.0.1, in this process.
  const server = buildApp({ logger: false });
  const endpoint = (await server.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');
  const config = { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'demo', secretAccessKey: 'demo' } };
  const sqs = new SQSClient(config);
  const sns = new SNSClient(config);
  console.log(`Local SQS/SNS server (fauxqs) on ${endpoint}\n`);

  try {
    // 2. The queue, its DLQ (after 2 failed receives), and a topic that delivers to the queue.
    const dlqUrl = await createQueue(sqs, 'demo-photos-events-dlq', {});
    const dlqArn = await queueArn(sqs, dlqUrl);
    const queueUrl = await createQueue(sqs, 'demo-photos-events', {
      VisibilityTimeout: '5',
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 2 }),
    });
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'demo-photos-events' }));
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: await queueArn(sqs, queueUrl) }));

    // 3. What S3 and EventBridge would send.
    const send = (body: unknown) => sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(body) }));
    await send(testEvent({ bucket: BUCKET })); // S3 sends this when the notification configuration is saved
    await send(asS3Event(s3Record({ name: 'ObjectCreated:Put', bucket: BUCKET, key: 'uploads/red flower.jpg', size: 1_234_567 })));
    await send(asS3Event(s3Record({ name: 'ObjectCreated:CompleteMultipartUpload', bucket: BUCKET, key: 'raw/2024/été 100%.cr3', size: 48_211_337 })));
    await sns.send(
      new PublishCommand({
        TopicArn,
        Subject: 'Amazon S3 Notification',
        Message: JSON.stringify(asS3Event(s3Record({ name: 'ObjectCreated:Copy', bucket: BUCKET, key: 'archive/a+b=c.png', size: 2048 }))),
      }),
    );
    await sns.send(
      new PublishCommand({
        TopicArn,
        Subject: 'Amazon S3 Notification',
        Message: JSON.stringify(asS3Event(s3Record({ name: 'ObjectRemoved:Delete', bucket: BUCKET, key: 'uploads/old.jpg' }))),
      }),
    );
    await send(asEventBridge(s3Record({ name: 'ObjectCreated:Put', bucket: BUCKET, key: 'thumbnails/red flower-200.webp', size: 18_022 })));
    await send(asEventBridge(s3Record({ name: 'ObjectRestore:Completed', bucket: BUCKET, key: 'glacier/2019.tar', size: 734_003_200 })));
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'hello, this is not an S3 event' }));
    const EXPECTED_EVENTS = 5; // the ObjectRemoved:Delete is left out by the filter

    // 4. One handler for every road, with a filter. In Lambda, `export const handler = photos` does the same.
    const byRoad = new Map<string, number>();
    const photos = subscribe(
      { events: ['ObjectCreated:*', 'ObjectRestore:*'], logger: demoLogger },
      async (event, ctx) => {
        // A converter that is busy the first time: the message fails, comes back, and then succeeds.
        if (event.key.endsWith('.cr3') && ctx.receiveCount === 1) throw new Error('raw converter busy, try again');
        const road = event.via.join(' → ');
        byRoad.set(road, (byRoad.get(road) ?? 0) + 1);
        const attempt = (ctx.receiveCount ?? 1) > 1 ? `  (attempt ${ctx.receiveCount})` : '';
        console.log(`  ${road.padEnd(21)} ${event.name.padEnd(38)} s3://${event.bucket}/${event.key}${event.size === undefined ? "" : `  ${formatSize(event.size)}`}${attempt}`);
      },
    );
    const consumer = photos.start({ queueUrl, client: sqs, waitTimeSeconds: 1, visibilityTimeout: 5, retryDelay: 0 });
    let tests = 0;
    consumer
      .on('testEvent', (test) => {
        tests++;
        console.log(`  ${test.via.join(' → ').padEnd(21)} ${test.name.padEnd(38)} bucket ${test.bucket} (acknowledged, not handled)`);
      })
      .on('message', (report) => {
        if (report.outcome === 'skipped') {
          console.log(`  ${'filter'.padEnd(21)} ${`${report.skipped} event left out`.padEnd(38)} message ${report.messageId}: outcome 'skipped', deleted`);
        }
      });

    console.log('Events as the consumer receives them (failures as the logger writes them):\n');
    const started = Date.now();
    while (Date.now() - started < 15_000) {
      const handled = [...byRoad.values()].reduce((a, b) => a + b, 0);
      if (handled === EXPECTED_EVENTS && tests === 1 && (await depth(sqs, dlqUrl)) === 1) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await consumer.stop();

    const { Messages: dead = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlqUrl, WaitTimeSeconds: 1 }));
    console.log('\nSummary');
    for (const [road, count] of byRoad) console.log(`  ${String(count).padStart(2)} event(s) via ${road}`);
    console.log(`  ${String(tests).padStart(2)} s3:TestEvent acknowledged`);
    console.log(`  ${String(dead.length).padStart(2)} message in the DLQ after 2 failed attempts: ${JSON.stringify(dead[0]?.Body)}`);
    const { received, handled, skippedMessages, deleted, failed } = consumer.stats;
    console.log(`  consumer: ${received} received, ${handled} handled, ${skippedMessages} skipped, ${deleted} deleted, ${failed} failed; stopped cleanly`);

    // 5. The same subscription, invoked as Lambda invokes a function behind an SQS queue.
    console.log('\nThe same subscription as a Lambda handler (an SQS event source mapping batch):\n');
    const lambdaEvent = asSqs([
      asS3Event(s3Record({ name: 'ObjectCreated:Put', bucket: BUCKET, key: 'lambda/portrait.jpg', size: 512_000 })),
      asS3Event(s3Record({ name: 'ObjectRemoved:Delete', bucket: BUCKET, key: 'lambda/old.jpg' })),
    ]);
    const answer = await photos(lambdaEvent, { awsRequestId: 'demo-request', getRemainingTimeInMillis: () => 30_000 });
    console.log(`  answer to Lambda: ${JSON.stringify(answer)}  (both messages done: one handled, one left out by the filter)`);

    if ([...byRoad.values()].reduce((a, b) => a + b, 0) !== EXPECTED_EVENTS + 1 || tests !== 1 || dead.length !== 1 || skippedMessages !== 1) {
      throw new Error('the demo did not see what it expected');
    }
  } finally {
    sqs.destroy();
    sns.destroy();
    await server.close();
  }
}

async function createQueue(sqs: SQSClient, name: string, attributes: Record<string, string>): Promise<string> {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  return QueueUrl as string;
}

async function queueArn(sqs: SQSClient, queueUrl: string): Promise<string> {
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
  return Attributes?.['QueueArn'] as string;
}

async function depth(sqs: SQSClient, queueUrl: string): Promise<number> {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
  );
  return Number(Attributes?.['ApproximateNumberOfMessages'] ?? 0);
}

/** The demo's logger: the subscription's log lines, short and on stdout (the default writes JSON lines). */
const demoLogger: S3EventLogger = {
  error: (message: string, fields: LogFields) => console.log(`  ${'log: error'.padEnd(21)} ${message}${fields.receiveCount ? ` [receive ${fields.receiveCount}]` : ''}`),
  warn: (message: string) => console.log(`  ${'log: warn'.padEnd(21)} ${message}`),
  info: () => {},
  debug: () => {},
};

function formatSize(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

await main();
