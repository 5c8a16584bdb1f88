/** `s3Record()` and `asS3Event()`: S3 event notification records, exactly as S3 writes them. @module */
import { isS3EventName, S3_EVENT_NAMES, type NamesOf, type S3EventName } from '../events/names.js';
import type { S3EventNotification, S3EventRecord } from '../events/notification.js';
import { isS3EventParseError } from '../normalize/errors.js';
import { encodeKey } from '../normalize/key.js';
import {
  BUCKET,
  BUCKET_OWNER,
  CALLER,
  CALLER_IP,
  CONFIGURATION_ID,
  describe,
  idSource,
  isoMillis,
  checkObject,
  isPlainObject,
  KEY,
  md5,
  optionalText,
  REGION,
  S3_SERVICE,
  sequencerFor,
  SIZE,
  toMillis,
} from './defaults.js';
import { invalid, S3EventFactoryError } from './errors.js';

/**
 * The raw record type S3 sends for one event name: `S3EventRecordOf<'ObjectCreated:Put'>` has
 * `s3.object.size: number`; `S3EventRecordOf<'Replication:OperationFailedReplication'>` has
 * `replicationEventData`.
 *
 * @example
 * ```ts
 * import type { S3EventRecordOf } from 's3-event-kit/testing';
 * type Put = S3EventRecordOf<'ObjectCreated:Put'>;
 * declare const put: Put;
 * put.s3.object.size; // number
 * ```
 * @category Testing
 */
export type S3EventRecordOf<Name extends S3EventName> = Name extends S3EventName
  ? (S3EventRecord extends infer Member
      ? Member extends { eventName: infer Names }
        ? Name extends Names
          ? Member
          : never
        : never
      : never) & { eventName: Name }
  : never;

/**
 * The replication facts of a `Replication:*` record; names as in the normalized `ReplicationDetails`.
 *
 * @example
 * ```ts
 * import { s3Record, type ReplicationOptions } from 's3-event-kit/testing';
 * const replication: ReplicationOptions = { ruleId: 'to-dr-region', failureReason: 'DstBucketNotFound' };
 * s3Record({ name: 'Replication:OperationFailedReplication', replication }).replicationEventData.failureReason; //=> 'DstBucketNotFound'
 * ```
 * @category Testing
 */
export interface ReplicationOptions {
  /** `replicationRuleId`. Default `'replication-rule'`. */
  ruleId?: string | undefined;
  /** `destinationBucket`, an ARN. Default `arn:aws:s3:::<bucket>-replica`. */
  destinationBucket?: string | undefined;
  /** `s3Operation`. Default `'OBJECT_PUT'`. */
  operation?: string | undefined;
  /** `requestTime`. Default: 30 seconds before the event. */
  requestTime?: string | Date | undefined;
  /**
   * `failureReason`. Default `'AssumeRoleNotPermitted'` on `Replication:OperationFailedReplication`,
   * absent otherwise; `null` leaves it out.
   */
  failureReason?: string | null | undefined;
  /** `threshold`: only written when given (AWS does not document when it appears). */
  threshold?: string | undefined;
  /** `replicationTime`: only written when given (AWS does not document when it appears). */
  replicationTime?: string | undefined;
}

/**
 * What {@link s3Record} builds a record from. Every field of the record can be set; anything not
 * given gets a realistic default for the event name. Option names follow the fields of the
 * normalized `S3ObjectEvent` (`key`, `size`, `eTag`, `requester`, `sourceIp`, …), so what you pass
 * is what `normalize()` gives back. `null` leaves an optional field out.
 *
 * @example
 * ```ts
 * import { s3Record, type S3RecordOptions } from 's3-event-kit/testing';
 * const options: S3RecordOptions<'ObjectRemoved:DeleteMarkerCreated'> = {
 *   name: 'ObjectRemoved:DeleteMarkerCreated', bucket: 'photos', key: 'old/cat.jpg', versionId: 'v2', time: '2024-03-14T19:02:45.087Z',
 * };
 * s3Record(options).s3.object; //=> { key: 'old/cat.jpg', versionId: 'v2', sequencer: '0065F349D515C5CFF4' }
 * ```
 * @category Testing
 */
export interface S3RecordOptions<Name extends S3EventName = S3EventName> {
  /** `eventName`, in record notation (no `s3:` prefix). Default `'ObjectCreated:Put'`. */
  name?: Name | undefined;
  /** Bucket name. Default `'amzn-s3-demo-bucket'`. */
  bucket?: string | undefined;
  /**
   * The object key, **decoded** (as you would pass it to `GetObject`). It is written URL-encoded the
   * way S3 does (`red flower.jpg` → `red+flower.jpg`). Default `'photos/2024/red flower.jpg'`.
   */
  key?: string | undefined;
  /** The key exactly as it should appear in the record, not encoded again (to test odd encodings). */
  rawKey?: string | undefined;
  /**
   * `s3.object.size`. Default 1024 where S3 sends a size (created, restore, replication, transition,
   * tiering); absent on deletes, tagging and ACL events unless given. Required on `ObjectCreated:*`.
   */
  size?: number | null | undefined;
  /**
   * `s3.object.eTag`, without quotes. Default: the MD5 of the key (of `''` for a 0-byte object;
   * `-1` appended on `CompleteMultipartUpload`); absent on deletes unless given.
   */
  eTag?: string | null | undefined;
  /** `s3.object.versionId`: only written when given (S3 omits it on unversioned buckets). */
  versionId?: string | undefined;
  /**
   * `s3.object.sequencer`, uppercase hex. Default: 18 digits derived from `time` and the key, so a
   * later event on the same key compares greater. Absent on tagging, ACL, transition and tiering
   * events unless given.
   */
  sequencer?: string | null | undefined;
  /** `eventTime`, written as ISO-8601 with milliseconds. Default: now. */
  time?: string | number | Date | undefined;
  /** `awsRegion`. Default `'us-east-1'`. */
  region?: string | undefined;
  /**
   * `userIdentity.principalId`. Default `AWS:AIDACKCEVSQ6C2EXAMPLE` for requests,
   * `s3.amazonaws.com` for service-initiated events, `AmazonCustomer:<owner>` on restore completion.
   */
  requester?: string | undefined;
  /** `requestParameters.sourceIPAddress`. Default `198.51.100.24`, or `s3.amazonaws.com` for service events. */
  sourceIp?: string | undefined;
  /** `responseElements["x-amz-request-id"]`. Default: 16 random uppercase alphanumerics. */
  requestId?: string | undefined;
  /** `responseElements["x-amz-id-2"]`. Default: random base64. */
  hostId?: string | undefined;
  /** `s3.configurationId`. Default: a base64 UUID, as S3 generates when the rule has no id. */
  configurationId?: string | undefined;
  /** `s3.bucket.ownerIdentity.principalId`. Default `'A3I5XTEXAMAI3E'`. */
  bucketOwner?: string | undefined;
  /** `s3.bucket.arn`. Default `arn:aws:s3:::<bucket>`. */
  bucketArn?: string | undefined;
  /** `s3.bucket.awsGeneratedTags`: the bucket's `aws:` tags (event version 2.5+). Only written when given. */
  bucketTags?: Record<string, string> | undefined;
  /** `eventVersion`. Default per family: 2.1, 2.2 for replication, 2.3 for lifecycle, tiering, tagging, ACL and restore expiry. */
  eventVersion?: string | undefined;
  /** `s3.s3SchemaVersion`. Default `'1.0'`. */
  schemaVersion?: string | undefined;
  /** `ObjectRestore:Completed` only: `lifecycleRestorationExpiryTime`. Default: one day after `time`. */
  restoreExpiryTime?: string | number | Date | undefined;
  /** `ObjectRestore:Completed` only: `lifecycleRestoreStorageClass`. Default `'GLACIER'`. */
  sourceStorageClass?: string | undefined;
  /** `LifecycleTransition` only: `destinationStorageClass`. Default `'INTELLIGENT_TIERING'`. */
  destinationStorageClass?: string | undefined;
  /** `IntelligentTiering` only: `destinationAccessTier`. Default `'ARCHIVE_ACCESS'`. */
  accessTier?: 'ARCHIVE_ACCESS' | 'DEEP_ARCHIVE_ACCESS' | undefined;
  /** `Replication:*` only: `replicationEventData`. */
  replication?: ReplicationOptions | undefined;
  /**
   * Record-level fields written last, over everything else: for blocks AWS has not documented
   * (e.g. `objectRetentionEventData` on `ObjectRetention:Put`) or to override anything.
   */
  extra?: Record<string, unknown> | undefined;
  /**
   * Makes the record deterministic without naming every id: `requestId` and `hostId` are derived
   * from the seed instead of `node:crypto`, and `time` defaults to `2024-01-01T00:00:00.000Z`
   * instead of now (so the sequencer is stable too). The same seed and options give the same
   * record; anything given explicitly wins.
   *
   * @example
   * ```ts
   * import { s3Record } from 's3-event-kit/testing';
   * const a = s3Record({ key: 'a.txt', seed: 'my-test' });
   * const b = s3Record({ key: 'a.txt', seed: 'my-test' });
   * JSON.stringify(a) === JSON.stringify(b); //=> true
   * a.eventTime; //=> '2024-01-01T00:00:00.000Z'
   * ```
   */
  seed?: string | number | undefined;
}

/**
 * The `s3.object` fields {@link s3Record} always writes for an event name (unless the option is
 * given as `null`), as S3 does: `size`, `eTag` and `sequencer` on created objects, restores and
 * replication; `sequencer` on deletes; `size` and `eTag` on transitions and tiering; `eTag` on
 * tagging, ACL, retention and restore expiry.
 *
 * @example
 * ```ts
 * import type { S3ObjectFieldsOf } from 's3-event-kit/testing';
 * const written: S3ObjectFieldsOf<'ObjectCreated:Put'> = { size: 42, eTag: 'd41d8cd98f00b204e9800998ecf8427e', sequencer: '0065F349D515C5CFF4' };
 * ```
 * @category Testing
 */
export type S3ObjectFieldsOf<Name extends S3EventName> = (Name extends
  | NamesOf<'ObjectCreated'>
  | 'ObjectRestore:Post'
  | 'ObjectRestore:Completed'
  | 'ReducedRedundancyLostObject'
  | NamesOf<'Replication'>
  | 'LifecycleTransition'
  | 'IntelligentTiering'
  ? { size: number }
  : unknown) &
  (Name extends NamesOf<'ObjectRemoved'> | NamesOf<'LifecycleExpiration'> | 'ObjectAnnotation:Put' | 'ObjectAnnotation:Delete'
    ? unknown
    : { eTag: string }) &
  (Name extends
    | NamesOf<'ObjectCreated'>
    | NamesOf<'ObjectRemoved'>
    | 'ObjectRestore:Post'
    | 'ObjectRestore:Completed'
    | 'ReducedRedundancyLostObject'
    | NamesOf<'Replication'>
    | NamesOf<'LifecycleExpiration'>
    ? { sequencer: string }
    : unknown);

type Principal = 'caller' | 'service' | 'customer';

interface Profile {
  readonly version: string;
  readonly size: boolean;
  readonly eTag: boolean;
  readonly sequencer: boolean;
  readonly principal: Principal;
}

const profile = (version: string, size: boolean, eTag: boolean, sequencer: boolean, principal: Principal): Profile => ({
  version,
  size,
  eTag,
  sequencer,
  principal,
});

const CREATED = profile('2.1', true, true, true, 'caller');
const REMOVED = profile('2.1', false, false, true, 'caller');
const REPLICATION = profile('2.2', true, true, true, 'service');
const EXPIRATION = profile('2.3', false, false, true, 'service');
const METADATA = profile('2.3', false, true, false, 'caller');

/**
 * Which optional fields S3 sends per event name (research §1.5), the event version per family
 * (§1.3) and who the principal is. Names AWS has not documented in detail follow their nearest
 * documented sibling (noted per line).
 */
const PROFILES: { readonly [Name in S3EventName]: Profile } = {
  'ObjectCreated:Put': CREATED,
  'ObjectCreated:Post': CREATED,
  'ObjectCreated:Copy': CREATED,
  'ObjectCreated:CompleteMultipartUpload': CREATED,
  'ObjectRemoved:Delete': REMOVED,
  'ObjectRemoved:DeleteMarkerCreated': REMOVED, // unverified: as ObjectRemoved:Delete
  'ObjectRestore:Post': profile('2.1', true, true, true, 'caller'),
  'ObjectRestore:Completed': profile('2.1', true, true, true, 'customer'),
  'ObjectRestore:Delete': profile('2.3', false, true, false, 'service'), // unverified: as EventBridge "Object Restore Expired"
  ReducedRedundancyLostObject: profile('2.1', true, true, true, 'service'), // unverified: legacy RRS
  'Replication:OperationFailedReplication': REPLICATION,
  'Replication:OperationNotTracked': REPLICATION,
  'Replication:OperationMissedThreshold': REPLICATION,
  'Replication:OperationReplicatedAfterThreshold': REPLICATION,
  'LifecycleExpiration:Delete': EXPIRATION,
  'LifecycleExpiration:DeleteMarkerCreated': EXPIRATION,
  LifecycleTransition: profile('2.3', true, true, false, 'service'),
  IntelligentTiering: profile('2.3', true, true, false, 'service'),
  'ObjectTagging:Put': METADATA,
  'ObjectTagging:Delete': METADATA,
  'ObjectAcl:Put': METADATA,
  'ObjectRetention:Put': profile('2.5', false, true, false, 'caller'), // unverified: SDK test uses 2.5
  'ObjectAnnotation:Put': profile('2.5', false, false, false, 'caller'), // unverified
  'ObjectAnnotation:Delete': profile('2.5', false, false, false, 'caller'), // unverified
};

/** Names whose events S3 starts itself (lifecycle, tiering, replication, restore completion and expiry, RRS loss). @internal */
export function isServiceInitiated(name: S3EventName): boolean {
  return PROFILES[name].principal === 'service' || name === 'ObjectRestore:Completed';
}

const NAME_SPECIFIC: readonly (readonly [keyof S3RecordOptions, (name: S3EventName) => boolean, string])[] = [
  ['restoreExpiryTime', (name) => name === 'ObjectRestore:Completed', 'ObjectRestore:Completed'],
  ['sourceStorageClass', (name) => name === 'ObjectRestore:Completed', 'ObjectRestore:Completed'],
  ['destinationStorageClass', (name) => name === 'LifecycleTransition', 'LifecycleTransition'],
  ['accessTier', (name) => name === 'IntelligentTiering', 'IntelligentTiering'],
  ['replication', (name) => name.startsWith('Replication:'), 'Replication:* events'],
];

const KNOWN_OPTIONS: ReadonlySet<string> = new Set<keyof S3RecordOptions>([
  'name', 'bucket', 'key', 'rawKey', 'size', 'eTag', 'versionId', 'sequencer', 'time', 'region', 'requester',
  'sourceIp', 'requestId', 'hostId', 'configurationId', 'bucketOwner', 'bucketArn', 'bucketTags', 'eventVersion',
  'schemaVersion', 'restoreExpiryTime', 'sourceStorageClass', 'destinationStorageClass', 'accessTier', 'replication',
  'extra', 'seed',
]);

const HEX = /^[0-9A-Fa-f]+$/;
const utf8Length = (text: string): number => new TextEncoder().encode(text).length;

/** Validates a decoded key and encodes it as S3 does, with factory errors instead of parse errors. @internal */
export function encodeObjectKey(key: unknown, option = 'key'): string {
  if (typeof key !== 'string') invalid(option, `expected a string, got ${describe(key)}`);
  if (key === '') throw new S3EventFactoryError('INVALID_KEY', `${option}: an S3 object key cannot be empty`, option);
  let encoded: string;
  try {
    encoded = encodeKey(key);
  } catch (error) {
    if (!isS3EventParseError(error)) throw error;
    throw new S3EventFactoryError(
      'INVALID_KEY',
      `${option}: ${JSON.stringify(key)} is not valid Unicode (it has a lone surrogate), so it cannot be an S3 key`,
      option,
      error,
    );
  }
  const bytes = utf8Length(key);
  if (bytes > 1024) {
    throw new S3EventFactoryError('INVALID_KEY', `${option}: S3 keys are at most 1024 UTF-8 bytes, this one has ${bytes}`, option);
  }
  return encoded;
}

function checkName(value: unknown): S3EventName {
  if (value === undefined) return 'ObjectCreated:Put';
  if (isS3EventName(value)) return value;
  if (typeof value === 'string' && isS3EventName(value.replace(/^s3:/, ''))) {
    invalid('name', `use the record notation ${JSON.stringify(value.slice(3))}, without the "s3:" prefix (records never carry it)`);
  }
  return invalid('name', `${describe(value)} is not an S3 event name; expected one of ${S3_EVENT_NAMES.join(', ')}`);
}

function checkSize(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    invalid('size', `expected a whole number of bytes, got ${describe(value)}`);
  }
  return value;
}

function checkTags(value: unknown): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (!isPlainObject(value)) return invalid('bucketTags', `expected an object of tag → value, got ${describe(value)}`);
  for (const [tag, tagValue] of Object.entries(value)) {
    if (typeof tagValue !== 'string') invalid('bucketTags', `tag ${JSON.stringify(tag)} has ${describe(tagValue)}, expected a string`);
  }
  return { ...(value as Record<string, string>) };
}

/**
 * Builds one S3 event notification record (`Records[]` item) for any {@link S3EventName}, exactly as
 * S3 writes it: the key URL-encoded (`+` for spaces), `eventTime` with milliseconds, the event
 * version of the family, and only the optional fields S3 sends for that name (size and eTag on
 * created objects, no size on deletes, tagging and ACL events, no sequencer on tagging, ACL and
 * transitions, `glacierEventData` on `ObjectRestore:Completed`, `replicationEventData` on
 * `Replication:*`, `lifecycleEventData` on `LifecycleTransition`, `intelligentTieringEventData` on
 * `IntelligentTiering`, `versionId` only when given).
 *
 * Deterministic when you pass a `seed` (or `time`, `requestId` and `hostId`); otherwise those come
 * from the clock and `node:crypto`. Its type says which `s3.object` fields are always there
 * ({@link S3ObjectFieldsOf}): a created object's record fits `S3EventRecord` of `@types/aws-lambda`.
 *
 * @throws {@link S3EventFactoryError} when an option is invalid or does not apply to the name.
 * @example
 * ```ts
 * import { normalize } from 's3-event-kit';
 * import { asS3Event, s3Record } from 's3-event-kit/testing';
 *
 * const record = s3Record({ name: 'ObjectCreated:Put', bucket: 'photos', key: 'red flower.jpg', size: 42 });
 * record.s3.object.key; //=> 'red+flower.jpg'
 * const [event] = normalize(asS3Event(record));
 * event?.key; //=> 'red flower.jpg'
 * ```
 * @category Testing
 */
export function s3Record<Name extends S3EventName = 'ObjectCreated:Put'>(
  options?: S3RecordOptions<Name> & { size?: number | undefined; eTag?: string | undefined; sequencer?: string | undefined },
): S3EventRecordOf<Name> & { s3: { object: S3ObjectFieldsOf<Name> } };
export function s3Record<Name extends S3EventName = 'ObjectCreated:Put'>(options?: S3RecordOptions<Name>): S3EventRecordOf<Name>;
export function s3Record(options?: S3RecordOptions): S3EventRecord {
  const o: S3RecordOptions = options ?? {};
  checkObject(o, 'options');
  for (const option of Object.keys(o)) {
    if (!KNOWN_OPTIONS.has(option)) invalid(option, `unknown option; s3Record takes ${[...KNOWN_OPTIONS].join(', ')}`);
  }
  const name = checkName(o.name);
  const { version, principal, ...carries } = PROFILES[name];
  for (const [option, applies, where] of NAME_SPECIFIC) {
    if (o[option] !== undefined && !applies(name)) invalid(option, `applies to ${where} only, not to ${name}`);
  }

  const bucket = optionalText(o.bucket, 'bucket') ?? BUCKET;
  if (o.key !== undefined && o.rawKey !== undefined) invalid('rawKey', 'give either key (decoded) or rawKey (as sent), not both');
  const decodedKey = o.rawKey === undefined ? (o.key ?? KEY) : undefined;
  const key = o.rawKey === undefined ? encodeObjectKey(decodedKey) : (optionalText(o.rawKey, 'rawKey') as string);
  const ids = idSource(o.seed);
  const timeMs = toMillis(o.time, 'time', ids.now());

  let size = checkSize(o.size);
  if (o.size === undefined && carries.size) size = SIZE;
  if (size === undefined && name.startsWith('ObjectCreated:')) invalid('size', `${name} records always carry a size`);

  let eTag = o.eTag === null ? undefined : optionalText(o.eTag, 'eTag');
  if (o.eTag === undefined && carries.eTag) {
    eTag = size === 0 ? md5('') : md5(decodedKey ?? key);
    if (name === 'ObjectCreated:CompleteMultipartUpload') eTag += '-1';
  }
  if (eTag === undefined && name.startsWith('ObjectCreated:')) invalid('eTag', `${name} records always carry an eTag`);

  let sequencer = o.sequencer === null ? undefined : optionalText(o.sequencer, 'sequencer');
  if (sequencer !== undefined && !HEX.test(sequencer)) invalid('sequencer', `expected hexadecimal digits, got ${JSON.stringify(sequencer)}`);
  if (o.sequencer === undefined && carries.sequencer) sequencer = sequencerFor(timeMs, key);

  const service = principal === 'service';
  const owner = optionalText(o.bucketOwner, 'bucketOwner') ?? BUCKET_OWNER;
  const tags = checkTags(o.bucketTags);
  const versionId = optionalText(o.versionId, 'versionId');

  const record: Record<string, unknown> = {
    eventVersion: optionalText(o.eventVersion, 'eventVersion') ?? version,
    eventSource: 'aws:s3',
    awsRegion: optionalText(o.region, 'region') ?? REGION,
    eventTime: isoMillis(timeMs),
    eventName: name,
    userIdentity: {
      principalId:
        optionalText(o.requester, 'requester') ??
        (service ? S3_SERVICE : principal === 'customer' ? `AmazonCustomer:${owner}` : CALLER),
    },
    requestParameters: { sourceIPAddress: optionalText(o.sourceIp, 'sourceIp') ?? (service ? S3_SERVICE : CALLER_IP) },
    responseElements: {
      'x-amz-request-id': optionalText(o.requestId, 'requestId') ?? ids.requestId('record'),
      'x-amz-id-2': optionalText(o.hostId, 'hostId') ?? ids.hostId('record'),
    },
    s3: {
      s3SchemaVersion: optionalText(o.schemaVersion, 'schemaVersion') ?? '1.0',
      configurationId: optionalText(o.configurationId, 'configurationId') ?? CONFIGURATION_ID,
      bucket: {
        name: bucket,
        ownerIdentity: { principalId: owner },
        arn: optionalText(o.bucketArn, 'bucketArn') ?? `arn:aws:s3:::${bucket}`,
        ...(tags && { awsGeneratedTags: tags }),
      },
      object: {
        key,
        ...(size !== undefined && { size }),
        ...(eTag !== undefined && { eTag }),
        ...(versionId !== undefined && { versionId }),
        ...(sequencer !== undefined && { sequencer }),
      },
    },
  };

  if (name === 'ObjectRestore:Completed') {
    record['glacierEventData'] = {
      restoreEventData: {
        lifecycleRestorationExpiryTime: isoMillis(toMillis(o.restoreExpiryTime, 'restoreExpiryTime', timeMs + 86_400_000)),
        lifecycleRestoreStorageClass: optionalText(o.sourceStorageClass, 'sourceStorageClass') ?? 'GLACIER',
      },
    };
  } else if (name.startsWith('Replication:')) {
    record['replicationEventData'] = replicationData(name, bucket, timeMs, o.replication);
  } else if (name === 'LifecycleTransition') {
    record['lifecycleEventData'] = {
      transitionEventData: {
        destinationStorageClass: optionalText(o.destinationStorageClass, 'destinationStorageClass') ?? 'INTELLIGENT_TIERING',
      },
    };
  } else if (name === 'IntelligentTiering') {
    const tier = o.accessTier ?? 'ARCHIVE_ACCESS';
    if (tier !== 'ARCHIVE_ACCESS' && tier !== 'DEEP_ARCHIVE_ACCESS') {
      invalid('accessTier', `expected 'ARCHIVE_ACCESS' or 'DEEP_ARCHIVE_ACCESS', got ${describe(tier)}`);
    }
    record['intelligentTieringEventData'] = { destinationAccessTier: tier };
  }

  if (o.extra !== undefined) {
    checkObject(o.extra, 'extra', 'an object');
    Object.assign(record, o.extra);
  }
  return record as unknown as S3EventRecord;
}

function replicationData(name: S3EventName, bucket: string, timeMs: number, options: ReplicationOptions | undefined): Record<string, string> {
  const r: ReplicationOptions = options ?? {};
  checkObject(r, 'replication', 'an object');
  const failureReason =
    r.failureReason === null
      ? undefined
      : (optionalText(r.failureReason, 'replication.failureReason') ??
        (name === 'Replication:OperationFailedReplication' ? 'AssumeRoleNotPermitted' : undefined));
  const threshold = optionalText(r.threshold, 'replication.threshold');
  const replicationTime = optionalText(r.replicationTime, 'replication.replicationTime');
  return {
    replicationRuleId: optionalText(r.ruleId, 'replication.ruleId') ?? 'replication-rule',
    destinationBucket: optionalText(r.destinationBucket, 'replication.destinationBucket') ?? `arn:aws:s3:::${bucket}-replica`,
    s3Operation: optionalText(r.operation, 'replication.operation') ?? 'OBJECT_PUT',
    requestTime: isoMillis(toMillis(r.requestTime, 'replication.requestTime', timeMs - 30_000)),
    ...(failureReason !== undefined && { failureReason }),
    ...(threshold !== undefined && { threshold }),
    ...(replicationTime !== undefined && { replicationTime }),
  };
}

/** Checks that a value is an S3 notification record (for wrappers that take records). @internal */
export function checkRecord(value: unknown, where: string): S3EventRecord {
  if (!isPlainObject(value) || value['eventSource'] !== 'aws:s3' || !isPlainObject(value['s3'])) {
    const hint =
      isPlainObject(value) && Array.isArray(value['Records'])
        ? ' (this is a whole notification; pass its records, e.g. s3Record(...))'
        : ' (build one with s3Record())';
    throw new S3EventFactoryError('INVALID_PAYLOAD', `${where}: expected an S3 event record with eventSource "aws:s3"${hint}`);
  }
  return value as unknown as S3EventRecord;
}

/**
 * The event S3 invokes a Lambda function with: `{ Records: [...] }`. This is also the body S3
 * sends to SQS and the message it publishes to SNS, so it is what `asSqs` and `asSns` wrap.
 * (S3 puts one record in each message; pass several to test your loop.)
 *
 * @throws {@link S3EventFactoryError} with code `INVALID_PAYLOAD` when given no record or something
 *   that is not an S3 record.
 * @example
 * ```ts
 * import { normalize } from 's3-event-kit';
 * import { asS3Event, s3Record } from 's3-event-kit/testing';
 *
 * const event = asS3Event(s3Record({ key: 'a.txt' }), s3Record({ name: 'ObjectRemoved:Delete', key: 'b.txt' }));
 * normalize(event).map((e) => e.via); //=> [['s3'], ['s3']]
 * ```
 * @category Testing
 */
export function asS3Event<const Records extends readonly S3EventRecord[]>(
  ...records: Records
): S3EventNotification & { Records: Records[number][] } {
  if (records.length === 0) {
    throw new S3EventFactoryError('INVALID_PAYLOAD', 'asS3Event: give at least one record (S3 never sends an empty Records array)');
  }
  records.forEach((record, index) => checkRecord(record, `asS3Event: argument ${index + 1}`));
  return { Records: [...records] };
}

