/**
 * Every `eventName` an S3 notification record carries, in record notation (no `s3:` prefix).
 *
 * The list follows the S3 API reference (`QueueConfiguration.Events`) and the SDK `Event` enum,
 * including the newer `ObjectRetention:Put` and `ObjectAnnotation:*` names.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html
 * @example
 * ```ts
 * import { S3_EVENT_NAMES } from 's3-event-kit';
 * S3_EVENT_NAMES.includes('ObjectCreated:Put'); //=> true
 * ```
 * @category Events
 */
export const S3_EVENT_NAMES = [
  'ObjectCreated:Put',
  'ObjectCreated:Post',
  'ObjectCreated:Copy',
  'ObjectCreated:CompleteMultipartUpload',
  'ObjectRemoved:Delete',
  'ObjectRemoved:DeleteMarkerCreated',
  'ObjectRestore:Post',
  'ObjectRestore:Completed',
  'ObjectRestore:Delete',
  'ReducedRedundancyLostObject',
  'Replication:OperationFailedReplication',
  'Replication:OperationNotTracked',
  'Replication:OperationMissedThreshold',
  'Replication:OperationReplicatedAfterThreshold',
  'LifecycleExpiration:Delete',
  'LifecycleExpiration:DeleteMarkerCreated',
  'LifecycleTransition',
  'IntelligentTiering',
  'ObjectTagging:Put',
  'ObjectTagging:Delete',
  'ObjectAcl:Put',
  'ObjectRetention:Put',
  'ObjectAnnotation:Put',
  'ObjectAnnotation:Delete',
] as const;

/**
 * The record-side name of an S3 event, such as `'ObjectCreated:Put'` (never the `s3:` prefix).
 *
 * @example
 * ```ts
 * import type { S3EventName } from 's3-event-kit';
 * const name: S3EventName = 'ObjectRemoved:DeleteMarkerCreated';
 * ```
 * @category Events
 */
export type S3EventName = (typeof S3_EVENT_NAMES)[number];

/**
 * The family of an event name: the part before the first `:` (or the whole name when it has none).
 *
 * @example
 * ```ts
 * import type { S3EventTypeOf } from 's3-event-kit';
 * type T = S3EventTypeOf<'ObjectCreated:Copy'>; // 'ObjectCreated'
 * ```
 * @category Events
 */
export type S3EventTypeOf<Name extends string> = Name extends `${infer Family}:${string}` ? Family : Name;

/**
 * The family of an S3 event: `'ObjectCreated'`, `'ObjectRemoved'`, `'LifecycleTransition'`, ….
 *
 * @example
 * ```ts
 * import type { S3EventType } from 's3-event-kit';
 * const family: S3EventType = 'ObjectRestore';
 * ```
 * @category Events
 */
export type S3EventType = S3EventTypeOf<S3EventName>;

/**
 * The names of one family.
 *
 * @example
 * ```ts
 * import type { NamesOf } from 's3-event-kit';
 * type Removals = NamesOf<'ObjectRemoved'>; // 'ObjectRemoved:Delete' | 'ObjectRemoved:DeleteMarkerCreated'
 * ```
 * @category Events
 */
export type NamesOf<Family extends S3EventType> = Extract<S3EventName, Family | `${Family}:${string}`>;

/**
 * The ten `detail-type` values of S3 events delivered by EventBridge.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html
 * @example
 * ```ts
 * import { S3_EVENTBRIDGE_DETAIL_TYPES } from 's3-event-kit';
 * // An EventBridge rule pattern for every S3 object event (and not CloudTrail's API calls):
 * const pattern = { source: ['aws.s3'], 'detail-type': [...S3_EVENTBRIDGE_DETAIL_TYPES] };
 * ```
 * @category Events
 */
export const S3_EVENTBRIDGE_DETAIL_TYPES = [
  'Object Created',
  'Object Deleted',
  'Object Restore Initiated',
  'Object Restore Completed',
  'Object Restore Expired',
  'Object Tags Added',
  'Object Tags Deleted',
  'Object ACL Updated',
  'Object Storage Class Changed',
  'Object Access Tier Changed',
] as const;

/**
 * The `detail-type` of an S3 event on EventBridge, such as `'Object Created'`.
 *
 * @example
 * ```ts
 * import type { S3EventBridgeDetailType } from 's3-event-kit';
 * const detailType: S3EventBridgeDetailType = 'Object Restore Completed';
 * ```
 * @category Events
 */
export type S3EventBridgeDetailType = (typeof S3_EVENTBRIDGE_DETAIL_TYPES)[number];

/** Every name with its family, computed once: one lookup both checks a name and gives its family. */
const FAMILIES: ReadonlyMap<string, S3EventType> = new Map(
  S3_EVENT_NAMES.map((name) => [name, name.split(':')[0] as S3EventType]),
);

/**
 * Whether a string is a known record-side {@link S3EventName}.
 *
 * @example
 * ```ts
 * import { isS3EventName } from 's3-event-kit';
 * isS3EventName('ObjectCreated:Put'); //=> true
 * isS3EventName('s3:ObjectCreated:Put'); //=> false (that is the configuration notation)
 * ```
 * @category Events
 */
export function isS3EventName(value: unknown): value is S3EventName {
  return typeof value === 'string' && FAMILIES.has(value);
}

/**
 * The family of an event name at run time.
 *
 * @example
 * ```ts
 * import { eventTypeOf } from 's3-event-kit';
 * eventTypeOf('LifecycleExpiration:Delete'); //=> 'LifecycleExpiration'
 * ```
 * @category Events
 */
export function eventTypeOf<Name extends S3EventName>(name: Name): S3EventTypeOf<Name> {
  return FAMILIES.get(name) as S3EventTypeOf<Name>;
}

/** The family of a string that may be an event name, or `undefined` when it is none. @internal */
export function familyOf(name: string): S3EventType | undefined {
  return FAMILIES.get(name);
}
