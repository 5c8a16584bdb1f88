/** Queues, bulk sends and observation helpers for the subscribe() integration tests (real fauxqs over HTTP). */
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SqsClientLike } from 's3-event-kit';
import { uniqueName } from '../setup/aws.js';

export interface TestQueue {
  readonly url: string;
  readonly arn: string;
}

/** A fresh queue (and optionally a DLQ with a redrive policy). */
export async function createQueue(
  sqs: SQSClient,
  prefix: string,
  options: { visibilityTimeout?: number; dlq?: { maxReceiveCount: number }; fifo?: boolean } = {},
): Promise<TestQueue & { dlq?: TestQueue }> {
  const suffix = options.fifo ? '.fifo' : '';
  let dlq: TestQueue | undefined;
  if (options.dlq) {
    dlq = await makeQueue(sqs, `${uniqueName(`${prefix}-dlq`)}${suffix}`, options.fifo ? { FifoQueue: 'true' } : {});
  }
  const attributes: Record<string, string> = { VisibilityTimeout: String(options.visibilityTimeout ?? 30) };
  if (options.fifo) attributes['FifoQueue'] = 'true';
  if (dlq && options.dlq) {
    attributes['RedrivePolicy'] = JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: options.dlq.maxReceiveCount });
  }
  const queue = await makeQueue(sqs, `${uniqueName(prefix)}${suffix}`, attributes);
  return dlq ? { ...queue, dlq } : queue;
}

async function makeQueue(sqs: SQSClient, name: string, attributes: Record<string, string>): Promise<TestQueue> {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  const url = QueueUrl as string;
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
  return { url, arn: Attributes?.['QueueArn'] as string };
}

/** Sends every body, 10 per `SendMessageBatch`, `parallel` batches at a time. Returns the message ids in order. */
export async function sendAll(sqs: SQSClient, queueUrl: string, bodies: readonly string[], parallel = 8): Promise<string[]> {
  const ids: string[] = new Array(bodies.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < bodies.length) {
      const start = next;
      next += 10;
      const chunk = bodies.slice(start, start + 10);
      const out = await sqs.send(
        new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: chunk.map((MessageBody, i) => ({ Id: String(i), MessageBody })) }),
      );
      if (out.Failed?.length) throw new Error(`SendMessageBatch failed: ${JSON.stringify(out.Failed)}`);
      for (const ok of out.Successful ?? []) ids[start + Number(ok.Id)] = ok.MessageId as string;
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return ids;
}

/** Visible + in-flight (+ delayed) messages of a queue. */
export async function queueDepth(sqs: SQSClient, queueUrl: string): Promise<{ visible: number; inFlight: number }> {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return {
    visible: Number(Attributes['ApproximateNumberOfMessages'] ?? 0),
    inFlight: Number(Attributes['ApproximateNumberOfMessagesNotVisible'] ?? 0),
  };
}

/** Receives and deletes everything in a queue (e.g. a DLQ) until it stays empty; returns the messages. */
export async function drain(sqs: SQSClient, queueUrl: string, quietMs = 300): Promise<Message[]> {
  const all: Message[] = [];
  let quietSince = Date.now();
  while (Date.now() - quietSince < quietMs) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, VisibilityTimeout: 60 }),
    );
    if (Messages.length === 0) {
      await sleep(25);
      continue;
    }
    quietSince = Date.now();
    all.push(...Messages);
    await sqs.send(
      new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })) }),
    );
  }
  return all;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` until it returns true; fails after `timeoutMs` with `what`. */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

/** A command as the SDK builds it: its class name and input. */
export interface SentCommand {
  readonly name: string;
  readonly input: Record<string, unknown>;
  readonly at: number;
}

/**
 * The real client, observed: `before` sees each command before it goes to the server (a spy, not
 * a fake: every call still reaches fauxqs over HTTP).
 */
export function observe(client: SQSClient, before: (command: SentCommand) => void): SqsClientLike {
  return {
    send(command: unknown, options?: { abortSignal?: AbortSignal }) {
      const c = command as { constructor: { name: string }; input: Record<string, unknown> };
      before({ name: c.constructor.name, input: c.input, at: Date.now() });
      return client.send(command as never, options);
    },
  };
}
