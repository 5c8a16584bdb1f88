/**
 * `retryDelay` in Lambda: after an SQS batch, the messages named in `batchItemFailures` are hidden
 * for the computed delay with `ChangeMessageVisibilityBatch` on their queue (found from each
 * record's `eventSourceARN`), before the invocation returns, so Lambda does not freeze the process
 * with the calls in flight. The calls are bounded (1 s, less near the deadline); one that fails or
 * times out is logged once (warn) and never fails the batch: its messages come back after the
 * queue's visibility timeout, as without `retryDelay`.
 * @module
 */
import type { ParsedMessage } from '../normalize/parse.js';
import { importPeer } from '../optional-peer.js';
import { retrySeconds } from './backoff.js';
import type { SqsClientLike } from './consumer-types.js';
import { messageOf } from './observe.js';
import type { Core } from './run-message.js';
import type { LambdaContextLike } from './types.js';

/** The longest a Lambda invocation waits for its `ChangeMessageVisibilityBatch` calls. @internal */
export const RETRY_DELAY_TIMEOUT_MS = 1000;
/** Kept free before Lambda's deadline: the calls are cut shorter rather than run into it. */
const DEADLINE_SPARE_MS = 100;
/** Entries per `ChangeMessageVisibilityBatch`: SQS takes ten at most. */
const BATCH_LIMIT = 10;

/**
 * Each partition's DNS suffix, as the AWS SDK's endpoint rules list them (`partitions.json` of
 * `@aws-sdk/util-endpoints`): SQS endpoints are `sqs.<region>.<suffix>` in every one, e.g.
 * `sqs.cn-north-1.amazonaws.com.cn` in China and `sqs.us-gov-west-1.amazonaws.com` in GovCloud.
 */
const DNS_SUFFIXES: Readonly<Record<string, string>> = {
  aws: 'amazonaws.com',
  'aws-cn': 'amazonaws.com.cn',
  'aws-us-gov': 'amazonaws.com',
  'aws-eusc': 'amazonaws.eu',
  'aws-iso': 'c2s.ic.gov',
  'aws-iso-b': 'sc2s.sgov.gov',
  'aws-iso-e': 'cloud.adc-e.uk',
  'aws-iso-f': 'csp.hci.ic.gov',
};

/** `arn:<partition>:sqs:<region>:<account>:<name>`; queue names are 1 to 80 of `[A-Za-z0-9_-]`, `.fifo` included. */
const QUEUE_ARN = /^arn:([a-z0-9-]+):sqs:([a-z0-9-]+):(\d{12}):([\w-]{1,80}(?:\.fifo)?)$/;

/**
 * The URL of the SQS queue an ARN names (a Lambda SQS record's `eventSourceARN`):
 * `https://sqs.<region>.<domain>/<account>/<name>`, the domain being the partition's
 * (`amazonaws.com`, `amazonaws.com.cn` in China, …). With `endpoint`, a local server's
 * (LocalStack, fauxqs) or a VPC endpoint's URL: `<endpoint>/<account>/<name>`. Undefined when the
 * text is no SQS queue ARN, or its partition is unknown and no `endpoint` is given.
 *
 * @example
 * ```ts
 * import { queueUrlFromArn } from 's3-event-kit';
 * queueUrlFromArn('arn:aws:sqs:eu-west-1:123456789012:uploads'); //=> 'https://sqs.eu-west-1.amazonaws.com/123456789012/uploads'
 * queueUrlFromArn('arn:aws-cn:sqs:cn-north-1:123456789012:uploads.fifo'); //=> 'https://sqs.cn-north-1.amazonaws.com.cn/123456789012/uploads.fifo'
 * queueUrlFromArn('arn:aws:sqs:us-east-1:000000000000:uploads', { endpoint: 'http://localhost:4566/' }); //=> 'http://localhost:4566/000000000000/uploads'
 * queueUrlFromArn('arn:aws:sns:us-east-1:123456789012:topic'); //=> undefined
 * ```
 * @category Subscribe
 */
export function queueUrlFromArn(queueArn: string, options: { readonly endpoint?: string | undefined } = {}): string | undefined {
  const match = QUEUE_ARN.exec(queueArn);
  if (!match) return undefined;
  const [, partition = '', region = '', account = '', name = ''] = match;
  if (options.endpoint !== undefined) return `${options.endpoint.replace(/\/+$/, '')}/${account}/${name}`;
  const suffix = DNS_SUFFIXES[partition];
  return suffix === undefined ? undefined : `https://sqs.${region}.${suffix}/${account}/${name}`;
}

interface Change {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly seconds: number;
}

/** A queue's changes and what is needed to send them. */
interface QueueChanges {
  readonly url: string;
  readonly region: string | undefined;
  readonly changes: Change[];
}

/**
 * Hides the failed messages of a Lambda SQS batch for `retryDelay`. `failed[i]` is the failure of
 * `messages[i]` (undefined: it succeeded). Never throws; resolves within the time bound.
 * @internal
 */
export async function delayRetries(
  core: Core,
  messages: readonly ParsedMessage[],
  failed: ReadonlyArray<Error | undefined>,
  lambdaContext: LambdaContextLike | undefined,
): Promise<void> {
  const { retryDelay } = core.settings;
  if (retryDelay === undefined) return;
  const queues = new Map<string, QueueChanges>();
  const unaddressed: string[] = [];
  failed.forEach((error, i) => {
    const parsed = messages[i];
    if (error === undefined || parsed === undefined || parsed.messageId === undefined || parsed.messageId === '') return;
    const record = parsed.message as { receiptHandle?: unknown; eventSourceARN?: unknown; awsRegion?: unknown; attributes?: { ApproximateReceiveCount?: unknown } };
    // A ReceiveMessage result handed over by hand has no queue ARN: nothing says where to send the call.
    if (typeof record.receiptHandle !== 'string' || typeof record.eventSourceARN !== 'string') return;
    const messageId = parsed.messageId;
    const count = Number(record.attributes?.ApproximateReceiveCount);
    const seconds = retrySeconds(retryDelay, { messageId, receiveCount: Number.isInteger(count) ? count : 1, error }, (thrown) =>
      core.observer.log('warn', `retryDelay threw for message ${messageId}, so it comes back after the queue's visibility timeout: ${messageOf(thrown)}`, {
        transport: 'lambda',
        messageId,
        error: thrown,
      }),
    );
    if (seconds === undefined) return;
    const url = urlOf(core, record.eventSourceARN);
    if (url === undefined) {
      unaddressed.push(messageId);
      return;
    }
    let queue = queues.get(url);
    if (!queue) {
      const region = record.eventSourceARN.split(':')[3] || (typeof record.awsRegion === 'string' ? record.awsRegion : undefined);
      queue = { url, region, changes: [] };
      queues.set(url, queue);
    }
    queue.changes.push({ messageId, receiptHandle: record.receiptHandle, seconds });
  });
  if (unaddressed.length > 0) {
    core.observer.log('warn', `retryDelay: no queue URL for ${unaddressed.length} failed message(s) (give queueUrlOf), so they come back after the queue's visibility timeout`, {
      transport: 'lambda',
      messageIds: unaddressed,
    });
  }
  if (queues.size === 0) return;

  const remaining = lambdaContext?.getRemainingTimeInMillis?.();
  const budget = Math.min(RETRY_DELAY_TIMEOUT_MS, typeof remaining === 'number' && Number.isFinite(remaining) ? remaining - DEADLINE_SPARE_MS : Infinity);
  const calls = [...queues.values()].flatMap((queue) => chunks(queue.changes).map((changes) => ({ ...queue, changes })));
  if (budget <= 0) {
    const ids = calls.flatMap((call) => call.changes.map((c) => c.messageId));
    core.observer.log('warn', `retryDelay: Lambda's deadline is too near to change the visibility of ${ids.length} failed message(s); they come back after the queue's visibility timeout`, {
      transport: 'lambda',
      messageIds: ids,
      operation: 'ChangeMessageVisibilityBatch',
    });
    return;
  }
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve('timeout');
    }, budget);
  });
  try {
    await Promise.all(calls.map((call) => sendBounded(core, call, controller.signal, timedOut, budget)));
  } finally {
    clearTimeout(timer);
  }
}

/** One call, raced against the shared time bound (a client that ignores the abort signal is not waited for). */
async function sendBounded(core: Core, call: QueueChanges, signal: AbortSignal, timedOut: Promise<'timeout'>, budget: number): Promise<void> {
  const ids = call.changes.map((c) => c.messageId);
  const fields = { transport: 'lambda', queueUrl: call.url, operation: 'ChangeMessageVisibilityBatch' } as const;
  let outcome: unknown;
  try {
    outcome = await Promise.race([send(core, call, signal), timedOut]);
  } catch (error) {
    core.observer.log('warn', `retryDelay: ChangeMessageVisibilityBatch failed for ${ids.length} message(s) of ${call.url}, so they come back after the queue's visibility timeout: ${messageOf(error)}`, {
      ...fields,
      messageIds: ids,
      error,
    });
    return;
  }
  if (outcome === 'timeout') {
    core.observer.log('warn', `retryDelay: ChangeMessageVisibilityBatch did not answer within ${Math.round(budget)} ms for ${ids.length} message(s) of ${call.url}; Lambda returns without it, and they come back after the queue's visibility timeout (or the delay, if the call got through)`, {
      ...fields,
      messageIds: ids,
    });
    return;
  }
  for (const failure of failuresOf(outcome)) {
    const change = call.changes[Number(failure.Id)];
    if (change === undefined) continue;
    core.observer.log('warn', `retryDelay: SQS did not change the visibility of message ${change.messageId} (${failure.Code ?? 'unknown'}: ${failure.Message ?? 'the entry failed'}); it comes back after the queue's visibility timeout`, {
      ...fields,
      messageId: change.messageId,
      code: failure.Code,
    });
  }
}

async function send(core: Core, call: QueueChanges, signal: AbortSignal): Promise<unknown> {
  const { client, Command } = await sender(core.settings.sqsClient, call.region);
  const command = new Command({
    QueueUrl: call.url,
    Entries: call.changes.map((c, i) => ({ Id: String(i), ReceiptHandle: c.receiptHandle, VisibilityTimeout: c.seconds })),
  });
  return client.send(command, { abortSignal: signal });
}

function urlOf(core: Core, arn: string): string | undefined {
  const { queueUrlOf } = core.settings;
  if (queueUrlOf === undefined) return queueUrlFromArn(arn);
  try {
    const url = queueUrlOf(arn);
    return typeof url === 'string' && url !== '' ? url : undefined;
  } catch (error) {
    core.observer.log('warn', `queueUrlOf threw for ${arn}: ${messageOf(error)}`, { transport: 'lambda', error });
    return undefined;
  }
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH_LIMIT) out.push(items.slice(i, i + BATCH_LIMIT));
  return out;
}

interface Failed {
  readonly Id?: unknown;
  readonly Code?: string | undefined;
  readonly Message?: string | undefined;
}

function failuresOf(output: unknown): Failed[] {
  const failed = (output as { Failed?: unknown } | undefined)?.Failed;
  return Array.isArray(failed) ? (failed as Failed[]) : [];
}

// ── the client ─────────────────────────────────────────────────────────────────────────────────

type CommandClass = new (input: object) => object;

interface SdkModule {
  readonly SQSClient: new (config: object) => SqsClientLike;
  readonly ChangeMessageVisibilityBatchCommand: CommandClass;
}

/** A plain command for a client that is not the SDK's when the SDK is not installed: its class name and `input`. */
const PlainCommand: CommandClass = class ChangeMessageVisibilityBatchCommand {
  constructor(readonly input: object) {}
};

/** Default clients, one per region, made when first needed and kept for the life of the Lambda instance. */
const defaultClients = new Map<string, SqsClientLike>();

async function sender(given: SqsClientLike | undefined, region: string | undefined): Promise<{ client: SqsClientLike; Command: CommandClass }> {
  let sdk: SdkModule;
  try {
    sdk = await importPeer<SdkModule>('@aws-sdk/client-sqs', given ? 'retryDelay in Lambda with an SQSClient' : 'retryDelay in Lambda without an sqsClient');
  } catch (error) {
    const c = given as { middlewareStack?: unknown } | undefined;
    // A client of one's own can dispatch on the command's name; an SDK client only sends SDK commands.
    if (given && (typeof c?.middlewareStack !== 'object' || c.middlewareStack === null)) return { client: given, Command: PlainCommand };
    throw error;
  }
  if (given) return { client: given, Command: sdk.ChangeMessageVisibilityBatchCommand };
  const key = region ?? '';
  let client = defaultClients.get(key);
  if (!client) {
    client = new sdk.SQSClient(region ? { region } : {});
    defaultClients.set(key, client);
  }
  return { client, Command: sdk.ChangeMessageVisibilityBatchCommand };
}
