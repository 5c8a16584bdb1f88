// S3 → EventBridge → SQS: the SQS body is the EventBridge event JSON. Only these roads are accepted.
import { parse } from 's3-event-kit';

export const handler = async (event: unknown) => {
  const { events, failures } = parse(event, { roads: [['eventbridge', 'sqs']] });
  for (const e of events) {
    // e.via is ['eventbridge', 'sqs']; e.time has whole seconds on EventBridge
    console.log(e.time, e.name, `s3://${e.bucket}/${e.key}`);
  }
  // An S3 notification sent straight to this queue would be a failure with code 'UNEXPECTED_ROAD'.
  return { batchItemFailures: failures.map((f) => ({ itemIdentifier: f.messageId ?? '' })) };
};
