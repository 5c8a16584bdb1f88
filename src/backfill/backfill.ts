/**
 * `backfill()`: list a bucket with `ListObjectsV2` and run the event handler for every object, to
 * catch up after an outage, seed a new consumer, or find events best-effort delivery dropped.
 * @module
 */
import type { ListObjectsV2CommandOutput } from '@aws-sdk/client-s3';
import { S3EventInProgressError } from '../dedupe/errors.js';
import { createGuard, type Guard, type GuardOptions } from '../dedupe/guard.js';
import { matches, type S3EventFilter } from '../filter.js';
import { checkInteger, InvalidOptionError } from '../store/errors.js';
import type { S3EventContext } from '../subscribe/types.js';
import { loadS3, s3ClientFor, type S3ClientLike } from '../aws/s3-client.js';
import { BackfillError } from './errors.js';
import { listedObjectEvent, type ListedObject, type ListedObjectEvent } from './listed-event.js';

/**
 * Options of {@link backfill}.
 *
 * @example
 * ```ts
 * import type { BackfillOptions } from 's3-event-kit/aws';
 * const options: BackfillOptions = {
 *   bucket: 'amzn-s3-demo-bucket',
 *   prefix: 'uploads/',
 *   since: '2024-03-14T00:00:00Z',
 *   filter: { suffix: '.jpg' },
 *   concurrency: 16,
 *   dedupe: true,
 *   onProgress: (p) => console.log(`${p.seen} seen, ${p.handled} handled, ${p.rate.toFixed(0)}/s`),
 * };
 * ```
 * @category AWS
 */
export interface BackfillOptions {
  readonly bucket: string;
  /** List only keys starting with this (the `Prefix` of `ListObjectsV2`). */
  readonly prefix?: string | undefined;
  /** Skip objects last modified before this instant (a `Date`, an ISO-8601 string, or epoch milliseconds). */
  readonly since?: Date | string | number | undefined;
  /**
   * The S3 client. Without one, a default `S3Client` is created with a dynamic `import()` of the
   * optional peer dependency `@aws-sdk/client-s3`.
   */
  readonly client?: S3ClientLike | undefined;
  /** The bucket's Region, for the events' `region`. @defaultValue `region` of the client's config, else '' */
  readonly region?: string | undefined;
  /** The same filter as `subscribe()`'s (applied with `matches`, to `ObjectCreated:Put` events). */
  readonly filter?: S3EventFilter | undefined;
  /** How many handlers run at once. @defaultValue 8 */
  readonly concurrency?: number | undefined;
  /** `MaxKeys` of each `ListObjectsV2` call, 1 to 1000. @defaultValue 1000 */
  readonly pageSize?: number | undefined;
  /** Start listing after this key (`StartAfter`). */
  readonly startAfter?: string | undefined;
  /** Resume a listing with the token a previous run reported (`ContinuationToken`). */
  readonly continuationToken?: string | undefined;
  /**
   * Skip objects already handled: `true` for an in-memory deduper, or the live consumer's
   * `Deduper` (or `DedupeOptions` with its shared store) — then objects whose content
   * (bucket, key, eTag) a live `ObjectCreated` event already handled are skipped too.
   */
  readonly dedupe?: GuardOptions['dedupe'];
  /**
   * Accepted for symmetry with `subscribe()`; it never drops a listed object, since listings
   * carry no sequencer.
   */
  readonly latestOnly?: GuardOptions['latestOnly'];
  /** Stop listing and starting handlers; the result then reports where to resume. */
  readonly signal?: AbortSignal | undefined;
  /** Called after each page and at the end. */
  readonly onProgress?: ((progress: BackfillProgress) => void) | undefined;
  /** How many failures to keep in the result (all are counted). @defaultValue 1000 */
  readonly maxFailures?: number | undefined;
}

/**
 * Where a backfill stands. To resume, pass `continuationToken` (or `startAfter`) to a new run:
 * both point just past the last page whose objects were all dealt with, so a resumed run never
 * misses an object (it may repeat some of an unfinished page: use `dedupe`).
 * @example
 * ```ts
 * import { backfill, type BackfillProgress } from 's3-event-kit/aws';
 * const report = (p: BackfillProgress): void => console.log(`${p.seen} listed, ${p.handled} handled, resume at ${p.continuationToken ?? '-'}`);
 * const result = await backfill({ bucket: 'photos', prefix: 'uploads/', onProgress: report }, async (event) => console.log(event.key));
 * report(result);
 * ```
 * @category AWS
 */
export interface BackfillProgress {
  /** Objects listed. */
  readonly seen: number;
  /** Objects whose handler succeeded. */
  readonly handled: number;
  /** Objects left out by `filter` or `since`. */
  readonly skipped: number;
  /** Objects already handled (by dedupe). */
  readonly duplicates: number;
  /** Objects dropped by latestOnly (always 0: listings carry no sequencer). */
  readonly stale: number;
  /** Objects another consumer is handling right now (by dedupe). */
  readonly inProgress: number;
  /** Objects whose handler failed. */
  readonly failed: number;
  /** Pages listed. */
  readonly pages: number;
  readonly elapsedMs: number;
  /** Objects seen per second so far. */
  readonly rate: number;
  /** Resume token: the `NextContinuationToken` of the last finished page; undefined before the first, and when done. */
  readonly continuationToken: string | undefined;
  /** The last key of the last finished page, usable as `startAfter` to resume. */
  readonly startAfter: string | undefined;
  /** Whether the whole listing was dealt with. */
  readonly done: boolean;
}

/**
 * An object whose handler failed.
 *
 * @example
 * ```ts
 * import { backfill } from 's3-event-kit/aws';
 * const { failures } = await backfill({ bucket: 'photos' }, async (event) => console.log(event.key));
 * for (const failure of failures) console.error(`s3://photos/${failure.key}`, failure.error);
 * ```
 * @category AWS
 */
export interface BackfillFailure {
  readonly key: string;
  readonly error: unknown;
}

/**
 * What {@link backfill} resolves to: the final progress, the failures kept, and whether it was aborted.
 *
 * @example
 * ```ts
 * import { backfill, type BackfillResult } from 's3-event-kit/aws';
 * const result: BackfillResult = await backfill({ bucket: 'photos', signal: AbortSignal.timeout(60_000) }, async () => {});
 * if (result.aborted) console.log(`stopped; resume with continuationToken ${result.continuationToken}`);
 * ```
 * @category AWS
 */
export interface BackfillResult extends BackfillProgress {
  readonly failures: BackfillFailure[];
  readonly aborted: boolean;
}

/**
 * The handler a backfill runs: the same shape as a `subscribe()` handler. The context has no
 * message (`messageId` and `receiveCount` are undefined; `message` is the `ListObjectsV2` entry)
 * and its `signal` is the backfill's.
 * @example
 * ```ts
 * import { backfill, type BackfillHandler } from 's3-event-kit/aws';
 * const index: BackfillHandler = async (event, ctx) => {
 *   await fetch(`https://search.example.com/index?key=${encodeURIComponent(event.key)}`, { signal: ctx.signal });
 * };
 * await backfill({ bucket: 'photos', prefix: 'uploads/' }, index);
 * ```
 * @category AWS
 */
export type BackfillHandler = (event: ListedObjectEvent, context: S3EventContext) => unknown;

const WHERE = 'backfill';

function sinceOf(since: Date | string | number | undefined): number | undefined {
  if (since === undefined) return undefined;
  const ms = since instanceof Date ? since.getTime() : typeof since === 'number' ? since : Date.parse(since);
  if (!Number.isFinite(ms)) throw new InvalidOptionError(WHERE, 'since', since, 'a Date, an ISO-8601 string or epoch milliseconds');
  return ms;
}

async function regionOf(client: S3ClientLike | undefined, given: string | undefined): Promise<string> {
  if (given !== undefined) return given;
  const region = (client as { config?: { region?: unknown } } | undefined)?.config?.region;
  try {
    const value = typeof region === 'function' ? await (region as () => unknown)() : region;
    return typeof value === 'string' ? value : '';
  } catch {
    return '';
  }
}

const NEVER = new AbortController().signal;

/**
 * Lists `bucket` (under `prefix`) with `ListObjectsV2`, page by page, turns each object into a
 * synthetic `ObjectCreated:Put` event with `via: ['list']` (see `listedObjectEvent`) and runs
 * `handler` for it — the same handler, with the same `filter` (through `matches`) and the same
 * dedupe as the live consumer. At most `concurrency` handlers run at once; the next page is
 * listed while the current one is handled.
 *
 * Use it to catch up after an outage, to seed a new consumer, and to reconcile: S3's legacy
 * destinations deliver on a best-effort basis, and concurrent writes to one unversioned key can
 * yield a single notification. LIST is strongly consistent but slow and paid per call: use events
 * as the trigger and a backfill to catch up, not the other way round.
 *
 * A failed handler is counted and kept in `failures`; the run goes on. An abort (`signal`) stops
 * listing and starting handlers, waits for running ones, and resolves with `aborted: true` and
 * the resume point. A failed `ListObjectsV2` rejects with {@link BackfillError}, which carries the
 * progress (and so the resume point) too.
 *
 * @example
 * ```ts
 * import { S3Client } from '@aws-sdk/client-s3';
 * import { backfill } from 's3-event-kit/aws';
 *
 * const result = await backfill(
 *   { bucket: 'amzn-s3-demo-bucket', prefix: 'uploads/', client: new S3Client({}), concurrency: 16, filter: { suffix: '.jpg' } },
 *   async (event) => console.log('catching up on', event.key, event.size),
 * );
 * console.log(`${result.handled} handled, ${result.failed} failed; resume with`, result.continuationToken);
 * ```
 * @category AWS
 */
export async function backfill(options: BackfillOptions, handler: BackfillHandler): Promise<BackfillResult> {
  const { bucket, prefix, filter } = options;
  if (typeof bucket !== 'string' || bucket === '') throw new InvalidOptionError(WHERE, 'bucket', bucket, 'a bucket name');
  const concurrency = checkInteger(WHERE, 'concurrency', options.concurrency ?? 8, 1);
  const pageSize = checkInteger(WHERE, 'pageSize', options.pageSize ?? 1000, 1, 1000);
  const maxFailures = checkInteger(WHERE, 'maxFailures', options.maxFailures ?? 1000, 0);
  const since = sinceOf(options.since);
  const signal = options.signal ?? NEVER;
  const guard: Guard = createGuard({ dedupe: options.dedupe, latestOnly: options.latestOnly });
  const [{ ListObjectsV2Command }, client] = await Promise.all([loadS3(), s3ClientFor(options.client, options.region)]);
  const region = await regionOf(options.client ?? client, options.region);

  const started = Date.now();
  const counts = { seen: 0, handled: 0, skipped: 0, duplicates: 0, stale: 0, inProgress: 0, failed: 0, pages: 0 };
  const failures: BackfillFailure[] = [];
  let resume = { continuationToken: options.continuationToken, startAfter: options.startAfter };
  let done = false;

  const progress = (): BackfillProgress => {
    const elapsedMs = Date.now() - started;
    return {
      ...counts,
      elapsedMs,
      rate: elapsedMs > 0 ? (counts.seen * 1000) / elapsedMs : 0,
      continuationToken: done ? undefined : resume.continuationToken,
      startAfter: resume.startAfter,
      done,
    };
  };

  const list = (token: string | undefined, startAfter: string | undefined): Promise<ListObjectsV2CommandOutput> =>
    client.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        Prefix: prefix,
        MaxKeys: pageSize,
        ...(token === undefined ? { StartAfter: startAfter } : { ContinuationToken: token }),
      }),
      options.signal === undefined ? {} : { abortSignal: options.signal },
    ) as Promise<ListObjectsV2CommandOutput>;

  const handleOne = async (entry: ListedObject): Promise<void> => {
    counts.seen++;
    let event: ListedObjectEvent;
    try {
      event = listedObjectEvent(entry, { bucket, region });
    } catch (error) {
      counts.failed++;
      if (failures.length < maxFailures) failures.push({ key: entry.Key ?? '', error });
      return;
    }
    if ((since !== undefined && Date.parse(event.time) < since) || (filter !== undefined && !matches(event, filter))) {
      counts.skipped++;
      return;
    }
    const context: S3EventContext = { messageId: undefined, receiveCount: undefined, signal, lambdaContext: undefined, message: entry };
    try {
      const outcome = await guard.run(event, (e) => handler(e, context));
      counts[outcome.status === 'handled' ? 'handled' : outcome.status === 'duplicate' ? 'duplicates' : 'stale']++;
    } catch (error) {
      if (error instanceof S3EventInProgressError) {
        counts.inProgress++;
        return;
      }
      counts.failed++;
      if (failures.length < maxFailures) failures.push({ key: event.key, error });
    }
  };

  const runPage = async (entries: readonly ListedObject[]): Promise<void> => {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < entries.length && !signal.aborted) {
        const entry = entries[next++];
        if (entry !== undefined) await handleOne(entry);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, entries.length) }, worker));
  };

  const aborted = (error: unknown): boolean => signal.aborted || (error instanceof Error && error.name === 'AbortError');

  let pending: Promise<ListObjectsV2CommandOutput> | undefined = signal.aborted
    ? undefined
    : list(resume.continuationToken, resume.startAfter);
  while (pending !== undefined) {
    let page: ListObjectsV2CommandOutput;
    try {
      page = await pending;
    } catch (error) {
      if (aborted(error)) break;
      throw new BackfillError(bucket, prefix, progress(), error);
    }
    counts.pages++;
    const token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
    pending = token === undefined || signal.aborted ? undefined : list(token, undefined);
    pending?.catch(() => undefined); // handled when awaited; never an unhandled rejection meanwhile
    const entries = page.Contents ?? [];
    await runPage(entries);
    if (signal.aborted) break;
    resume = { continuationToken: token, startAfter: entries.at(-1)?.Key ?? resume.startAfter };
    if (token === undefined) done = true;
    options.onProgress?.(progress());
  }
  const result = { ...progress(), failures, aborted: !done && signal.aborted };
  if (!done) options.onProgress?.(progress());
  return result;
}
