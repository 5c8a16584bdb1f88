/**
 * The subscription as a Lambda handler: SQS batches answer with `batchItemFailures` (FIFO stops
 * at the first failure), asynchronous roads (S3, SNS, EventBridge) throw when anything failed.
 * @internal @module
 */
import { parseMessages, type ParsedMessage } from '../normalize/parse.js';
import type { S3EventParseError } from '../normalize/errors.js';
import { MessageContext } from './context.js';
import { HandlerAbortedError, S3EventBatchError, type S3EventHandlerError } from './errors.js';
import { delayRetries } from './lambda-retry.js';
import { outcomeOf, runMessage, whereOf, type Core, type Result } from './run-message.js';
import { groupOf, receiveCountOf } from './sqs-attributes.js';
import type { LambdaContextLike, SqsBatchResponse } from './types.js';

/** `ctx.signal` fires this long before Lambda's deadline. */
const DEADLINE_MARGIN_MS = 500;

export type Failure = S3EventHandlerError | S3EventParseError;

export async function invokeLambda(core: Core, input: unknown, lambdaContext: LambdaContextLike | undefined): Promise<SqsBatchResponse | undefined> {
  const { carrier, messages } = parseMessages(input, core.parse);
  const deadline = new Deadline(lambdaContext, core);
  try {
    const run = async (parsed: ParsedMessage): Promise<Result> => {
      const receiveCount = carrier === 'sqs' ? receiveCountOf(parsed.message) : undefined;
      const ctx = deadline.context(new MessageContext(parsed.messageId, receiveCount, parsed.message, lambdaContext));
      const result = await runMessage(core, parsed, ctx, 'lambda');
      deadline.done(ctx);
      core.observer.message(outcomeOf(result), result.handled, result.skipped, whereOf(ctx, 'lambda'));
      return result;
    };
    if (carrier === 'sqs') return await sqsBatch(core, messages, run, lambdaContext);

    const results = await forEachLimit(messages, core.settings.concurrency, run);
    const errors = results.flatMap((r) => (r.ack ? [] : [r.error]));
    if (errors.length > 0) throw new S3EventBatchError(errors, messages.length);
    return undefined;
  } finally {
    deadline.dispose();
    core.observer.flush();
  }
}

/** An SQS batch: standard queues run messages concurrently; FIFO queues keep order. */
async function sqsBatch(
  core: Core,
  messages: ParsedMessage[],
  run: (parsed: ParsedMessage) => Promise<Result>,
  lambdaContext: LambdaContextLike | undefined,
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
    await forEachLimit([...groups.values()], core.settings.concurrency, (indexes) => inOrder(core, indexes, messages, run, failed));
  } else {
    await inOrder(core, messages.map((_, i) => i), messages, run, failed);
  }
  return sqsAnswer(core, messages, failed, lambdaContext);
}

/**
 * The answer to an SQS batch (shared with subscribeBatch): `{ batchItemFailures }`, after
 * `retryDelay` hid the failed messages for their delay (bounded, never throws).
 */
export async function sqsAnswer(
  core: Core,
  messages: readonly ParsedMessage[],
  failed: ReadonlyArray<Failure | undefined>,
  lambdaContext: LambdaContextLike | undefined,
): Promise<SqsBatchResponse> {
  const response = sqsResponse(messages, failed);
  if (response.batchItemFailures.length > 0) await delayRetries(core, messages, failed, lambdaContext);
  return response;
}

/** `{ batchItemFailures }` naming the failed messages. */
function sqsResponse(messages: readonly ParsedMessage[], failed: ReadonlyArray<Failure | undefined>): SqsBatchResponse {
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

/**
 * Runs messages one after the other; after the first failure, the rest are failed unhandled (and
 * said so on the logger: they come back with the failed one, in order).
 */
async function inOrder(
  core: Core,
  indexes: number[],
  messages: ParsedMessage[],
  run: (parsed: ParsedMessage) => Promise<Result>,
  failed: Array<Failure | undefined>,
): Promise<void> {
  let first: Failure | undefined;
  for (const i of indexes) {
    if (first) {
      failed[i] = first;
      const { messageId, message } = messages[i] as ParsedMessage;
      const where = { transport: 'lambda', messageId, receiveCount: receiveCountOf(message), message } as const;
      core.observer.log('warn', `FIFO message ${messageId ?? '(no id)'} not handled: an earlier message of its ${core.settings.skipGroupOnError ? 'group' : 'batch'} failed (${first.messageId ?? 'no id'}); it is retried after it`, {
        transport: 'lambda',
        messageId,
        outcome: 'failed',
      });
      core.observer.message('failed', 0, 0, where);
      continue;
    }
    const result = await run(messages[i] as ParsedMessage);
    if (!result.ack) failed[i] = first = result.error;
  }
}

/** Runs `fn` over `items` with at most `limit` at once, keeping the results in order. */
export async function forEachLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
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

export function isFifo(message: unknown): boolean {
  if (groupOf(message) !== undefined) return true;
  const arn = typeof message === 'object' && message !== null ? (message as { eventSourceARN?: unknown }).eventSourceARN : undefined;
  return typeof arn === 'string' && arn.endsWith('.fifo');
}

/**
 * Lambda's deadline: shortly before it, the signal of every running message's context fires (one
 * signal per message, made only when read, so no shared signal collects a listener per handler),
 * and one warning names the messages still running: if their handlers ignore the signal, Lambda
 * ends the invocation and this line is all the log will say about them.
 */
export class Deadline {
  private readonly running = new Set<MessageContext>();
  private fired = false;
  private readonly timer: ReturnType<typeof setTimeout> | undefined;

  constructor(context: LambdaContextLike | undefined, core: Core) {
    const remaining = context?.getRemainingTimeInMillis?.();
    if (typeof remaining !== 'number' || !Number.isFinite(remaining)) return;
    this.timer = setTimeout(() => {
      this.fired = true;
      if (this.running.size === 0) return;
      const ids = [...this.running].map((ctx) => ctx.messageId ?? '(no id)');
      core.observer.log('warn', `Lambda's deadline is ${DEADLINE_MARGIN_MS} ms away with ${ids.length} message(s) still running: ${ids.join(', ')}`, {
        transport: 'lambda',
        messageIds: ids,
      });
      for (const ctx of this.running) this.abort(ctx);
    }, Math.max(0, remaining - DEADLINE_MARGIN_MS));
    this.timer.unref?.();
  }

  /** Registers a message's context; one that starts after the deadline is aborted at once. */
  context(ctx: MessageContext): MessageContext {
    if (this.timer === undefined) return ctx;
    if (this.fired) this.abort(ctx);
    else this.running.add(ctx);
    return ctx;
  }

  done(ctx: MessageContext): void {
    this.running.delete(ctx);
  }

  private abort(ctx: MessageContext): void {
    ctx.abort(new HandlerAbortedError('deadline', ctx.messageId, `Lambda's deadline is ${DEADLINE_MARGIN_MS} ms away`));
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
