/**
 * A `subscribeBatch()` subscription as a Lambda handler: the invocation's messages are one batch
 * (one handler call); SQS batches answer with `batchItemFailures` (FIFO: a failed message and
 * every later one of the batch, or of its group with `skipGroupOnError`), asynchronous roads
 * throw an `S3EventBatchError` when anything failed — the rules of `subscribe()`.
 * @internal @module
 */
import { parseMessages } from '../normalize/parse.js';
import { BatchContext, runBatch, type BatchItem, type BatchWork } from './batch-run.js';
import { MessageContext } from './context.js';
import { S3EventBatchError } from './errors.js';
import { Deadline, isFifo, sqsAnswer, type Failure } from './lambda.js';
import { groupOf, receiveCountOf } from './sqs-attributes.js';
import { outcomeOf, whereOf, type Core, type Result } from './run-message.js';
import type { LambdaContextLike, SqsBatchResponse } from './types.js';

export async function invokeLambdaBatch(
  core: Core,
  work: BatchWork,
  input: unknown,
  lambdaContext: LambdaContextLike | undefined,
): Promise<SqsBatchResponse | undefined> {
  const { carrier, messages } = parseMessages(input, core.parse);
  const deadline = new Deadline(lambdaContext, core);
  try {
    const items: BatchItem[] = messages.map((parsed) => {
      const receiveCount = carrier === 'sqs' ? receiveCountOf(parsed.message) : undefined;
      return { parsed, ctx: deadline.context(new MessageContext(parsed.messageId, receiveCount, parsed.message, lambdaContext)) };
    });
    const results = await runBatch(core, work, items, new BatchContext(lambdaContext), 'lambda');
    for (const { ctx } of items) deadline.done(ctx);
    const failed = results.map((r) => (r.ack ? undefined : r.error));
    // A message dropped or dead-lettered as a permanent failure is done with: never held back for retry.
    const done = new Set(results.flatMap((r, i) => (r.ack && r.permanent ? [i] : [])));
    const held = carrier === 'sqs' && messages.some((m) => isFifo(m.message)) ? fifoHeld(core, items, failed, done) : new Set<number>();
    items.forEach(({ ctx }, i) => {
      const result = results[i] as Result;
      core.observer.message(held.has(i) ? 'failed' : outcomeOf(result), result.handled, result.skipped, whereOf(ctx, 'lambda'));
    });
    if (carrier === 'sqs') return await sqsAnswer(core, messages, failed, lambdaContext);
    const errors = failed.filter((error): error is Failure => error !== undefined);
    if (errors.length > 0) throw new S3EventBatchError(errors, messages.length);
    return undefined;
  } finally {
    deadline.dispose();
    core.observer.flush();
  }
}

/**
 * FIFO order: after a failed message, every later message of the batch (of its group, with
 * `skipGroupOnError`) is reported too, so it comes back after the failed one. Marks them in
 * `failed` and returns their indexes (each said once on the logger).
 */
function fifoHeld(core: Core, items: readonly BatchItem[], failed: Array<Failure | undefined>, done: ReadonlySet<number>): Set<number> {
  const perGroup = core.settings.skipGroupOnError;
  const first = new Map<string, Failure>();
  const held = new Set<number>();
  items.forEach(({ parsed }, i) => {
    const key = perGroup ? (groupOf(parsed.message) ?? '') : '';
    const earlier = first.get(key);
    const own = failed[i];
    if (earlier === undefined) {
      if (own !== undefined) first.set(key, own);
      return;
    }
    if (own !== undefined || done.has(i)) return;
    failed[i] = earlier;
    held.add(i);
    core.observer.log(
      'warn',
      `FIFO message ${parsed.messageId ?? '(no id)'} reported for retry: an earlier message of its ${perGroup ? 'group' : 'batch'} failed (${earlier.messageId ?? 'no id'}); it is retried after it`,
      { transport: 'lambda', messageId: parsed.messageId, outcome: 'failed' },
    );
  });
  return held;
}
