/**
 * Configuration-side event names: the `s3:`-prefixed names (with the wildcards S3 accepts) that a
 * bucket notification configuration lists, as opposed to the bare record names events carry.
 * @module
 */
import { S3_EVENT_NAMES, type S3EventName } from '../events/names.js';
import { eventNameMatches } from '../filter.js';

/**
 * Every event name a notification configuration (`QueueConfiguration.Events`,
 * `TopicConfiguration.Events`, `LambdaFunctionConfiguration.Events`) accepts, exactly as the S3 API
 * reference lists them: `s3:`-prefixed, with `*` only where S3 offers it (there is no
 * `s3:ObjectAcl:*`).
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/API_QueueConfiguration.html
 * @example
 * ```ts
 * import { S3_CONFIG_EVENT_NAMES } from 's3-event-kit/config';
 * S3_CONFIG_EVENT_NAMES.includes('s3:ObjectCreated:*'); //=> true
 * ```
 * @category Config
 */
export const S3_CONFIG_EVENT_NAMES = [
  's3:ObjectCreated:*',
  's3:ObjectCreated:Put',
  's3:ObjectCreated:Post',
  's3:ObjectCreated:Copy',
  's3:ObjectCreated:CompleteMultipartUpload',
  's3:ObjectRemoved:*',
  's3:ObjectRemoved:Delete',
  's3:ObjectRemoved:DeleteMarkerCreated',
  's3:ObjectRestore:*',
  's3:ObjectRestore:Post',
  's3:ObjectRestore:Completed',
  's3:ObjectRestore:Delete',
  's3:ReducedRedundancyLostObject',
  's3:Replication:*',
  's3:Replication:OperationFailedReplication',
  's3:Replication:OperationNotTracked',
  's3:Replication:OperationMissedThreshold',
  's3:Replication:OperationReplicatedAfterThreshold',
  's3:LifecycleExpiration:*',
  's3:LifecycleExpiration:Delete',
  's3:LifecycleExpiration:DeleteMarkerCreated',
  's3:LifecycleTransition',
  's3:IntelligentTiering',
  's3:ObjectTagging:*',
  's3:ObjectTagging:Put',
  's3:ObjectTagging:Delete',
  's3:ObjectAcl:Put',
  's3:ObjectRetention:Put',
  's3:ObjectAnnotation:*',
  's3:ObjectAnnotation:Put',
  's3:ObjectAnnotation:Delete',
] as const;

/**
 * A configuration-side event name such as `'s3:ObjectCreated:*'` or `'s3:ObjectRemoved:Delete'`.
 * Record names (`'ObjectCreated:Put'`, without the prefix) are rejected at compile time.
 *
 * @example
 * ```ts
 * import type { S3ConfigEventName } from 's3-event-kit/config';
 * const events: S3ConfigEventName[] = ['s3:ObjectCreated:*', 's3:ObjectRemoved:DeleteMarkerCreated'];
 * ```
 * @category Config
 */
export type S3ConfigEventName = (typeof S3_CONFIG_EVENT_NAMES)[number];

const CONFIG_NAME_SET: ReadonlySet<string> = new Set(S3_CONFIG_EVENT_NAMES);

/**
 * Whether a string is a configuration-side event name S3 accepts.
 *
 * @example
 * ```ts
 * import { isS3ConfigEventName } from 's3-event-kit/config';
 * isS3ConfigEventName('s3:ObjectCreated:Put'); //=> true
 * isS3ConfigEventName('ObjectCreated:Put'); //=> false (a record name: the configuration needs the s3: prefix)
 * ```
 * @category Config
 */
export function isS3ConfigEventName(value: unknown): value is S3ConfigEventName {
  return typeof value === 'string' && CONFIG_NAME_SET.has(value);
}

/**
 * The record names a configuration-side name selects, using the one event-name matcher
 * (`eventNameMatches`). Unknown names select nothing.
 *
 * @example
 * ```ts
 * import { recordNamesOf } from 's3-event-kit/config';
 * recordNamesOf('s3:ObjectRemoved:*'); //=> ['ObjectRemoved:Delete', 'ObjectRemoved:DeleteMarkerCreated']
 * ```
 * @category Config
 */
export function recordNamesOf(configName: string): S3EventName[] {
  if (!isS3ConfigEventName(configName)) return [];
  return S3_EVENT_NAMES.filter((name) => eventNameMatches(name, [configName]));
}

/**
 * The configuration-side name for one record name: `'ObjectCreated:Put'` → `'s3:ObjectCreated:Put'`.
 *
 * @example
 * ```ts
 * import { toConfigEventName } from 's3-event-kit/config';
 * toConfigEventName('LifecycleTransition'); //=> 's3:LifecycleTransition'
 * ```
 * @category Config
 */
export function toConfigEventName<Name extends S3EventName>(name: Name): `s3:${Name}` {
  return `s3:${name}`;
}
