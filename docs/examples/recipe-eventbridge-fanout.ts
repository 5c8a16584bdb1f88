// S3 → EventBridge → two consumers: an indexer queue and an audit Lambda, from one bucket.
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { subscribe } from 's3-event-kit';
import { putS3Rule, s3EventPattern } from 's3-event-kit/config';

// Set-up (run once, e.g. in a deploy script): one rule per consumer.
export async function wire(): Promise<void> {
  const events = new EventBridgeClient({});
  await putS3Rule(events, {
    name: 'photos-to-indexer',
    pattern: s3EventPattern({ buckets: 'photos', events: ['ObjectCreated:*', 'ObjectRemoved:*'] }),
    targets: [{ id: 'indexer', arn: 'arn:aws:sqs:eu-west-1:123456789012:indexer' }],
  });
  await putS3Rule(events, {
    name: 'photos-deletions-to-audit',
    pattern: s3EventPattern({ buckets: 'photos', events: ['ObjectRemoved:*', 'LifecycleExpiration:*'] }),
    targets: [{ id: 'audit', arn: 'arn:aws:lambda:eu-west-1:123456789012:function:audit' }],
  });
}

// The indexer (an SQS event source mapping): via is ['eventbridge', 'sqs'].
export const indexer = subscribe({ events: ['ObjectCreated:*', 'ObjectRemoved:*'] }, async (event) => {
  if (event.type === 'ObjectCreated') console.log('index', event.key, event.size);
  else console.log('unindex', event.key, event.deletionType);
});

// The audit function (invoked by EventBridge directly): via is ['eventbridge'].
export const audit = subscribe({ events: ['ObjectRemoved:*', 'LifecycleExpiration:*'] }, async (event) => {
  console.log(`${event.time} ${event.requester ?? 'unknown'} removed s3://${event.bucket}/${event.key}`);
});
