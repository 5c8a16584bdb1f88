// Road 3 — S3 → EventBridge → rule → SQS queue (or Lambda, SNS, SQS FIFO, …).
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import {
  checkSetup,
  enableEventBridge,
  ensureQueuePolicyStatements,
  eventBridgeQueuePolicyStatement,
  formatSetupReport,
  putS3Rule,
  s3EventPattern,
} from 's3-event-kit/config';

const region = 'us-east-1';
const bucket = 'photos';
const queueUrl = 'https://sqs.us-east-1.amazonaws.com/111122223333/photo-uploads';
const queueArn = 'arn:aws:sqs:us-east-1:111122223333:photo-uploads';
const s3 = new S3Client({ region });
const events = new EventBridgeClient({ region });
const sqs = new SQSClient({ region });

// 1. The bucket sends every event to EventBridge; its queue/topic/Lambda rules stay as they are.
await enableEventBridge(s3, bucket, { region });

// 2. A rule picks the events: detail-type, reason and deletion-type are derived from the names.
const pattern = s3EventPattern({
  buckets: bucket,
  events: ['ObjectCreated:*', 'ObjectRemoved:DeleteMarkerCreated'],
  prefix: 'uploads/',
});
const { ruleArn } = await putS3Rule(events, {
  name: 'photos-uploads',
  pattern,
  targets: [{ id: 'photo-uploads-queue', arn: queueArn, deadLetterQueueArn: 'arn:aws:sqs:us-east-1:111122223333:photo-uploads-rule-dlq' }],
});
if (ruleArn === undefined) throw new Error('PutRule returned no RuleArn');

// 3. The queue accepts messages from this rule only.
await ensureQueuePolicyStatements(sqs, queueUrl, (arn) => [eventBridgeQueuePolicyStatement({ queueArn: arn, ruleArn })]);

console.log(formatSetupReport(await checkSetup({ bucket, s3, region, expect: { eventBridge: true } })));
