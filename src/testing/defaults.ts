/**
 * Realistic default values, ids and time formats shared by the factories. Fixed values are taken
 * from AWS documentation conventions (example account, documentation IP ranges) so snapshots stay
 * stable; ids that differ per message in real life are random unless given.
 * @internal @module
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { invalid } from './errors.js';

/** Default account (AWS documentation example). */
export const ACCOUNT = '123456789012';
/** Default Region. */
export const REGION = 'us-east-1';
/** Default bucket (AWS documentation convention). */
export const BUCKET = 'amzn-s3-demo-bucket';
/** Default key: has a space, so the default record already shows the `+` encoding. */
export const KEY = 'photos/2024/red flower.jpg';
/** Default object size. */
export const SIZE = 1024;
/** Canonical-user style id of the bucket owner (as in recorded events). */
export const BUCKET_OWNER = 'A3I5XTEXAMAI3E';
/** An IAM user principal (the IAM documentation's example user id). */
export const CALLER = 'AWS:AIDACKCEVSQ6C2EXAMPLE';
/** The caller's IP address (TEST-NET-2, reserved for documentation). */
export const CALLER_IP = '198.51.100.24';
/** Principal and source IP of service-initiated events (lifecycle, tiering, replication). */
export const S3_SERVICE = 's3.amazonaws.com';
/** A configuration id as S3 generates it when the user gives none: base64 of a UUID string. */
export const CONFIGURATION_ID = 'NGE5OWFjMGEtOGE3Ni00YjdkLWE0ZGEtMmQ4ZTY3YTkxYjNi';
/** Default SNS topic / SQS queue name. */
export const TOPIC_NAME = 's3-events';
export const QUEUE_NAME = 's3-events';
/** The file part of SNS's signing certificate URL (as recorded in us-east-1 and us-west-2). */
export const SNS_CERT = 'SimpleNotificationService-60eadc530605d63b8e62a523676ef735.pem';

/** SQS `SenderId`s recorded for each kind of sender (Region- and time-dependent in reality). */
export const SENDER_IDS = {
  s3: 'AROA4R74ZO52XAB5OD7T4:S3-PROD-END',
  sns: 'AIDAIYLAVTDLUXBIEIX46',
  eventbridge: 'AIDAJXNJGGKNS7OSV23OI',
} as const;

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export const uuid = (): string => randomUUID();

/** An S3 request id: 16 uppercase alphanumerics. */
export function requestId(): string {
  return requestIdOf(randomBytes(16));
}

function requestIdOf(bytes: Uint8Array): string {
  let id = '';
  for (const byte of bytes) id += UPPER_ALNUM[byte % UPPER_ALNUM.length];
  return id;
}

/** An S3 host id (`x-amz-id-2`): base64, 76 characters. */
export const hostId = (): string => randomBytes(57).toString('base64');

/** An SQS receipt handle: `AQEB` and base64. */
export const receiptHandle = (): string => `AQEB${randomBytes(204).toString('base64')}`;

/** An SNS signature: base64 of an RSA-2048 signature (344 characters). */
export const signature = (): string => randomBytes(256).toString('base64');

export const md5 = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex');

/** The time seeded factories use when given none: 2024-01-01T00:00:00.000Z. */
export const SEED_TIME = Date.UTC(2024, 0, 1);

/**
 * Where a factory's random ids and its clock come from: `node:crypto` and `Date.now()`, or, with a
 * `seed`, SHA-256 of the seed and the field's label (so each field gets its own stable value,
 * whatever else the call is given) and {@link SEED_TIME}.
 */
export interface IdSource {
  readonly uuid: (label: string) => string;
  readonly requestId: (label: string) => string;
  readonly hostId: (label: string) => string;
  readonly receiptHandle: (label: string) => string;
  readonly signature: (label: string) => string;
  /** Epoch milliseconds: now, or {@link SEED_TIME} with a seed. */
  readonly now: () => number;
  /** The seed, to pass on to a factory this one calls. */
  readonly seed: string | number | undefined;
}

/** Checks the `seed` option and gives the ids it stands for. */
export function idSource(seed: unknown): IdSource {
  if (seed === undefined) {
    return {
      uuid: () => uuid(),
      requestId: () => requestId(),
      hostId: () => hostId(),
      receiptHandle: () => receiptHandle(),
      signature: () => signature(),
      now: () => Date.now(),
      seed: undefined,
    };
  }
  if (!((typeof seed === 'string' && seed !== '') || (typeof seed === 'number' && Number.isFinite(seed)))) {
    invalid('seed', `expected a non-empty string or a finite number, got ${describe(seed)}`);
  }
  const bytes = (label: string, length: number): Buffer => {
    const chunks: Buffer[] = [];
    for (let block = 0; chunks.length * 32 < length; block++) {
      chunks.push(createHash('sha256').update(`${typeof seed}:${String(seed)}\0${label}\0${block}`, 'utf8').digest());
    }
    return Buffer.concat(chunks).subarray(0, length);
  };
  return {
    uuid: (label) => uuidOf(bytes(`uuid:${label}`, 16)),
    requestId: (label) => requestIdOf(bytes(`requestId:${label}`, 16)),
    hostId: (label) => bytes(`hostId:${label}`, 57).toString('base64'),
    receiptHandle: (label) => `AQEB${bytes(`receiptHandle:${label}`, 204).toString('base64')}`,
    signature: (label) => bytes(`signature:${label}`, 256).toString('base64'),
    now: () => SEED_TIME,
    seed,
  };
}

/** A version-4 UUID from 16 bytes (as `randomUUID` makes them, but from the given bytes). */
function uuidOf(bytes: Buffer): string {
  const b = Buffer.from(bytes);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** FNV-1a, 32 bits: a cheap deterministic spread for the default sequencer. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * A sequencer as S3 writes them: 18 uppercase hex digits, `00`, then the event's epoch seconds
 * (as every recorded sequencer shows), then 8 digits from the milliseconds and the key. So a later
 * event on the same key always gets a greater sequencer.
 */
export function sequencerFor(timeMs: number, key: string): string {
  const seconds = Math.max(0, Math.floor(timeMs / 1000));
  const millis = ((timeMs % 1000) + 1000) % 1000;
  const low = ((millis << 22) | (fnv1a(key) & 0x3fffff)) >>> 0;
  return `00${seconds.toString(16).padStart(8, '0')}${low.toString(16).padStart(8, '0')}`.toUpperCase();
}

/** A time option (ISO string, epoch milliseconds or `Date`) as epoch milliseconds. */
export function toMillis(value: string | number | Date | undefined, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  const ms =
    value instanceof Date ? value.getTime() : typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms)) invalid(option, `expected an ISO-8601 time, epoch milliseconds or a valid Date, got ${JSON.stringify(value)}`);
  return ms;
}

/** ISO-8601 with milliseconds, as S3 records, SNS and restore expiry times are written. */
export const isoMillis = (ms: number): string => new Date(ms).toISOString();

/** ISO-8601 with whole seconds, as EventBridge writes `time`. */
export const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Checks an optional string option. */
export function optionalText(value: unknown, option: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') invalid(option, `expected a non-empty string, got ${describe(value)}`);
  return value;
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a Date';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(JSON.stringify(value)).slice(0, 60)}`;
}

/** The Region in an ARN (`arn:aws:sns:us-west-2:…`), if any. */
export function regionOfArn(arn: string): string | undefined {
  const region = arn.split(':')[3];
  return region === undefined || region === '' ? undefined : region;
}

/** The account in an ARN, if any. */
export function accountOfArn(arn: string): string | undefined {
  const account = arn.split(':')[4];
  return account === undefined || account === '' ? undefined : account;
}

/** Throws unless the value is a plain object (without narrowing the caller's type). */
export function checkObject(value: unknown, option: string, what = 'an options object'): void {
  if (!isPlainObject(value)) invalid(option, `expected ${what}, got ${describe(value)}`);
}

export function isPlainObject(value: unknown): value is { readonly [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
