/**
 * The filter of `subscribe()` (`events`, `prefix`, `suffix`, `bucket`), checked at `subscribe()`
 * time: a JavaScript caller or a configuration value can pass anything, and a filter that can never
 * match would acknowledge every message unhandled. Mistakes that make a filter match nothing throw a
 * {@link SubscribeOptionsError} (with "did you mean" when a near value exists); values that are legal
 * but probably not meant come back as warnings, for the caller to log.
 * @internal @module
 */
import { S3_EVENT_NAMES, S3_EVENTBRIDGE_DETAIL_TYPES, familyOf, type S3EventName } from '../events/names.js';
import { BARE_EVENT_PATTERNS, isS3EventPattern } from '../filter.js';
import { eventBridgeFormOf } from '../normalize/eventbridge-forms.js';
import { closest } from '../suggest.js';
import { SubscribeOptionsError } from './errors.js';

/** The filter options as a caller may pass them: anything. */
export interface FilterInput {
  readonly events?: unknown;
  readonly prefix?: unknown;
  readonly suffix?: unknown;
  readonly bucket?: unknown;
}

/** What {@link validateFilter} found short of an error. */
export interface FilterCheck {
  /** One sentence per doubtful value, naming the option, the value and the likely fix. */
  readonly warnings: readonly string[];
}

/**
 * The longest S3 object key, in UTF-8 bytes (a prefix or suffix longer than this matches no key).
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html
 */
export const MAX_KEY_BYTES = 1024;

/**
 * Checks a filter; throws {@link SubscribeOptionsError} for a value that is not a filter or that
 * makes the filter match no event, and returns the warnings for the rest.
 */
export function validateFilter(filter: FilterInput): FilterCheck {
  const warnings: string[] = [];
  const { events, prefix, suffix, bucket } = filter;
  if (events !== undefined) checkEvents(events);
  for (const [name, value] of [['prefix', prefix], ['suffix', suffix]] as const) {
    if (value !== undefined) checkKeyPart(name, value, warnings);
  }
  if (typeof prefix === 'string' && typeof suffix === 'string') checkKeyLength(prefix, suffix);
  if (bucket !== undefined) checkBuckets(bucket, warnings);
  return { warnings };
}

// ─── events ──────────────────────────────────────────────────────────────────────────────────────

function checkEvents(events: unknown): void {
  if (!Array.isArray(events)) throw new SubscribeOptionsError('events', events, 'must be an array of event name patterns');
  if (events.length === 0) {
    throw new SubscribeOptionsError(
      'events',
      events,
      'is empty, so the filter matches no event and every message would be acknowledged unhandled; leave events out to receive every event',
    );
  }
  events.forEach((pattern: unknown, index) => {
    if (typeof pattern !== 'string') {
      throw new SubscribeOptionsError(`events[${index}]`, pattern, 'must be an event name pattern (a string such as "ObjectCreated:*")');
    }
    if (!isS3EventPattern(pattern)) throw new SubscribeOptionsError(`events[${index}]`, pattern, patternProblem(pattern));
  });
}

const quote = (text: string): string => JSON.stringify(text);
const didYouMean = (patterns: readonly string[]): string =>
  patterns.length === 0 ? '' : ` (did you mean ${patterns.length === 1 ? quote(patterns[0] as string) : `[${patterns.map(quote).join(', ')}]`}?)`;

const FAMILIES_WITH_VARIANTS: ReadonlySet<string> = /* @__PURE__ */ (() =>
  new Set(BARE_EVENT_PATTERNS.filter((pattern) => pattern.endsWith(':*')).map((pattern) => pattern.slice(0, -2))))();

/** What an unknown name may be a typo of ('*' is no typo of anything). */
const SUGGESTIONS = /* @__PURE__ */ (() => BARE_EVENT_PATTERNS.filter((pattern) => pattern !== '*'))();

/** A short list of patterns that selects exactly these names: `Family:*` for whole families of two or more. */
function patternsFor(names: readonly S3EventName[]): string[] {
  const out: string[] = [];
  for (const name of names) {
    const family = familyOf(name) as string;
    const members = S3_EVENT_NAMES.filter((other) => familyOf(other) === family);
    if (members.length > 1 && members.every((member) => names.includes(member))) {
      if (!out.includes(`${family}:*`)) out.push(`${family}:*`);
    } else {
      out.push(name);
    }
  }
  return out;
}

/** Why a string is not an {@link S3EventPattern}, with the nearest valid pattern(s) when there are. */
export function patternProblem(pattern: string): string {
  if (pattern === '') return 'is an empty string, which matches no event';
  const s3 = /^s3:/i.test(pattern) ? 's3:' : '';
  const bare = pattern.slice(s3.length);
  const withPrefix = (patterns: readonly string[]): string[] => patterns.map((p) => `${s3}${p}`);

  const folded = bare.toLowerCase();
  const cased = BARE_EVENT_PATTERNS.find((valid) => valid.toLowerCase() === folded);
  if (cased !== undefined) return `is not an S3 event name or wildcard: names are case-sensitive${didYouMean(withPrefix([cased]))}`;

  const family = [...FAMILIES_WITH_VARIANTS].find((f) => f.toLowerCase() === folded);
  if (family !== undefined) {
    return `names the family ${family} without a variant, which matches no event (a name alone is not a wildcard)${didYouMean(withPrefix([`${family}:*`]))}`;
  }
  if (bare.endsWith(':*')) {
    const head = bare.slice(0, -2);
    const single = S3_EVENT_NAMES.find((name) => name.toLowerCase() === head.toLowerCase());
    if (single !== undefined) {
      return `matches no event: ${single} has no variants, so its events are named just ${quote(single)}${didYouMean(withPrefix([single]))}`;
    }
  }
  if (bare.includes('*') && bare !== '*') {
    // Read as a glob, which it is not, the pattern may still say which names were meant.
    const glob = new RegExp(`^${bare.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
    const meant = S3_EVENT_NAMES.filter((name) => glob.test(name));
    return (
      'uses "*" inside a name: "*" stands only for every event ("*") or for every variant of a family ("ObjectCreated:*")' +
      didYouMean(withPrefix(meant.length === S3_EVENT_NAMES.length ? ['*'] : patternsFor(meant)))
    );
  }
  const detailType = S3_EVENTBRIDGE_DETAIL_TYPES.find((type) => type.toLowerCase() === folded);
  if (detailType !== undefined) {
    const names = S3_EVENT_NAMES.filter((name) => eventBridgeFormOf(name)?.detailType === detailType);
    return `is an EventBridge detail-type; filters name events as S3 records do${didYouMean(withPrefix(patternsFor(names)))}`;
  }
  const near = closest(bare, SUGGESTIONS);
  return near === undefined
    ? 'is not an S3 event name or wildcard; use a name such as "ObjectCreated:Put" (S3_EVENT_NAMES lists them), a family wildcard such as "ObjectCreated:*", or "*"'
    : `is not an S3 event name or wildcard${didYouMean(withPrefix([near]))}`;
}

// ─── prefix and suffix ───────────────────────────────────────────────────────────────────────────

const utf8Length = (text: string): number => new TextEncoder().encode(text).length;

function checkKeyPart(name: 'prefix' | 'suffix', value: unknown, warnings: string[]): void {
  if (typeof value !== 'string') throw new SubscribeOptionsError(name, value, 'must be a string');
  const bytes = utf8Length(value);
  if (bytes > MAX_KEY_BYTES) {
    throw new SubscribeOptionsError(name, value, `is ${bytes} bytes long in UTF-8, so it matches no key: S3 keys are at most ${MAX_KEY_BYTES} bytes`);
  }
  const location = /^(?:s3:\/\/|arn:aws[\w-]*:s3:::)([^/]*)\/?(.*)$/.exec(value);
  if (name === 'prefix' && location !== null) {
    const [, bucket = '', rest = ''] = location;
    warnings.push(
      `prefix ${quote(value)} looks like a location, not a key prefix: the filter compares it with the object key alone` +
        ` (did you mean bucket: ${quote(bucket)}${rest === '' ? '' : `, prefix: ${quote(rest)}`}?)`,
    );
  } else if (name === 'prefix' && value.startsWith('/')) {
    warnings.push(
      `prefix ${quote(value)} starts with "/": S3 keys can, but rarely do (the key of s3://bucket/uploads/a.jpg is "uploads/a.jpg"),` +
        ` so this filter may match nothing (did you mean ${quote(value.replace(/^\/+/, ''))}?)`,
    );
  }
  if (value.includes('*')) {
    warnings.push(
      `${name} ${quote(value)} contains "*", which matches only a "*" in the key: prefix and suffix are plain text, not globs` +
        ` (did you mean ${quote(value.replace(/\*+/g, ''))}?)`,
    );
  }
  if (/%[0-9A-Fa-f]{2}/.test(value)) {
    let decoded = value;
    try {
      decoded = decodeURIComponent(value);
    } catch {
      // Not decodable as a whole: the warning still holds, without the decoded form.
    }
    warnings.push(
      `${name} ${quote(value)} contains a URL escape (%XX): the filter compares it with the decoded key, so it matches only keys with that text literally` +
        (decoded === value ? '' : ` (did you mean ${quote(decoded)}?)`),
    );
  }
}

/** A key that starts with the prefix and ends with the suffix is at least this long. */
function shortestKey(prefix: string, suffix: string): string {
  if (prefix.endsWith(suffix)) return prefix;
  if (suffix.startsWith(prefix)) return suffix;
  for (let overlap = Math.min(prefix.length, suffix.length) - 1; overlap > 0; overlap--) {
    if (prefix.endsWith(suffix.slice(0, overlap))) return prefix + suffix.slice(overlap);
  }
  return prefix + suffix;
}

function checkKeyLength(prefix: string, suffix: string): void {
  const bytes = utf8Length(shortestKey(prefix, suffix));
  if (bytes > MAX_KEY_BYTES) {
    throw new SubscribeOptionsError(
      'suffix',
      suffix,
      `and prefix together need a key of at least ${bytes} bytes in UTF-8, so the filter matches no key: S3 keys are at most ${MAX_KEY_BYTES} bytes`,
    );
  }
}

// ─── bucket ──────────────────────────────────────────────────────────────────────────────────────

/**
 * Names some bucket can have, anywhere: today's rules (3–63 of `a-z 0-9 . -`) and the legacy
 * us-east-1 ones (until March 2018: up to 255 characters, capitals and `_` allowed), which
 * S3-compatible servers also accept.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 */
const POSSIBLE_BUCKET = /^[A-Za-z0-9._-]{1,255}$/;
/** Today's general purpose bucket names. */
const CURRENT_BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

function checkBuckets(bucket: unknown, warnings: string[]): void {
  if (typeof bucket === 'string') {
    checkBucket('bucket', bucket, warnings);
    return;
  }
  if (!Array.isArray(bucket) || !bucket.every((b) => typeof b === 'string')) {
    throw new SubscribeOptionsError('bucket', bucket, 'must be a string or an array of strings');
  }
  if (bucket.length === 0) {
    throw new SubscribeOptionsError(
      'bucket',
      bucket,
      'is empty, so the filter matches no event and every message would be acknowledged unhandled; leave bucket out to receive events of every bucket',
    );
  }
  bucket.forEach((name: string, index) => checkBucket(`bucket[${index}]`, name, warnings));
}

/** The bucket (and key) a mistaken value names: `s3://b/k`, `arn:aws:s3:::b/k`, `b/k` or an S3 URL. */
function bucketIn(value: string): { bucket: string; key: string } | undefined {
  const split = (path: string): { bucket: string; key: string } => {
    const slash = path.indexOf('/');
    return slash < 0 ? { bucket: path, key: '' } : { bucket: path.slice(0, slash), key: path.slice(slash + 1) };
  };
  let found: { bucket: string; key: string };
  const url = /^https?:\/\/([^/]+)\/?(.*)$/.exec(value);
  if (url !== null) {
    const [, host = '', path = ''] = url;
    const virtual = /^(.+)\.s3[.-]/.exec(host);
    if (virtual !== null) found = { bucket: virtual[1] as string, key: path };
    else if (/^s3[.-]/.test(host)) found = split(path);
    else return undefined;
  } else {
    found = split(value.replace(/^(?:s3:\/\/|arn:aws[\w-]*:s3:::)/, ''));
  }
  return POSSIBLE_BUCKET.test(found.bucket) ? found : undefined;
}

function checkBucket(option: string, name: string, warnings: string[]): void {
  if (!POSSIBLE_BUCKET.test(name)) {
    const found = bucketIn(name.trim());
    const hint =
      found === undefined
        ? ''
        : ` (did you mean ${quote(found.bucket)}${found.key === '' ? '' : `, with prefix: ${quote(found.key)}`}?)`;
    throw new SubscribeOptionsError(
      option,
      name,
      `is not a bucket name, so the filter never matches it: bucket names hold only letters, digits, ".", "-" and "_" (1 to 255 characters)${hint}`,
    );
  }
  if (!CURRENT_BUCKET.test(name)) {
    const lower = name.toLowerCase().replace(/_/g, '-');
    warnings.push(
      `${option} ${quote(name)} breaks S3's bucket naming rules (3 to 63 characters: lowercase letters, digits, "." and "-", starting and ending with a letter or digit):` +
        ' no bucket created since March 1, 2018 has such a name (older us-east-1 buckets and some S3-compatible servers allowed more)' +
        (lower !== name && CURRENT_BUCKET.test(lower) ? ` (did you mean ${quote(lower)}?)` : ''),
    );
  }
}
