// Road 2 — S3 → SNS standard topic → several SQS queues (one event type, many consumers).
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import {
  applyNotificationConfig,
  bucketArn,
  checkSetup,
  ensureQueuePolicyStatements,
  ensureTopicPolicy,
  formatSetupReport,
  notificationConfig,
  snsQueuePolicyStatement,
} from 's3-event-kit/config';

const region = 'us-east-1';
const bucket = 'photos';
const topicArn = 'arn:aws:sns:us-east-1:111122223333:photo-events';
const queues = [
  { url: 'https://sqs.us-east-1.amazonaws.com/111122223333/thumbnails', arn: 'arn:aws:sqs:us-east-1:111122223333:thumbnails' },
  { url: 'https://sqs.us-east-1.amazonaws.com/111122223333/search-index', arn: 'arn:aws:sqs:us-east-1:111122223333:search-index' },
];
const s3 = new S3Client({ region });
const sns = new SNSClient({ region });
const sqs = new SQSClient({ region });

// 1. S3 may publish to the topic (merged into the topic's default policy).
await ensureTopicPolicy(sns, topicArn, bucketArn(bucket));

// 2. Each queue accepts messages from this topic only, and subscribes to it. Raw delivery makes the
//    SQS body the S3 JSON itself; normalize() reads either form.
for (const queue of queues) {
  await ensureQueuePolicyStatements(sqs, queue.url, (queueArn) => [snsQueuePolicyStatement({ queueArn, topicArn })]);
  await sns.send(
    new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: queue.arn, Attributes: { RawMessageDelivery: 'true' } }),
  );
}

// 3. One rule sends the events to the topic; the topic fans out.
const change = notificationConfig()
  .topic({ id: 'photo-events', topicArn, events: ['s3:ObjectCreated:*', 's3:ObjectRemoved:*'] })
  .build();
await applyNotificationConfig(s3, bucket, change, { region });

console.log(formatSetupReport(await checkSetup({ bucket, s3, sns, region, expect: { rules: change } })));
