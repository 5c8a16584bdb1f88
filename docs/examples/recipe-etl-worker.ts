// S3 → SQS → a container worker: load every new CSV under exports/ into a warehouse.
import { SQSClient } from '@aws-sdk/client-sqs';
import { subscribe } from 's3-event-kit';

async function loadIntoWarehouse(bucket: string, key: string, versionId: string | undefined): Promise<void> {
  console.log(`COPY s3://${bucket}/${key}${versionId ? `?versionId=${versionId}` : ''}`);
}

const etl = subscribe(
  { events: ['ObjectCreated:Put', 'ObjectCreated:CompleteMultipartUpload'], prefix: 'exports/', suffix: '.csv' },
  async (event, ctx) => {
    if ((ctx.receiveCount ?? 1) > 1) console.warn(`retry ${ctx.receiveCount} of message ${ctx.messageId}`);
    await loadIntoWarehouse(event.bucket, event.key, event.versionId);
  },
);

const consumer = etl
  .start({
    queueUrl: process.env['QUEUE_URL'] ?? '',
    client: new SQSClient({}),
    concurrency: 16, // messages handled at once; polls run in parallel to keep them busy
    visibilityTimeout: 60, // extended by heartbeats while a load is still running
  })
  .on('error', (error) => console.warn('SQS trouble, backing off:', error.message))
  .on('handlerError', (error) => console.error('load failed, the queue will retry:', error.event.key, error.cause));

// Stop polling, let running loads finish, flush deletes, then exit.
process.once('SIGTERM', () => void consumer.stop().then(() => process.exit(0)));
