/** EventBridge event patterns for S3 events: the exact pattern JSON for chosen events, buckets and keys. @module */
import type { S3EventBridgeDetailType } from '../events/names.js';
import { eventNameMatches } from '../filter.js';
import { encodeKey } from '../normalize/key.js';
import { bucketNameOf } from './arn.js';
import { S3ConfigError } from './errors.js';
import {
  DETAIL_TYPE_ORDER,
  eventBridgeFormOf,
  S3_EVENTBRIDGE_EVENT_NAMES,
  type S3EventBridgeEventName,
} from '../normalize/eventbridge-forms.js';

type CarriedFamily = S3EventBridgeEventName extends infer Name
  ? Name extends `${infer Family}:${string}`
    ? Family
    : never
  : never;
type BareEventBridgePattern = S3EventBridgeEventName | `${CarriedFamily}:*` | '*';

/**
 * An event-name pattern for EventBridge rules: an S3 event name EventBridge carries, a family
 * wildcard (`'ObjectCreated:*'`), or `'*'`, optionally in configuration notation (`'s3:…'`). Names
 * EventBridge never carries (`Replication:*` …) do not compile.
 *
 * @example
 * ```ts
 * import type { S3EventBridgeEventPattern } from 's3-event-kit/config';
 * const events: S3EventBridgeEventPattern[] = ['ObjectCreated:*', 'ObjectRemoved:DeleteMarkerCreated'];
 * ```
 * @category Config
 */
export type S3EventBridgeEventPattern = BareEventBridgePattern | `s3:${BareEventBridgePattern}`;

/**
 * A matcher for `detail.object.key`.
 *
 * @example
 * ```ts
 * import type { S3KeyMatcher } from 's3-event-kit/config';
 * const matcher: S3KeyMatcher = { wildcard: 'uploads/*.jpg' };
 * ```
 * @category Config
 */
export type S3KeyMatcher = { readonly prefix: string } | { readonly suffix: string } | { readonly wildcard: string };

/**
 * The `detail` part of an S3 event pattern.
 *
 * @example
 * ```ts
 * import type { S3EventBridgeDetailPattern } from 's3-event-kit/config';
 * const detail: S3EventBridgeDetailPattern = { bucket: { name: ['my-bucket'] }, reason: ['PutObject'] };
 * ```
 * @category Config
 */
export type S3EventBridgeDetailPattern = {
  readonly bucket?: { readonly name: readonly string[] } | undefined;
  readonly object?: { readonly key: readonly S3KeyMatcher[] } | undefined;
  readonly reason?: readonly string[] | undefined;
  readonly 'deletion-type'?: readonly string[] | undefined;
};

/**
 * One alternative of a pattern's `$or`: detail types with their own `reason` / `deletion-type`.
 *
 * @example
 * ```ts
 * import type { S3EventBridgePatternBranch } from 's3-event-kit/config';
 * const branch: S3EventBridgePatternBranch = { 'detail-type': ['Object Deleted'], detail: { 'deletion-type': ['Delete Marker Created'] } };
 * ```
 * @category Config
 */
export type S3EventBridgePatternBranch = {
  readonly 'detail-type': readonly S3EventBridgeDetailType[];
  readonly detail?: S3EventBridgeDetailPattern | undefined;
};

/**
 * An EventBridge event pattern for S3 events, as {@link s3EventPattern} builds it: either flat
 * (`detail-type` at the top) or, when the chosen events need different `reason` /
 * `deletion-type` values per detail type, with one `$or` alternative per group.
 *
 * @example
 * ```ts
 * import type { S3EventBridgePattern } from 's3-event-kit/config';
 * const pattern: S3EventBridgePattern = { source: ['aws.s3'], 'detail-type': ['Object Created'] };
 * ```
 * @category Config
 */
export type S3EventBridgePattern = {
  readonly source: readonly ['aws.s3'];
  readonly 'detail-type'?: readonly S3EventBridgeDetailType[] | undefined;
  readonly detail?: S3EventBridgeDetailPattern | undefined;
  readonly $or?: readonly S3EventBridgePatternBranch[] | undefined;
};

/**
 * Options of {@link s3EventPattern}.
 *
 * @example
 * ```ts
 * import type { S3EventPatternOptions } from 's3-event-kit/config';
 * const options: S3EventPatternOptions = { buckets: ['photos'], events: ['ObjectCreated:*'], prefix: 'uploads/', suffix: '.jpg' };
 * ```
 * @category Config
 */
export interface S3EventPatternOptions {
  /** Bucket name(s) (or bucket ARNs). Absent: any bucket of the account and Region. */
  readonly buckets?: string | readonly string[] | undefined;
  /** Which events (with wildcards). Absent: every event EventBridge carries. */
  readonly events?: readonly S3EventBridgeEventPattern[] | undefined;
  /** Decoded key prefix. */
  readonly prefix?: string | undefined;
  /** Decoded key suffix. */
  readonly suffix?: string | undefined;
  /**
   * How `detail.object.key` is matched. `'url'` (default) encodes `prefix` / `suffix` with
   * `encodeKey`, the same assumption `normalize()` makes by default (it decodes EventBridge keys);
   * `'none'` matches them as given. AWS does not document EventBridge key encoding, and the two
   * agree for keys of letters, digits and `/-_.`.
   */
  readonly keyEncoding?: 'url' | 'none' | undefined;
}

/** Escapes `\` and `*` for an EventBridge wildcard. */
function escapeWildcard(text: string): string {
  return text.replace(/[\\*]/g, '\\$&');
}

function keyMatcher(prefix: string, suffix: string): S3KeyMatcher | undefined {
  if (prefix !== '' && suffix !== '') return { wildcard: `${escapeWildcard(prefix)}*${escapeWildcard(suffix)}` };
  if (prefix !== '') return { prefix };
  if (suffix !== '') return { suffix };
  return undefined;
}

function selectedNames(events: readonly string[] | undefined): S3EventBridgeEventName[] {
  if (events === undefined) return [...S3_EVENTBRIDGE_EVENT_NAMES];
  if (events.length === 0) {
    throw new S3ConfigError('s3EventPattern: `events` is empty, so the pattern would match nothing; leave it out for every event.', {
      code: 'INVALID_INPUT',
    });
  }
  for (const pattern of events) {
    if (!S3_EVENTBRIDGE_EVENT_NAMES.some((name) => eventNameMatches(name, [pattern]))) {
      throw new S3ConfigError(
        `s3EventPattern: EventBridge carries no ${JSON.stringify(pattern)} events (it never carries Replication:*, ReducedRedundancyLostObject, ObjectRetention:Put or ObjectAnnotation:*).`,
        { code: 'INVALID_INPUT' },
      );
    }
  }
  return S3_EVENTBRIDGE_EVENT_NAMES.filter((name) => eventNameMatches(name, events));
}

/** Groups of detail types that need the same extra constraints. */
interface Branch {
  readonly detailTypes: S3EventBridgeDetailType[];
  readonly reason?: string[];
  readonly deletionType?: string[];
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

function branchesFor(names: readonly S3EventBridgeEventName[]): Branch[] {
  const free: S3EventBridgeDetailType[] = [];
  const constrained: Branch[] = [];
  for (const detailType of DETAIL_TYPE_ORDER) {
    const all = S3_EVENTBRIDGE_EVENT_NAMES.filter((name) => eventBridgeFormOf(name)?.detailType === detailType);
    const chosen = names.filter((name) => eventBridgeFormOf(name)?.detailType === detailType);
    if (chosen.length === 0) continue;
    if (chosen.length === all.length) {
      free.push(detailType);
      continue;
    }
    const forms = chosen.map((name) => eventBridgeFormOf(name) as { reason?: string; deletionType?: string });
    const reasons = unique(forms.map((form) => form.reason as string));
    const allReasons = unique(all.map((name) => eventBridgeFormOf(name)?.reason as string));
    if (detailType !== 'Object Deleted') {
      constrained.push({ detailTypes: [detailType], reason: reasons });
      continue;
    }
    // Object Deleted: reason × deletion-type. One branch per reason with its deletion types,
    // then drop a constraint that lists every possible value.
    const allTypes = unique(all.map((name) => eventBridgeFormOf(name)?.deletionType as string));
    const byReason = reasons.map((reason) => ({
      reason,
      types: unique(forms.filter((form) => form.reason === reason).map((form) => form.deletionType as string)),
    }));
    const sameTypes = byReason.every((entry) => entry.types.join('\u0000') === (byReason[0]?.types ?? []).join('\u0000'));
    const groups = sameTypes ? [{ reasons, types: byReason[0]?.types ?? [] }] : byReason.map((entry) => ({ reasons: [entry.reason], types: entry.types }));
    for (const group of groups) {
      constrained.push({
        detailTypes: [detailType],
        ...(group.reasons.length < allReasons.length && { reason: group.reasons }),
        ...(group.types.length < allTypes.length && { deletionType: group.types }),
      });
    }
  }
  return [...(free.length > 0 ? [{ detailTypes: free }] : []), ...constrained];
}

function branchDetail(branch: Branch): { reason?: string[]; 'deletion-type'?: string[] } {
  return {
    ...(branch.reason !== undefined && { reason: branch.reason }),
    ...(branch.deletionType !== undefined && { 'deletion-type': branch.deletionType }),
  };
}

/**
 * The exact EventBridge event pattern for S3 events of the given names, buckets and key
 * prefix/suffix. It always pins `source` to `aws.s3` and lists `detail-type`s (so CloudTrail
 * "AWS API Call via CloudTrail" events from `aws.s3` never match); it adds `detail.reason` and
 * `detail["deletion-type"]` only where a name needs them (e.g. `ObjectRemoved:DeleteMarkerCreated`
 * alone → `reason: ["DeleteObject"]`, `deletion-type: ["Delete Marker Created"]`), and uses `$or`
 * when different detail types need different ones. A prefix with a suffix becomes one `wildcard`
 * (EventBridge ORs the conditions of one field, so `prefix` + `suffix` would match either); such a
 * key must be at least as long as prefix and suffix together.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
 * @example
 * ```ts
 * import { s3EventPattern } from 's3-event-kit/config';
 * s3EventPattern({ buckets: 'photos', events: ['ObjectCreated:*'], prefix: 'uploads/', suffix: '.jpg' });
 * //=> {
 * //   source: ['aws.s3'],
 * //   'detail-type': ['Object Created'],
 * //   detail: { bucket: { name: ['photos'] }, object: { key: [{ wildcard: 'uploads/*.jpg' }] } },
 * // }
 * ```
 * @category Config
 */
export function s3EventPattern(options: S3EventPatternOptions = {}): S3EventBridgePattern {
  const names = selectedNames(options.events);
  const encode = (options.keyEncoding ?? 'url') === 'url' ? encodeKey : (text: string) => text;
  const buckets =
    options.buckets === undefined ? undefined : (typeof options.buckets === 'string' ? [options.buckets] : [...options.buckets]).map(bucketNameOf);
  if (buckets !== undefined && buckets.length === 0) {
    throw new S3ConfigError('s3EventPattern: `buckets` is empty, so the pattern would match nothing; leave it out for any bucket.', {
      code: 'INVALID_INPUT',
    });
  }
  const key = keyMatcher(options.prefix ? encode(options.prefix) : '', options.suffix ? encode(options.suffix) : '');
  const common = {
    ...(buckets !== undefined && { bucket: { name: unique(buckets) } }),
    ...(key !== undefined && { object: { key: [key] } }),
  };
  const branches = branchesFor(names);
  if (branches.length === 1) {
    const only = branches[0] as Branch;
    const detail = { ...common, ...branchDetail(only) };
    return {
      source: ['aws.s3'],
      'detail-type': only.detailTypes,
      ...(Object.keys(detail).length > 0 && { detail }),
    };
  }
  return {
    source: ['aws.s3'],
    ...(Object.keys(common).length > 0 && { detail: common }),
    $or: branches.map((branch) => {
      const detail = branchDetail(branch);
      return { 'detail-type': branch.detailTypes, ...(Object.keys(detail).length > 0 && { detail }) };
    }),
  };
}
