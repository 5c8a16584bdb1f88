/**
 * Reading and writing a bucket's notification configuration without clobbering it:
 * read → merge by Id → validate → write only when something changed.
 * @module
 */
import { loadS3, sendCommand, type AwsClientLike } from './client.js';
import { InvalidNotificationConfigError } from './errors.js';
import { cleanNotificationConfig, mergeNotificationConfig, type ApplyMode, type NotificationConfigDiff } from './merge.js';
import type { S3NotificationConfiguration } from './types.js';
import { validateNotificationConfig, type NotificationConfigProblem } from './validate.js';

/**
 * Options of {@link applyNotificationConfig}.
 *
 * @example
 * ```ts
 * import type { ApplyNotificationOptions } from 's3-event-kit/config';
 * const options: ApplyNotificationOptions = { mode: 'merge', remove: ['legacy-rule'], region: 'us-east-1' };
 * ```
 * @category Config
 */
export interface ApplyNotificationOptions {
  /**
   * `'merge'` (default) adds or replaces rules by Id and keeps everything else, including
   * `EventBridgeConfiguration`. `'replace'` makes the change the whole configuration: rules and the
   * EventBridge switch it does not contain are removed. Choose it explicitly.
   */
  readonly mode?: ApplyMode | undefined;
  /** Ids of rules to remove (merge mode). */
  readonly remove?: readonly string[] | undefined;
  /** Compute and validate the result and the diff, but write nothing. */
  readonly dryRun?: boolean | undefined;
  /** The bucket's Region: destinations in other Regions are reported before writing. */
  readonly region?: string | undefined;
  /** `ExpectedBucketOwner` for both calls: the request fails if another account owns the bucket. */
  readonly expectedBucketOwner?: string | undefined;
  /**
   * `SkipDestinationValidation`: S3 then does not check that destinations exist and accept its
   * messages (and sends no test event). Default `false`.
   */
  readonly skipDestinationValidation?: boolean | undefined;
}

/**
 * What {@link applyNotificationConfig} did: the diff, whether it wrote, and the configuration
 * before and after.
 *
 * @example
 * ```ts
 * import type { ApplyNotificationResult } from 's3-event-kit/config';
 * declare const result: ApplyNotificationResult;
 * console.log(result.written ? `wrote ${result.added.length} new rules` : 'already up to date');
 * ```
 * @category Config
 */
export interface ApplyNotificationResult extends NotificationConfigDiff {
  readonly bucket: string;
  /** `true` when `PutBucketNotificationConfiguration` was sent. */
  readonly written: boolean;
  /** The configuration read from the bucket (cleaned: no `$metadata`, filter names lower-case). */
  readonly previous: S3NotificationConfiguration;
  /** The configuration now in place (or that would be, on a dry run). */
  readonly config: S3NotificationConfiguration;
}

/**
 * Reads a bucket's notification configuration (`GetBucketNotificationConfiguration`), without the
 * SDK's `$metadata`.
 *
 * @throws {@link S3ConfigError} (`ACCESS_DENIED` needs `s3:GetBucketNotification`; `NOT_FOUND`…).
 * @example
 * ```ts
 * import { getNotificationConfig } from 's3-event-kit/config';
 * import { S3Client } from '@aws-sdk/client-s3';
 * const config = await getNotificationConfig(new S3Client({}), 'my-bucket');
 * console.log(config.QueueConfigurations?.length ?? 0, 'queue rules');
 * ```
 * @category Config
 */
export async function getNotificationConfig(
  client: AwsClientLike,
  bucket: string,
  options: { readonly expectedBucketOwner?: string | undefined } = {},
): Promise<S3NotificationConfiguration> {
  const { GetBucketNotificationConfigurationCommand } = await loadS3();
  const output = await sendCommand<S3NotificationConfiguration | undefined>(
    client,
    new GetBucketNotificationConfigurationCommand({
      Bucket: bucket,
      ...(options.expectedBucketOwner !== undefined && { ExpectedBucketOwner: options.expectedBucketOwner }),
    }),
    'GetBucketNotificationConfiguration',
    bucket,
  );
  return cleanNotificationConfig(output);
}

/**
 * Applies a change to a bucket's notification configuration without clobbering it. It reads the
 * current configuration, merges the change by rule `Id` (keeping every other rule and
 * `EventBridgeConfiguration`), validates the result locally, and writes it, only if it differs
 * from what is there, so applying the same change twice writes nothing the second time.
 *
 * `PutBucketNotificationConfiguration` replaces the whole configuration, and S3 offers no
 * conditional write: two writers racing on one bucket can still lose an update. Run set-up from one
 * place.
 *
 * @param client - An `S3Client` (or any {@link AwsClientLike}).
 * @param change - The rules to add or replace, e.g. from {@link notificationConfig}.
 * @throws {@link InvalidNotificationConfigError} when the merged configuration has problems
 *   (nothing is written); {@link NotificationOverlapError}, {@link DestinationValidationError},
 *   {@link AwsAccessDeniedError} or {@link S3ConfigError} when AWS refuses.
 * @example
 * ```ts
 * import { applyNotificationConfig, notificationConfig } from 's3-event-kit/config';
 * import { S3Client } from '@aws-sdk/client-s3';
 * const result = await applyNotificationConfig(
 *   new S3Client({ region: 'us-east-1' }),
 *   'my-bucket',
 *   notificationConfig()
 *     .queue({ id: 'uploads', queueArn: 'arn:aws:sqs:us-east-1:111122223333:uploads', events: ['s3:ObjectCreated:*'], prefix: 'uploads/' })
 *     .build(),
 * );
 * console.log(result.written, result.added, result.replaced, result.kept);
 * ```
 * @category Config
 */
export async function applyNotificationConfig(
  client: AwsClientLike,
  bucket: string,
  change: S3NotificationConfiguration,
  options: ApplyNotificationOptions = {},
): Promise<ApplyNotificationResult> {
  const previous = await getNotificationConfig(client, bucket, options);
  const { config, diff } = mergeNotificationConfig(previous, change, { mode: options.mode, remove: options.remove });
  const problems: NotificationConfigProblem[] = validateNotificationConfig(config, { region: options.region });
  if (problems.length > 0) {
    throw new InvalidNotificationConfigError(
      `The notification configuration of bucket ${JSON.stringify(bucket)} would be invalid; nothing was written:\n` +
        problems.map((p) => `- ${p.message}`).join('\n'),
      problems,
      bucket,
    );
  }
  let written = false;
  if (diff.changed && options.dryRun !== true) {
    const { PutBucketNotificationConfigurationCommand } = await loadS3();
    await sendCommand(
      client,
      new PutBucketNotificationConfigurationCommand({
        Bucket: bucket,
        // The SDK's Event enum is a string union; the names were validated above.
        NotificationConfiguration: config as never,
        ...(options.expectedBucketOwner !== undefined && { ExpectedBucketOwner: options.expectedBucketOwner }),
        ...(options.skipDestinationValidation !== undefined && { SkipDestinationValidation: options.skipDestinationValidation }),
      }),
      'PutBucketNotificationConfiguration',
      bucket,
    );
    written = true;
  }
  return { ...diff, bucket, written, previous, config };
}

/**
 * Turns on delivery of the bucket's events to EventBridge, keeping every existing queue, topic
 * and Lambda rule (a merge, not a replace). Writes nothing when it is already on. Events can take
 * a few minutes to start flowing.
 *
 * @example
 * ```ts
 * import { enableEventBridge } from 's3-event-kit/config';
 * import { S3Client } from '@aws-sdk/client-s3';
 * const { written } = await enableEventBridge(new S3Client({}), 'my-bucket');
 * ```
 * @category Config
 */
export function enableEventBridge(
  client: AwsClientLike,
  bucket: string,
  options: Omit<ApplyNotificationOptions, 'mode' | 'remove'> = {},
): Promise<ApplyNotificationResult> {
  return applyNotificationConfig(client, bucket, { EventBridgeConfiguration: {} }, { ...options, mode: 'merge' });
}
