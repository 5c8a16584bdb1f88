/**
 * The `around(ctx, next)` option: one call per message around its handler calls, on every
 * transport. The message's result is the handler's when `next()` ran and failed (logged once,
 * by the run itself), else `around`'s own failure (logged here, once), else the run's.
 * @internal @module
 */
import type { S3ObjectEvent } from '../events/normalized.js';
import type { MessageContext } from './context.js';
import { S3EventHandlerError } from './errors.js';
import type { Observer, Where } from './observe.js';
import type { AroundHook } from './types.js';

/** What `runMessage` makes of one message: `ack`, counts, and the error when it failed. */
interface RunResult {
  readonly ack: boolean;
  readonly handled: number;
  readonly skipped: number;
  readonly error?: unknown;
}

/** The handler's own error behind a failed run (what `next()` rejects with). */
function causeOf(error: unknown): unknown {
  return error instanceof S3EventHandlerError ? error.cause : error;
}

export async function runAround<Result extends RunResult>(
  around: AroundHook,
  event: S3ObjectEvent,
  ctx: MessageContext,
  where: () => Where,
  observer: Observer,
  run: () => Promise<Result>,
): Promise<Result | { readonly ack: false; readonly handled: number; readonly skipped: number; readonly error: S3EventHandlerError }> {
  let result: Result | undefined;
  let running: Promise<void> | undefined;
  const next = (): Promise<void> =>
    (running ??= run().then((r) => {
      result = r;
      if (!r.ack) throw causeOf(r.error);
    }));
  let failure: unknown;
  let threw = false;
  try {
    await around(ctx, next);
  } catch (error) {
    threw = true;
    failure = error;
  }
  // `around` returned (or threw) before the handler calls settled: they still decide the message.
  if (running !== undefined) await running.catch(() => undefined);
  if (result !== undefined && !result.ack) return result; // the handler failed: logged once already
  if (!threw && running === undefined) failure = new Error('around() returned without calling next(): the message was not handled');
  else if (!threw) return result as Result;
  const error = new S3EventHandlerError(event, failure);
  await observer.failed(error, where(), event);
  return { ack: false, handled: result?.handled ?? 0, skipped: result?.skipped ?? 0, error };
}
