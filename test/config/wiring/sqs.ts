// Road 1 — S3 → SQS standard queue → your Lambda function (event source mapping) or worker.
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import {
  applyNotificationConfig,
  bucketArn,
  checkSetup,
  ensureQueuePolicy,
  formatSetupReport,
  notificationConfig,
} from 's3-event-kit/config';

const region = 'us-east-1';
const bucket = 'photos';
const queueUrl = 'https://sqs.us-east-1.amazonaws.com/111122223333/photo-uploads';
const queueArn = 'arn:aws:sqs:us-east-1:111122223333:photo-uploads';
const s3 = new S3Client({ region });
const sqs = new SQSClient({ region });

// 1. Let s3.amazonaws.com send this bucket's events to the queue (merged into the queue policy).
await ensureQueuePolicy(sqs, queueUrl, bucketArn(bucket));

// 2. Add the rule by Id. Other rules and the EventBridge switch stay; a second run writes nothing.
const change = notificationConfig()
  .queue({ id: 'photo-uploads', queueArn, events: ['s3:ObjectCreated:*'], prefix: 'uploads/' })
  .build();
const result = await applyNotificationConfig(s3, bucket, change, { region });
console.log(result.written ? 'written' : 'already in place', result.added, result.replaced);

// 3. Check the whole chain: configuration, queue policy, encryption, message size.
const report = await checkSetup({ bucket, s3, sqs, region, expect: { rules: change } });
console.log(formatSetupReport(report));
