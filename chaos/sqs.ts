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

/**
 * What a message asks of the handler: `ok` (a little work), `poison` (it always fails, so the
 * message must end in the DLQ) or `slow` (work longer than the visibility timeout, so the
 * heartbeat has to keep the message hidden, through the faults).
 */
export type MessageKind = 'ok' | 'poison' | 'slow';

const KEY = /^chaos\/(ok|poison|slow)\/(\d+)\.bin$/;

/** The object key of message `n`: its kind is recognisable by the key alone. */
export function keyOf(n: number, kind: MessageKind): string {
  return `chaos/${kind}/${n}.bin`;
}

/** The message number and kind a key (decoded, as the handler sees it) stands for. */
export function parseKey(key: string): { n: number; kind: MessageKind } | undefined {
  const match = KEY.exec(key);
  if (!match) return undefined;
  return { n: Number(match[2]), kind: match[1] as MessageKind };
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

/** Which messages are poison and which are slow: `round(count × rate)` of each, by a seeded shuffle. */
export interface Plan {
  readonly count: number;
  readonly poison: ReadonlySet<number>;
  readonly slow: ReadonlySet<number>;
}

export function makePlan(count: number, poisonRate: number, slowRate: number, random: () => number): Plan {
  const ids = Array.from({ length: count }, (_, i) => i);
  const poisonCount = Math.round(count * poisonRate);
  const picks = Math.min(count, poisonCount + Math.round(count * slowRate));
  for (let i = 0; i < picks; i++) {
    const j = i + Math.floor(random() * (count - i));
    const picked = ids[j] as number;
    ids[j] = ids[i] as number;
    ids[i] = picked;
  }
  return { count, poison: new Set(ids.slice(0, poisonCount)), slow: new Set(ids.slice(poisonCount, picks)) };
}

export function kindIn(plan: Plan, n: number): MessageKind {
  return plan.poison.has(n) ? 'poison' : plan.slow.has(n) ? 'slow' : 'ok';
}

/** One S3 `ObjectCreated:Put` notification per message, as S3 sends it to SQS. */
export function bodyOf(n: number, kind: MessageKind): string {
  return JSON.stringify(asS3Event(s3Record({ name: 'ObjectCreated:Put', bucket: 'chaos-bucket', key: keyOf(n, kind), size: 1024 + n })));
}

/** Sends the plan's messages 0…count-1, 10 per `SendMessageBatch`, `parallel` batches at a time. */
export async function sendAll(sqs: SQSClient, queueUrl: string, plan: Plan, parallel = 8): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < plan.count) {
      const start = next;
      next += 10;
      const entries = [];
      for (let n = start; n < Math.min(plan.count, start + 10); n++) entries.push({ Id: String(n - start), MessageBody: bodyOf(n, kindIn(plan, n)) });
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
