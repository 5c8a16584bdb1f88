/**
 * Which record names EventBridge carries, and in what form (`detail-type`, `reason`,
 * `deletion-type`). Derived by inverting the normalizer's own mapping tables, so the two
 * directions cannot drift apart; the configuration helpers (event patterns) and the testing
 * factories (EventBridge events) both use it.
 * @module
 */
import { S3_EVENT_NAMES, S3_EVENTBRIDGE_DETAIL_TYPES, type S3EventBridgeDetailType, type S3EventName } from '../events/names.js';
import {
  CREATED_BY_REASON,
  DELETED_BY_REASON,
  DELETED_BY_TYPE,
  SIMPLE_NAMES,
} from './from-eventbridge.js';

/**
 * The record names S3 also delivers to EventBridge: every name except `Replication:*`,
 * `ReducedRedundancyLostObject`, `ObjectRetention:Put` and `ObjectAnnotation:*`.
 *
 * @example
 * ```ts
 * import type { S3EventBridgeEventName } from 's3-event-kit/config';
 * const name: S3EventBridgeEventName = 'ObjectRemoved:DeleteMarkerCreated';
 * ```
 * @category Config
 */
export type S3EventBridgeEventName = Exclude<
  S3EventName,
  'ReducedRedundancyLostObject' | `Replication:${string}` | 'ObjectRetention:Put' | `ObjectAnnotation:${string}`
>;

/**
 * How one record name looks on EventBridge.
 *
 * @example
 * ```ts
 * import { eventBridgeFormOf } from 's3-event-kit/config';
 * eventBridgeFormOf('ObjectRemoved:DeleteMarkerCreated');
 * //=> { detailType: 'Object Deleted', reason: 'DeleteObject', deletionType: 'Delete Marker Created' }
 * ```
 * @category Config
 */
export interface S3EventBridgeForm {
  readonly detailType: S3EventBridgeDetailType;
  /** `detail.reason`, for `Object Created` and `Object Deleted` only. */
  readonly reason?: string | undefined;
  /** `detail["deletion-type"]`, for `Object Deleted` only. */
  readonly deletionType?: string | undefined;
}

function buildForms(): Map<S3EventName, S3EventBridgeForm> {
  const forms = new Map<S3EventName, S3EventBridgeForm>();
  for (const [detailType, name] of Object.entries(SIMPLE_NAMES) as [S3EventBridgeDetailType, S3EventName][]) {
    forms.set(name, { detailType });
  }
  for (const [reason, name] of Object.entries(CREATED_BY_REASON)) forms.set(name, { detailType: 'Object Created', reason });
  for (const [reason, family] of Object.entries(DELETED_BY_REASON)) {
    for (const [deletionType, kind] of Object.entries(DELETED_BY_TYPE)) {
      forms.set(`${family}:${kind}`, { detailType: 'Object Deleted', reason, deletionType });
    }
  }
  return forms;
}

const FORMS: ReadonlyMap<S3EventName, S3EventBridgeForm> = buildForms();

/**
 * Every {@link S3EventBridgeEventName}, in the order of `S3_EVENT_NAMES`.
 *
 * @example
 * ```ts
 * import { S3_EVENTBRIDGE_EVENT_NAMES } from 's3-event-kit/config';
 * S3_EVENTBRIDGE_EVENT_NAMES.includes('LifecycleTransition'); //=> true
 * S3_EVENTBRIDGE_EVENT_NAMES.includes('Replication:OperationFailedReplication' as never); //=> false
 * ```
 * @category Config
 */
export const S3_EVENTBRIDGE_EVENT_NAMES: readonly S3EventBridgeEventName[] = S3_EVENT_NAMES.filter((name) =>
  FORMS.has(name),
) as S3EventBridgeEventName[];

/**
 * The EventBridge form (`detail-type`, and `reason` / `deletion-type` where the name needs them)
 * of a record name, or `undefined` for names EventBridge does not carry.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-mapping-troubleshooting.html
 * @example
 * ```ts
 * import { eventBridgeFormOf } from 's3-event-kit/config';
 * eventBridgeFormOf('ObjectCreated:Post'); //=> { detailType: 'Object Created', reason: 'POST Object' }
 * eventBridgeFormOf('LifecycleTransition'); //=> { detailType: 'Object Storage Class Changed' }
 * eventBridgeFormOf('Replication:OperationNotTracked'); //=> undefined
 * ```
 * @category Config
 */
export function eventBridgeFormOf(name: S3EventName): S3EventBridgeForm | undefined {
  return FORMS.get(name);
}

/** Detail types in their canonical order. @internal */
export const DETAIL_TYPE_ORDER: readonly S3EventBridgeDetailType[] = S3_EVENTBRIDGE_DETAIL_TYPES;
