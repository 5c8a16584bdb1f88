/**
 * The `around(ctx, next)` option: one call per message (per batch for `subscribeBatch()`) around
 * its handler calls, on every transport. The result is the handler's when `next()` ran and failed
 * (logged once, by the run itself), else `around`'s own failure, else the run's.
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

/**
 * What came of an `around` call: the run's result (also when the run itself failed: it stands),
 * or `around`'s own failure — it threw, or returned without calling `next()`.
 */
export type AroundOutcome<Result> = { readonly failed: false; readonly result: Result } | { readonly failed: true; readonly failure: unknown; readonly result: Result | undefined };

/**
 * The rules of `around(ctx, next)`, for one message or one batch: `next()` runs `run` once (a
 * second call returns the same promise) and rejects with `rejection(result)` when there is one;
 * a run still going when `around` settles is waited for, and decides the outcome if it failed.
 */
export async function callAround<Ctx, Result>(
  around: (ctx: Ctx, next: () => Promise<void>) => unknown,
  ctx: Ctx,
  run: () => Promise<Result>,
  rejection: (result: Result) => { readonly cause: unknown } | undefined,
  what: 'message' | 'batch',
): Promise<AroundOutcome<Result>> {
  let outcome: { readonly result: Result } | { readonly error: unknown } | undefined;
  let running: Promise<void> | undefined;
  const next = (): Promise<void> =>
    (running ??= run().then(
      (result) => {
        outcome = { result };
        const rejected = rejection(result);
        if (rejected !== undefined) throw rejected.cause;
      },
      (error: unknown) => {
        outcome = { error };
        throw error;
      },
    ));
  let failure: unknown;
  let threw = false;
  try {
    await around(ctx, next);
  } catch (error) {
    threw = true;
    failure = error;
  }
  // `around` returned (or threw) before the run settled: it still decides.
  if (running !== undefined) await running.catch(() => undefined);
  if (outcome !== undefined && 'error' in outcome) return { failed: true, failure: outcome.error, result: undefined };
  const result = outcome?.result;
  if (outcome !== undefined && rejection(outcome.result) !== undefined) return { failed: false, result: outcome.result }; // the run failed: logged once already
  if (!threw && running === undefined) {
    return { failed: true, failure: new Error(`around() returned without calling next(): the ${what} was not handled`), result };
  }
  if (threw || outcome === undefined) return { failed: true, failure, result };
  return { failed: false, result: outcome.result };
}

export async function runAround<Result extends RunResult>(
  around: AroundHook,
  event: S3ObjectEvent,
  ctx: MessageContext,
  where: () => Where,
  observer: Observer,
  run: () => Promise<Result>,
): Promise<Result | { readonly ack: false; readonly handled: number; readonly skipped: number; readonly error: S3EventHandlerError }> {
  const outcome = await callAround(around, ctx, run, (r) => (r.ack ? undefined : { cause: causeOf(r.error) }), 'message');
  if (!outcome.failed) return outcome.result;
  const { result } = outcome;
  const error = new S3EventHandlerError(event, outcome.failure);
  await observer.failed(error, where(), event);
  return { ack: false, handled: result?.handled ?? 0, skipped: result?.skipped ?? 0, error };
}
