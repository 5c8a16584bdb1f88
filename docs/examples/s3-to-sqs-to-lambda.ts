// S3 → SQS → Lambda (event source mapping with ReportBatchItemFailures): report exactly the failed messages.
import { parse } from 's3-event-kit';

async function process(bucket: string, key: string): Promise<void> {
  console.log(`processing s3://${bucket}/${key}`);
}

export const handler = async (event: unknown) => {
  const { events, testEvents, failures } = parse(event);
  const failed = new Set(failures.map((f) => f.messageId ?? ''));
  for (const t of testEvents) console.log(`ignoring the s3:TestEvent for ${t.bucket}`);
  for (const e of events) {
    // e.via is ['s3', 'sqs']; e.messageId and e.receiptHandle name the SQS message
    if (failed.has(e.messageId ?? '')) continue;
    await process(e.bucket, e.key).catch(() => failed.add(e.messageId ?? ''));
  }
  return { batchItemFailures: [...failed].map((itemIdentifier) => ({ itemIdentifier })) };
};
// subscribe() does all of this for you, and more: see the subscribe example.
