// S3 → SQS, read by your own worker with ReceiveMessage: the result goes straight into normalize().
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { parseMessages } from 's3-event-kit';

const sqs = new SQSClient({});
const QueueUrl = process.env['QUEUE_URL'] ?? '';

export async function pollOnce(): Promise<void> {
  const result = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 20 }));
  for (const message of parseMessages(result).messages) {
    if (message.failure) {
      console.error(message.failure.message); // left in the queue: its redrive policy moves it to the DLQ
      continue;
    }
    for (const e of message.events) console.log(e.via.join(' → '), e.name, e.key); // s3 → sqs
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: message.receiptHandle }));
  }
}
// subscribe(...).start({ queueUrl }) is this loop done properly: concurrency, heartbeats, batch deletes, backoff.
