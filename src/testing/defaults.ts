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
  let id = '';
  for (const byte of randomBytes(16)) id += UPPER_ALNUM[byte % UPPER_ALNUM.length];
  return id;
}

/** An S3 host id (`x-amz-id-2`): base64, 76 characters. */
export const hostId = (): string => randomBytes(57).toString('base64');

/** An SQS receipt handle: `AQEB` and base64. */
export const receiptHandle = (): string => `AQEB${randomBytes(204).toString('base64')}`;

/** An SNS signature: base64 of an RSA-2048 signature (344 characters). */
export const signature = (): string => randomBytes(256).toString('base64');

export const md5 = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex');

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
