/**
 * The chaos run's side of SQS, always straight to the server (never through the proxy): the
 * queue and its DLQ, the messages (S3 notifications whose object key carries the message's number),
 * sending, and watching the DLQ and the queue's depth.
 */
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
  SendMessageBatchCommand,
} from '@aws-sdk/client-sqs';
import { asS3Event, s3Record } from '../src/testing/index.js';

export function sqsClient(endpoint: string, maxAttempts?: number): SQSClient {
  return new SQSClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    ...(maxAttempts === undefined ? {} : { maxAttempts }),
  });
}

export interface ChaosQueue {
  readonly url: string;
  readonly dlqUrl: string;
}

/** A queue whose redrive policy moves a message to its DLQ on the receive after `maxReceiveCount`. */
export async function createQueues(sqs: SQSClient, name: string, visibilityTimeout: number, maxReceiveCount: number): Promise<ChaosQueue> {
  const dlq = await sqs.send(new CreateQueueCommand({ QueueName: `${name}-dlq` }));
  const dlqUrl = dlq.QueueUrl as string;
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }));
  const queue = await sqs.send(
    new CreateQueueCommand({
      QueueName: name,
      Attributes: {
        VisibilityTimeout: String(visibilityTimeout),
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: Attributes?.['QueueArn'], maxReceiveCount }),
      },
    }),
  );
  return { url: queue.QueueUrl as string, dlqUrl };
}

const KEY = /^chaos\/(ok|poison)\/(\d+)\.bin$/;

/** The object key of message `n`: poison messages are recognisable by their key alone. */
export function keyOf(n: number, poison: boolean): string {
  return `chaos/${poison ? 'poison' : 'ok'}/${n}.bin`;
}

/** The message number and kind a key (decoded, as the handler sees it) stands for. */
export function parseKey(key: string): { n: number; poison: boolean } | undefined {
  const match = KEY.exec(key);
  if (!match) return undefined;
  return { n: Number(match[2]), poison: match[1] === 'poison' };
}

/** The same number read from a raw message body (S3 notification JSON), for DLQ messages. */
export function numberOfBody(body: string | undefined): number | undefined {
  if (body === undefined) return undefined;
  try {
    const parsed = JSON.parse(body) as { Records?: Array<{ s3?: { object?: { key?: unknown } } }> };
    const key = parsed.Records?.[0]?.s3?.object?.key;
    return typeof key === 'string' ? parseKey(decodeURIComponent(key.replace(/\+/g, ' ')))?.n : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Which of `count` messages are poison: `round(count × rate)` of them, spread by a seeded shuffle.
 */
export function choosePoison(count: number, rate: number, random: () => number): Set<number> {
  const ids = Array.from({ length: count }, (_, i) => i);
  const poison = new Set<number>();
  const want = Math.round(count * rate);
  for (let i = 0; i < want; i++) {
    const j = i + Math.floor(random() * (count - i));
    const picked = ids[j] as number;
    ids[j] = ids[i] as number;
    ids[i] = picked;
    poison.add(picked);
  }
  return poison;
}

/** One S3 `ObjectCreated:Put` notification per message, as S3 sends it to SQS. */
export function bodyOf(n: number, poison: boolean): string {
  return JSON.stringify(asS3Event(s3Record({ name: 'ObjectCreated:Put', bucket: 'chaos-bucket', key: keyOf(n, poison), size: 1024 + n })));
}

/** Sends messages 0…count-1, 10 per `SendMessageBatch`, `parallel` batches at a time. */
export async function sendAll(sqs: SQSClient, queueUrl: string, count: number, poison: ReadonlySet<number>, parallel = 8): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const start = next;
      next += 10;
      const entries = [];
      for (let n = start; n < Math.min(count, start + 10); n++) entries.push({ Id: String(n - start), MessageBody: bodyOf(n, poison.has(n)) });
      const out = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
      if (out.Failed?.length) throw new Error(`SendMessageBatch failed: ${JSON.stringify(out.Failed)}`);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

/** Visible and in-flight messages of a queue. */
export async function depth(sqs: SQSClient, queueUrl: string): Promise<{ visible: number; inFlight: number }> {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
  );
  return { visible: Number(Attributes['ApproximateNumberOfMessages'] ?? 0), inFlight: Number(Attributes['ApproximateNumberOfMessagesNotVisible'] ?? 0) };
}

/**
 * Empties the DLQ into `dead` (message numbers), receiving and deleting until a receive comes back
 * empty. Returns how many DLQ messages it read whose body it could not place (must stay 0).
 */
export async function drainDlq(sqs: SQSClient, dlqUrl: string, dead: Set<number>): Promise<number> {
  let unplaced = 0;
  for (;;) {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlqUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, VisibilityTimeout: 60 }));
    if (Messages.length === 0) return unplaced;
    for (const message of Messages) {
      const n = numberOfBody(message.Body);
      if (n === undefined) unplaced++;
      else dead.add(n);
    }
    await sqs.send(
      new DeleteMessageBatchCommand({ QueueUrl: dlqUrl, Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })) }),
    );
  }
}
