/**
 * The subscription as a Lambda handler: SQS batches answer with `batchItemFailures` (FIFO stops
 * at the first failure), asynchronous roads (S3, SNS, EventBridge) throw when anything failed.
 * @internal @module
 */
import { parseMessages, type ParsedMessage } from '../normalize/parse.js';
import type { S3EventParseError } from '../normalize/errors.js';
import { HandlerAbortedError, S3EventBatchError, type S3EventHandlerError } from './errors.js';
import { runMessage, type Core, type Result } from './run-message.js';
import type { LambdaContextLike, S3EventContext, SqsBatchResponse } from './types.js';

/** `ctx.signal` fires this long before Lambda's deadline. */
const DEADLINE_MARGIN_MS = 500;

type Failure = S3EventHandlerError | S3EventParseError;

export async function invokeLambda(core: Core, input: unknown, lambdaContext: LambdaContextLike | undefined): Promise<SqsBatchResponse | undefined> {
  const { carrier, messages } = parseMessages(input, core.parse);
  const deadline = deadlineSignal(lambdaContext);
  try {
    const contextOf = (parsed: ParsedMessage): S3EventContext => ({
      messageId: parsed.messageId,
      receiveCount: carrier === 'sqs' ? receiveCountOf(parsed.message) : undefined,
      signal: deadline.signal,
      lambdaContext,
      message: parsed.message,
    });
    const abortReason = (): unknown => (deadline.signal.aborted ? deadline.signal.reason : undefined);
    const run = (parsed: ParsedMessage): Promise<Result> => runMessage(core, parsed, contextOf(parsed), abortReason);
    if (carrier === 'sqs') return await sqsBatch(core, messages, run);

    const results = await forEachLimit(messages, core.settings.concurrency, run);
    const errors = results.flatMap((r) => (r.ack ? [] : [r.error]));
    if (errors.length > 0) throw new S3EventBatchError(errors, messages.length);
    return undefined;
  } finally {
    deadline.dispose();
  }
}

/** An SQS batch: standard queues run messages concurrently; FIFO queues keep order. */
async function sqsBatch(
  core: Core,
  messages: ParsedMessage[],
  run: (parsed: ParsedMessage) => Promise<Result>,
): Promise<SqsBatchResponse> {
  const failed = new Array<Failure | undefined>(messages.length);
  if (!messages.some((m) => isFifo(m.message))) {
    const results = await forEachLimit(messages, core.settings.concurrency, run);
    results.forEach((r, i) => {
      if (!r.ack) failed[i] = r.error;
    });
  } else if (core.settings.skipGroupOnError) {
    const groups = new Map<string, number[]>();
    messages.forEach((m, i) => {
      const group = groupOf(m.message) ?? '';
      const list = groups.get(group);
      if (list) list.push(i);
      else groups.set(group, [i]);
    });
    await forEachLimit([...groups.values()], core.settings.concurrency, (indexes) => inOrder(indexes, messages, run, failed));
  } else {
    await inOrder(messages.map((_, i) => i), messages, run, failed);
  }
  const batchItemFailures: Array<{ itemIdentifier: string }> = [];
  const unnamed: Failure[] = [];
  failed.forEach((error, i) => {
    if (error === undefined) return;
    const id = messages[i]?.messageId;
    // An empty or missing itemIdentifier makes Lambda fail the whole batch anyway: say so clearly.
    if (id === undefined || id === '') unnamed.push(error);
    else batchItemFailures.push({ itemIdentifier: id });
  });
  if (unnamed.length > 0) throw new S3EventBatchError(unnamed, messages.length);
  return { batchItemFailures };
}

/** Runs messages one after the other; after the first failure, the rest are failed unhandled. */
async function inOrder(
  indexes: number[],
  messages: ParsedMessage[],
  run: (parsed: ParsedMessage) => Promise<Result>,
  failed: Array<Failure | undefined>,
): Promise<void> {
  let first: Failure | undefined;
  for (const i of indexes) {
    if (first) {
      failed[i] = first;
      continue;
    }
    const result = await run(messages[i] as ParsedMessage);
    if (!result.ack) failed[i] = first = result.error;
  }
}

/** Runs `fn` over `items` with at most `limit` at once, keeping the results in order. */
async function forEachLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function attributesOf(message: unknown): Record<string, unknown> | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const m = message as { attributes?: unknown; Attributes?: unknown };
  const attributes = m.attributes ?? m.Attributes;
  return typeof attributes === 'object' && attributes !== null ? (attributes as Record<string, unknown>) : undefined;
}

/** `ApproximateReceiveCount` of an SQS record or `ReceiveMessage` message. */
export function receiveCountOf(message: unknown): number | undefined {
  const count = attributesOf(message)?.['ApproximateReceiveCount'];
  const n = typeof count === 'string' ? Number(count) : NaN;
  return Number.isInteger(n) ? n : undefined;
}

/** `MessageGroupId` of a FIFO message. */
export function groupOf(message: unknown): string | undefined {
  const group = attributesOf(message)?.['MessageGroupId'];
  return typeof group === 'string' ? group : undefined;
}

function isFifo(message: unknown): boolean {
  if (groupOf(message) !== undefined) return true;
  const arn = typeof message === 'object' && message !== null ? (message as { eventSourceARN?: unknown }).eventSourceARN : undefined;
  return typeof arn === 'string' && arn.endsWith('.fifo');
}

/** A signal that fires shortly before Lambda's deadline (or never, without a context). */
function deadlineSignal(context: LambdaContextLike | undefined): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const remaining = context?.getRemainingTimeInMillis?.();
  if (typeof remaining !== 'number' || !Number.isFinite(remaining)) return { signal: controller.signal, dispose: () => {} };
  const timer = setTimeout(() => {
    controller.abort(new HandlerAbortedError('deadline', undefined, `Lambda's deadline is ${DEADLINE_MARGIN_MS} ms away`));
  }, Math.max(0, remaining - DEADLINE_MARGIN_MS));
  timer.unref?.();
  return { signal: controller.signal, dispose: () => clearTimeout(timer) };
}
