/** `asEventBridge()`: S3 events as EventBridge delivers them (`source: "aws.s3"`). @module */
import { eventBridgeFormOf, type S3EventBridgeForm } from '../normalize/eventbridge-forms.js';
import type { S3EventBridgeEventOf } from '../events/eventbridge.js';
import type { NamesOf, S3EventBridgeDetailType, S3EventName } from '../events/names.js';
import { isS3EventName } from '../events/names.js';
import type { S3EventRecord } from '../events/notification.js';
import { isS3EventParseError } from '../normalize/errors.js';
import { decodeKey } from '../normalize/key.js';
import { ACCOUNT, checkObject, describe, idSource, isoSeconds, isPlainObject, optionalText, S3_SERVICE, toMillis } from './defaults.js';
import { invalid, S3EventFactoryError } from './errors.js';
import { checkRecord, isServiceInitiated, s3Record, type S3RecordOptions } from './s3-record.js';

/**
 * The EventBridge `detail-type` S3 uses for a record event name, or `never` for names S3 does not
 * send to EventBridge (`Replication:*`, `ReducedRedundancyLostObject`, `ObjectRetention:Put`,
 * `ObjectAnnotation:*`).
 *
 * @example
 * ```ts
 * import type { S3EventBridgeDetailTypeOf } from 's3-event-kit/testing';
 * type T = S3EventBridgeDetailTypeOf<'LifecycleExpiration:Delete'>; // 'Object Deleted'
 * ```
 * @category Testing
 */
export type S3EventBridgeDetailTypeOf<Name extends S3EventName> = Name extends NamesOf<'ObjectCreated'>
  ? 'Object Created'
  : Name extends NamesOf<'ObjectRemoved'> | NamesOf<'LifecycleExpiration'>
    ? 'Object Deleted'
    : Name extends 'ObjectRestore:Post'
      ? 'Object Restore Initiated'
      : Name extends 'ObjectRestore:Completed'
        ? 'Object Restore Completed'
        : Name extends 'ObjectRestore:Delete'
          ? 'Object Restore Expired'
          : Name extends 'ObjectTagging:Put'
            ? 'Object Tags Added'
            : Name extends 'ObjectTagging:Delete'
              ? 'Object Tags Deleted'
              : Name extends 'ObjectAcl:Put'
                ? 'Object ACL Updated'
                : Name extends 'LifecycleTransition'
                  ? 'Object Storage Class Changed'
                  : Name extends 'IntelligentTiering'
                    ? 'Object Access Tier Changed'
                    : never;

/**
 * The event names S3 also sends to EventBridge (all but `Replication:*`,
 * `ReducedRedundancyLostObject`, `ObjectRetention:Put` and `ObjectAnnotation:*`).
 *
 * @example
 * ```ts
 * import type { S3EventBridgeName } from 's3-event-kit/testing';
 * const name: S3EventBridgeName = 'ObjectTagging:Put';
 * ```
 * @category Testing
 */
export type S3EventBridgeName = {
  [Name in S3EventName]: [S3EventBridgeDetailTypeOf<Name>] extends [never] ? never : Name;
}[S3EventName];

/**
 * The EventBridge event type for a record event name (a union for a union of names).
 *
 * @example
 * ```ts
 * import type { S3EventBridgeEventFor } from 's3-event-kit/testing';
 * type E = S3EventBridgeEventFor<'ObjectRemoved:Delete'>;
 * declare const event: E;
 * event.detail['deletion-type']; // 'Permanently Deleted' | 'Delete Marker Created'
 * ```
 * @category Testing
 */
export type S3EventBridgeEventFor<Name extends S3EventName> = Name extends S3EventName
  ? [S3EventBridgeDetailTypeOf<Name>] extends [never]
    ? never
    : S3EventBridgeEventOf<S3EventBridgeDetailTypeOf<Name>>
  : never;

/**
 * Envelope and `detail` fields of an EventBridge S3 event that a notification record does not
 * carry, or that {@link asEventBridge} should write differently from the record.
 *
 * @example
 * ```ts
 * import { asEventBridge, s3Record, type EventBridgeOptions } from 's3-event-kit/testing';
 * const options: EventBridgeOptions = { id: 'e1', account: '111122223333', eventVersion: '1.1' };
 * asEventBridge(s3Record({ key: 'a.txt' }), options).account; //=> '111122223333'
 * ```
 * @category Testing
 */
export interface EventBridgeOptions {
  /** The event `id`. Default: a random UUID. */
  id?: string | undefined;
  /** `account`, the bucket owner's 12-digit account id. Default `'123456789012'`. */
  account?: string | undefined;
  /** `time`, written with whole seconds. Default: the record's `eventTime`. */
  time?: string | number | Date | undefined;
  /** `region`. Default: the record's `awsRegion`. */
  region?: string | undefined;
  /**
   * `detail.requester`: the requester's account id. Default: `account`, or `s3.amazonaws.com` for
   * events S3 starts itself (lifecycle, tiering, restore completion and expiry).
   */
  requester?: string | undefined;
  /**
   * `detail["source-ip-address"]`. Default: the record's source IP on request-driven events
   * (created, deleted by a request, restore initiated, tags, ACL), absent otherwise; `null` leaves
   * it out.
   */
  sourceIp?: string | null | undefined;
  /** `detail["request-id"]`. Default: the record's `x-amz-request-id`. */
  requestId?: string | undefined;
  /**
   * `detail.object.sequencer`. Default: the record's, on `Object Created` and `Object Deleted`
   * only (the other detail types were recorded without one); `null` leaves it out.
   */
  sequencer?: string | null | undefined;
  /** `detail["source-storage-class"]` of restore events. Default: the record's, else `'GLACIER'`. */
  sourceStorageClass?: string | undefined;
  /**
   * `detail["event-version"]`. Absent by default (as in the 2023–2024 recordings); `'1.1'` when the
   * bucket has `aws:` tags, which newer events carry as `detail.bucket["aws-generated-tags"]`.
   */
  eventVersion?: string | undefined;
  /**
   * Write `detail.object.key` URL-encoded like notification keys (the default, which is what
   * `normalize()` assumes by default; AWS does not document EventBridge key encoding), or `false`
   * to write the decoded key (pair it with `normalize(input, { decodeEventBridgeKeys: false })`).
   * @defaultValue true
   */
  encodeKey?: boolean | undefined;
  /**
   * Makes the event deterministic without naming every id: the event `id` (and, when no record is
   * given, the record's request id and time, `2024-01-01T00:00:00Z`) are derived from the seed
   * instead of `node:crypto` and the clock. The same seed and input give the same event.
   *
   * @example
   * ```ts
   * import { asEventBridge } from 's3-event-kit/testing';
   * asEventBridge({ key: 'a.txt', seed: 3 }).id === asEventBridge({ key: 'a.txt', seed: 3 }).id; //=> true
   * asEventBridge({ key: 'a.txt', seed: 3 }).time; //=> '2024-01-01T00:00:00Z'
   * ```
   */
  seed?: string | number | undefined;
}

/**
 * What {@link asEventBridge} builds an event from when given options instead of a record: the
 * object and event fields of {@link S3RecordOptions} plus the {@link EventBridgeOptions}.
 *
 * @example
 * ```ts
 * import { asEventBridge, type S3EventBridgeOptions } from 's3-event-kit/testing';
 * const options: S3EventBridgeOptions<'LifecycleTransition'> = {
 *   name: 'LifecycleTransition', key: 'logs/2020.gz', destinationStorageClass: 'GLACIER', time: '2024-01-01T00:00:00Z',
 * };
 * asEventBridge(options).detail['destination-storage-class']; //=> 'GLACIER'
 * ```
 * @category Testing
 */
export interface S3EventBridgeOptions<Name extends S3EventBridgeName = S3EventBridgeName>
  extends Pick<
      S3RecordOptions<Name>,
      | 'bucket'
      | 'key'
      | 'rawKey'
      | 'size'
      | 'eTag'
      | 'versionId'
      | 'bucketTags'
      | 'restoreExpiryTime'
      | 'destinationStorageClass'
      | 'accessTier'
    >,
    EventBridgeOptions {
  /** The record-side event name; it picks `detail-type`, `reason` and `deletion-type`. Default `'ObjectCreated:Put'`. */
  name?: Name | undefined;
}

/** Whether S3 sends events of this name to EventBridge. @internal */
export function isEventBridgeName(name: S3EventName): name is S3EventBridgeName {
  return eventBridgeFormOf(name) !== undefined;
}

const ENVELOPE_OPTIONS = [
  'id',
  'account',
  'time',
  'region',
  'requester',
  'sourceIp',
  'requestId',
  'sequencer',
  'sourceStorageClass',
  'eventVersion',
  'encodeKey',
  'seed',
] as const satisfies readonly (keyof EventBridgeOptions)[];

const RECORD_OPTIONS = [
  'name',
  'bucket',
  'key',
  'rawKey',
  'size',
  'eTag',
  'versionId',
  'bucketTags',
  'restoreExpiryTime',
  'destinationStorageClass',
  'accessTier',
] as const satisfies readonly (keyof S3EventBridgeOptions)[];

/**
 * Builds the EventBridge event S3 sends for an event: give a record from {@link s3Record} (its
 * object, time and request fields carry over) or the options directly. It writes what S3 writes on
 * EventBridge: the `detail-type` for the name, `reason` on `Object Created` (`PutObject`,
 * `"POST Object"`, `CopyObject`, `CompleteMultipartUpload`) and `Object Deleted` (`DeleteObject`,
 * `"Lifecycle Expiration"`) with its `deletion-type`, kebab-case fields (`request-id`,
 * `version-id`, lowercase `etag`), `time` with whole seconds, `resources` with the bucket ARN,
 * `requester` as an account id (or `s3.amazonaws.com`), and `source-ip-address` only on
 * request-driven events.
 *
 * Wrap the result with `asSqs` or `asSns` for the EventBridge → SQS / SNS (→ SQS) roads.
 *
 * @throws {@link S3EventFactoryError} with code `UNSUPPORTED_ROAD` for names S3 never sends to
 *   EventBridge (`Replication:*`, `ReducedRedundancyLostObject`, `ObjectRetention:Put`,
 *   `ObjectAnnotation:*`), `INVALID_OPTION` for a bad option.
 * @example
 * ```ts
 * import { normalize } from 's3-event-kit';
 * import { asEventBridge, asSqs, s3Record } from 's3-event-kit/testing';
 *
 * const event = asEventBridge(s3Record({ name: 'ObjectCreated:Post', key: 'uploads/cat.png' }));
 * event['detail-type']; //=> 'Object Created'
 * event.detail.reason; //=> 'POST Object'
 * normalize(asSqs(event))[0]?.via; //=> ['eventbridge', 'sqs']
 *
 * const deleted = asEventBridge({ name: 'LifecycleExpiration:Delete', key: 'logs/old.gz', id: 'e1' });
 * deleted.detail['deletion-type']; //=> 'Permanently Deleted'
 * ```
 * @category Testing
 */
export function asEventBridge<const Record extends S3EventRecord>(
  record: Record,
  options?: EventBridgeOptions,
): S3EventBridgeEventFor<Record['eventName']>;
export function asEventBridge<Name extends S3EventBridgeName = 'ObjectCreated:Put'>(
  options?: S3EventBridgeOptions<Name>,
): S3EventBridgeEventFor<Name>;
export function asEventBridge(
  input?: S3EventRecord | S3EventBridgeOptions,
  options?: EventBridgeOptions,
): S3EventBridgeEventFor<S3EventBridgeName> {
  if (isPlainObject(input) && 'eventSource' in input) {
    return fromRecord(checkRecord(input, 'asEventBridge'), checkEnvelopeOptions(options ?? {}));
  }
  if (options !== undefined) {
    invalid('options', 'asEventBridge takes a second argument only after a record; put the options in the first');
  }
  const given: S3EventBridgeOptions = input ?? {};
  checkObject(given, 'options', 'a record from s3Record() or an options object');
  if (Array.isArray((given as { Records?: unknown }).Records)) {
    throw new S3EventFactoryError(
      'INVALID_PAYLOAD',
      'asEventBridge: EventBridge never wraps an S3 notification message; pass one record (s3Record(...)) or options',
    );
  }
  const recordOptions: S3RecordOptions = {};
  const envelope: EventBridgeOptions = {};
  for (const [option, value] of Object.entries(given)) {
    if ((ENVELOPE_OPTIONS as readonly string[]).includes(option)) (envelope as Record<string, unknown>)[option] = value;
    else if ((RECORD_OPTIONS as readonly string[]).includes(option)) (recordOptions as Record<string, unknown>)[option] = value;
    else invalid(option, `unknown option; asEventBridge takes ${[...RECORD_OPTIONS, ...ENVELOPE_OPTIONS].join(', ')}`);
  }
  unsupported(recordOptions.name);
  // The record carries what both forms share, so the two ways of calling give the same event.
  for (const shared of ['time', 'region', 'requestId', 'sequencer', 'seed'] as const) {
    if (envelope[shared] !== undefined) (recordOptions as Record<string, unknown>)[shared] = envelope[shared];
  }
  if (recordOptions.name === 'ObjectRestore:Completed' && envelope.sourceStorageClass !== undefined) {
    recordOptions.sourceStorageClass = envelope.sourceStorageClass;
  }
  return fromRecord(s3Record(recordOptions), checkEnvelopeOptions(envelope));
}

function unsupported(name: unknown): void {
  if (typeof name === 'string' && isS3EventName(name) && !isEventBridgeName(name)) {
    throw new S3EventFactoryError(
      'UNSUPPORTED_ROAD',
      `asEventBridge: S3 does not send ${name} events to EventBridge (it sends no Replication:*, ` +
        'ReducedRedundancyLostObject, ObjectRetention or ObjectAnnotation events there); use asS3Event, asSqs or asSns',
      'name',
    );
  }
}

function checkEnvelopeOptions(options: EventBridgeOptions): EventBridgeOptions {
  checkObject(options, 'options');
  for (const option of Object.keys(options)) {
    if (!(ENVELOPE_OPTIONS as readonly string[]).includes(option)) {
      invalid(option, `unknown option; with a record, asEventBridge takes ${ENVELOPE_OPTIONS.join(', ')}`);
    }
  }
  for (const option of ['id', 'account', 'region', 'requester', 'requestId', 'sourceStorageClass', 'eventVersion'] as const) {
    optionalText(options[option], option);
  }
  idSource(options.seed);
  if (options.sourceIp !== null) optionalText(options.sourceIp, 'sourceIp');
  if (options.sequencer !== null && options.sequencer !== undefined) {
    if (typeof options.sequencer !== 'string' || !/^[0-9A-Fa-f]+$/.test(options.sequencer)) {
      invalid('sequencer', `expected hexadecimal digits, got ${describe(options.sequencer)}`);
    }
  }
  if (options.encodeKey !== undefined && typeof options.encodeKey !== 'boolean') {
    invalid('encodeKey', `expected true or false, got ${describe(options.encodeKey)}`);
  }
  return options;
}

type Json = { [key: string]: unknown };

function fromRecord(record: S3EventRecord, e: EventBridgeOptions): S3EventBridgeEventFor<S3EventBridgeName> {
  const name: unknown = record.eventName;
  if (!isS3EventName(name)) invalid('eventName', `${describe(name)} is not an S3 event name`);
  unsupported(name);
  // The normalizer's own mapping, inverted: the factory writes exactly what normalize() reads back.
  const form = eventBridgeFormOf(name) as S3EventBridgeForm;
  const detailType: S3EventBridgeDetailType = form.detailType;
  const raw = record as unknown as Json & {
    s3: { bucket: Json & { name: string; arn?: string; awsGeneratedTags?: Record<string, string> }; object: Json & { key: string } };
  };
  const object = raw.s3.object;
  const recordTime = Date.parse(record.eventTime);
  const timeMs = toMillis(e.time, 'time', recordTime);
  if (!Number.isFinite(timeMs)) invalid('time', `the record's eventTime ${JSON.stringify(record.eventTime)} is not a time; pass time`);

  let key = object.key;
  if (e.encodeKey === false) {
    try {
      key = decodeKey(object.key);
    } catch (error) {
      if (!isS3EventParseError(error)) throw error;
      throw new S3EventFactoryError('INVALID_KEY', `key: the record's key ${JSON.stringify(object.key)} is not valid URL-encoding`, 'key', error);
    }
  }

  const ordered = detailType === 'Object Created' || detailType === 'Object Deleted';
  const sequencer = e.sequencer === null ? undefined : (e.sequencer ?? (ordered ? (object['sequencer'] as string | undefined) : undefined));
  const detailObject: Json = { key };
  for (const [from, to] of [['size', 'size'], ['eTag', 'etag'], ['versionId', 'version-id']] as const) {
    if (object[from] !== undefined) detailObject[to] = object[from];
  }
  if (sequencer !== undefined) detailObject['sequencer'] = sequencer;

  const account = e.account ?? ACCOUNT;
  const ids = idSource(e.seed);
  const service = isServiceInitiated(name);
  const recordIp: string | undefined = record.requestParameters?.sourceIPAddress;
  const sourceIp = e.sourceIp === null ? undefined : (e.sourceIp ?? (service ? undefined : recordIp));
  const tags = raw.s3.bucket.awsGeneratedTags;
  const eventVersion = e.eventVersion ?? (tags ? '1.1' : undefined);

  const detail: Json = {
    version: '0',
    ...(eventVersion !== undefined && { 'event-version': eventVersion }),
    bucket: { name: raw.s3.bucket.name, ...(tags && { 'aws-generated-tags': { ...tags } }) },
    object: detailObject,
    'request-id': e.requestId ?? record.responseElements?.['x-amz-request-id'] ?? ids.requestId('eventbridge'),
    requester: e.requester ?? (service ? S3_SERVICE : account),
    ...(sourceIp !== undefined && { 'source-ip-address': sourceIp }),
  };
  if (form.reason !== undefined) detail['reason'] = form.reason;
  if (form.deletionType !== undefined) detail['deletion-type'] = form.deletionType;
  const extra = raw as Json & {
    glacierEventData?: { restoreEventData?: { lifecycleRestorationExpiryTime?: string; lifecycleRestoreStorageClass?: string } };
    lifecycleEventData?: { transitionEventData?: { destinationStorageClass?: string } };
    intelligentTieringEventData?: { destinationAccessTier?: string };
  };
  const restore = extra.glacierEventData?.restoreEventData;
  if (detailType === 'Object Restore Initiated') {
    detail['source-storage-class'] = e.sourceStorageClass ?? 'GLACIER';
  } else if (detailType === 'Object Restore Completed') {
    const expiry = restore?.lifecycleRestorationExpiryTime;
    detail['restore-expiry-time'] = isoSeconds(toMillis(expiry, 'restoreExpiryTime', timeMs + 86_400_000));
    detail['source-storage-class'] = e.sourceStorageClass ?? restore?.lifecycleRestoreStorageClass ?? 'GLACIER';
  } else if (detailType === 'Object Storage Class Changed') {
    detail['destination-storage-class'] = extra.lifecycleEventData?.transitionEventData?.destinationStorageClass ?? 'INTELLIGENT_TIERING';
  } else if (detailType === 'Object Access Tier Changed') {
    detail['destination-access-tier'] = extra.intelligentTieringEventData?.destinationAccessTier ?? 'ARCHIVE_ACCESS';
  }

  return {
    version: '0',
    id: e.id ?? ids.uuid('eventbridge.id'),
    'detail-type': detailType,
    source: 'aws.s3',
    account,
    time: isoSeconds(timeMs),
    region: e.region ?? record.awsRegion,
    resources: [raw.s3.bucket.arn ?? `arn:aws:s3:::${raw.s3.bucket.name}`],
    detail,
  } as unknown as S3EventBridgeEventFor<S3EventBridgeName>;
}
