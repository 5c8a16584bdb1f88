/**
 * `BackfillError`: a `ListObjectsV2` call of a backfill failed.
 * @module
 */
import type { BackfillProgress } from './backfill.js';

/**
 * A `ListObjectsV2` call failed (access denied, no such bucket, throttling past the SDK's
 * retries). Says which bucket and prefix, keeps the SDK's error as `cause`, and carries the
 * `progress` so far — pass its `continuationToken` (or `startAfter`) to resume.
 *
 * @example
 * ```ts
 * import { backfill, BackfillError } from 's3-event-kit/aws';
 * try {
 *   await backfill({ bucket: 'amzn-s3-demo-bucket' }, async () => {});
 * } catch (error) {
 *   if (error instanceof BackfillError) console.log('resume with', error.progress.continuationToken, error.cause);
 * }
 * ```
 * @category AWS
 */
export class BackfillError extends Error {
  override readonly name = 'BackfillError' as const;
  readonly bucket: string;
  readonly prefix: string | undefined;
  readonly progress: BackfillProgress;

  constructor(bucket: string, prefix: string | undefined, progress: BackfillProgress, cause: unknown) {
    const reason = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    const where = `s3://${bucket}/${prefix ?? ''}`;
    super(`backfill of ${where}: ListObjectsV2 failed after ${progress.pages} pages (${progress.seen} objects): ${reason}`, { cause });
    this.bucket = bucket;
    this.prefix = prefix;
    this.progress = progress;
  }
}
