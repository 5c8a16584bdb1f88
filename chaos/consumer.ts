/**
 * The consumer under test, the same in both phases: `subscribe().start()` with a short visibility
 * timeout, a handler that does a little asynchronous work and records each message it handled
 * (poison messages always throw; slow ones work `slowMs`, longer than the visibility timeout, and
 * give up when `ctx.signal` says the message can no longer be kept), and failed messages retried
 * after one second.
 */
import { setTimeout as wait } from 'node:timers/promises';
import { HandlerAbortedError, subscribe, type S3EventConsumer, type SqsClientLike, type SqsConsumerError } from '../src/index.js';
import type { Handling } from './ledger.js';
import { parseKey } from './sqs.js';

export interface ChaosConsumerOptions {
  readonly queueUrl: string;
  readonly client: SqsClientLike;
  readonly concurrency: number;
  readonly visibilityTimeout: number;
  /** The handler's work takes a random 0…workMs ms. */
  readonly workMs: number;
  /** How long the handler of a `slow` message works. */
  readonly slowMs: number;
  readonly stopTimeout: number;
}

export interface ChaosConsumerHooks {
  /** Called when a handler finished its work, before it returns (so before the delete). */
  readonly handled: (handling: Handling) => void;
  readonly error: (error: SqsConsumerError) => void;
  /** A message that was not what the run sent (must not happen). */
  readonly unexpected: (what: string) => void;
  /** A slow handler gave up because its signal fired (with this reason). */
  readonly aborted: (reason: string) => void;
}

export function startChaosConsumer(options: ChaosConsumerOptions, hooks: ChaosConsumerHooks): S3EventConsumer {
  const subscription = subscribe({}, async (event, ctx) => {
    const parsed = parseKey(event.key);
    if (!parsed) {
      hooks.unexpected(`key ${event.key}`);
      throw new Error(`not a chaos message: ${event.key}`);
    }
    if (parsed.kind === 'poison') throw new Error(`poison message ${parsed.n}`);
    if (parsed.kind === 'slow') {
      try {
        await wait(options.slowMs, undefined, { signal: ctx.signal });
      } catch (error) {
        const reason: unknown = ctx.signal.reason;
        hooks.aborted(reason instanceof HandlerAbortedError ? reason.reason : 'other');
        throw error;
      }
    } else {
      const work = Math.random() * options.workMs;
      if (work >= 0.5) await wait(work);
      else await Promise.resolve();
    }
    const message = ctx.message as { ReceiptHandle?: unknown };
    const receipt = typeof message.ReceiptHandle === 'string' ? message.ReceiptHandle : '';
    hooks.handled({ n: parsed.n, receiveCount: ctx.receiveCount ?? 0, receipt });
  });
  const consumer = subscription.start({
    queueUrl: options.queueUrl,
    client: options.client,
    concurrency: options.concurrency,
    visibilityTimeout: options.visibilityTimeout,
    retryDelay: 1,
    stopTimeout: options.stopTimeout,
  });
  consumer.on('error', hooks.error);
  consumer.on('handlerError', () => undefined); // the poison messages: expected, counted in consumer.stats.failed
  consumer.on('invalid', (error) => hooks.unexpected(`invalid message: ${error.message}`));
  return consumer;
}
