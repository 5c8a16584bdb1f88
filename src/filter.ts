/**
 * The one event matcher: `events` (with `*` wildcards), `prefix`, `suffix`, `bucket`. `subscribe()`,
 * the configuration helpers and the testing factories all use it.
 * @module
 */
import { S3_EVENT_NAMES, type S3EventName, type S3EventType } from './events/names.js';
import type { S3ObjectEvent } from './events/normalized.js';

/**
 * An event name pattern: an exact name (`'ObjectCreated:Put'`), a family wildcard
 * (`'ObjectCreated:*'`), `'*'` for everything, or the same in configuration notation with the
 * `s3:` prefix (`'s3:ObjectCreated:*'`).
 *
 * @example
 * ```ts
 * import type { S3EventPattern } from 's3-event-kit';
 * const patterns: S3EventPattern[] = ['ObjectCreated:*', 's3:ObjectRemoved:Delete', 'LifecycleTransition'];
 * ```
 * @category Filter
 */
export type S3EventPattern = BarePattern | `s3:${BarePattern}`;

type BarePattern = S3EventName | `${FamiliesWithVariants}:*` | '*';
type FamiliesWithVariants = S3EventName extends infer Name
  ? Name extends `${infer Family}:${string}`
    ? Family
    : never
  : never;

/**
 * Every {@link S3EventPattern} without the `s3:` prefix, computed from the names: each name, one
 * `Family:*` per family that has variants, and `'*'`. The run-time twin of the type.
 * @internal
 */
// Pure IIFEs: a bundle that never checks a pattern (a handler calling only normalize()) drops them.
export const BARE_EVENT_PATTERNS: readonly BarePattern[] = /* @__PURE__ */ (() => [
  ...S3_EVENT_NAMES,
  ...new Set(S3_EVENT_NAMES.flatMap((name) => (name.includes(':') ? [`${name.slice(0, name.indexOf(':'))}:*` as BarePattern] : []))),
  '*' as const,
])();
const BARE_PATTERN_SET: ReadonlySet<string> = /* @__PURE__ */ (() => new Set<string>(BARE_EVENT_PATTERNS))();

/**
 * Whether a value is an {@link S3EventPattern}: what `subscribe()` checks a JavaScript filter with.
 * @internal
 */
export function isS3EventPattern(value: unknown): value is S3EventPattern {
  return typeof value === 'string' && BARE_PATTERN_SET.has(value.startsWith('s3:') ? value.slice(3) : value);
}

/**
 * What a filter keeps. Every condition given must hold; an empty filter keeps everything.
 *
 * @example
 * ```ts
 * import type { S3EventFilter } from 's3-event-kit';
 * const filter: S3EventFilter = { events: ['ObjectCreated:*'], prefix: 'uploads/', suffix: '.jpg' };
 * ```
 * @category Filter
 */
export interface S3EventFilter<Patterns extends readonly S3EventPattern[] = readonly S3EventPattern[]> {
  /** Event names or wildcards; absent means every event. */
  readonly events?: Patterns | undefined;
  /** The decoded key starts with this. */
  readonly prefix?: string | undefined;
  /** The decoded key ends with this. */
  readonly suffix?: string | undefined;
  /** The bucket name, or one of several. */
  readonly bucket?: string | readonly string[] | undefined;
}

/**
 * The events a pattern list selects, as a type: `['ObjectCreated:*']` → the `ObjectCreated`
 * variants of {@link S3ObjectEvent}.
 *
 * @example
 * ```ts
 * import type { MatchedEvent } from 's3-event-kit';
 * type Created = MatchedEvent<['ObjectCreated:*']>; // ObjectCreatedEvent<'ObjectCreated:Put' | …>
 * ```
 * @category Filter
 */
export type MatchedEvent<Patterns extends readonly S3EventPattern[]> = MatchedBy<Patterns[number]>;

type MatchedBy<Pattern extends S3EventPattern> = Pattern extends `s3:${infer Bare extends BarePattern}`
  ? MatchedByBare<Bare>
  : Pattern extends BarePattern
    ? MatchedByBare<Pattern>
    : never;

type MatchedByBare<Pattern extends BarePattern> = Pattern extends '*'
  ? S3ObjectEvent
  : Pattern extends `${infer Family extends S3EventType}:*`
    ? Extract<S3ObjectEvent, { type: Family }>
    : Extract<S3ObjectEvent, { name: Pattern }>;

/** Whether `name` is selected by `pattern`. */
function nameMatches(name: string, pattern: string): boolean {
  const bare = pattern.startsWith('s3:') ? pattern.slice(3) : pattern;
  if (bare === '*') return true;
  if (bare.endsWith(':*')) return name.startsWith(bare.slice(0, -1));
  return name === bare;
}

/**
 * Whether an event name matches one of the patterns. Used by {@link matches}, and by the
 * configuration helpers for `s3:`-prefixed names.
 *
 * @example
 * ```ts
 * import { eventNameMatches } from 's3-event-kit';
 * eventNameMatches('ObjectCreated:Copy', ['ObjectCreated:*']); //=> true
 * eventNameMatches('ObjectRemoved:Delete', ['s3:ObjectCreated:*']); //=> false
 * ```
 * @category Filter
 */
export function eventNameMatches(name: string, patterns: readonly string[]): boolean {
  for (const pattern of patterns) if (nameMatches(name, pattern)) return true;
  return false;
}

/**
 * Whether an event passes a filter, narrowing its type to the selected names.
 *
 * @example
 * ```ts
 * import { matches, normalize } from 's3-event-kit';
 * declare const input: unknown;
 * for (const event of normalize(input)) {
 *   if (matches(event, { events: ['ObjectCreated:*'], prefix: 'uploads/' })) {
 *     event.size; // number: narrowed to ObjectCreated events
 *   }
 * }
 * ```
 * @category Filter
 */
export function matches<const Patterns extends readonly S3EventPattern[] = readonly ['*']>(
  event: S3ObjectEvent,
  filter: S3EventFilter<Patterns>,
): event is MatchedEvent<Patterns> {
  const { events, prefix, suffix, bucket } = filter;
  if (events !== undefined && !eventNameMatches(event.name, events)) return false;
  if (prefix !== undefined && !event.key.startsWith(prefix)) return false;
  if (suffix !== undefined && !event.key.endsWith(suffix)) return false;
  if (bucket !== undefined && (typeof bucket === 'string' ? event.bucket !== bucket : !bucket.includes(event.bucket))) {
    return false;
  }
  return true;
}
