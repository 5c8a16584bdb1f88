/**
 * What the tests expect, written out from the research (event-shapes.md §1.3, §1.5, §2.2, §6.4)
 * independently of the factories' own tables, and the roads as compositions of the public
 * wrappers. Shared by the road matrix and the property test.
 */
import type { S3EventName, S3ObjectEvent, Via } from 's3-event-kit';
import { S3_EVENT_NAMES } from 's3-event-kit';
import {
  asEventBridge,
  asS3Event,
  asSns,
  asSqs,
  type EventBridgeOptions,
  type S3EventRecordOf,
  type SnsOptions,
  type SqsOptions,
} from 's3-event-kit/testing';

type AnyRecord = S3EventRecordOf<S3EventName>;

const names = (...list: S3EventName[]): ReadonlySet<S3EventName> => new Set(list);
const CREATED = ['ObjectCreated:Put', 'ObjectCreated:Post', 'ObjectCreated:Copy', 'ObjectCreated:CompleteMultipartUpload'] as const;
const REPLICATION = [
  'Replication:OperationFailedReplication',
  'Replication:OperationNotTracked',
  'Replication:OperationMissedThreshold',
  'Replication:OperationReplicatedAfterThreshold',
] as const;
const REMOVED = ['ObjectRemoved:Delete', 'ObjectRemoved:DeleteMarkerCreated'] as const;
const EXPIRATION = ['LifecycleExpiration:Delete', 'LifecycleExpiration:DeleteMarkerCreated'] as const;

/** Names whose records carry `size` (§1.5). */
export const WITH_SIZE = names(
  ...CREATED,
  'ObjectRestore:Post',
  'ObjectRestore:Completed',
  'ReducedRedundancyLostObject',
  ...REPLICATION,
  'LifecycleTransition',
  'IntelligentTiering',
);
/** Names whose records carry `eTag` (§1.5). */
export const WITH_ETAG = names(...WITH_SIZE, 'ObjectRestore:Delete', 'ObjectTagging:Put', 'ObjectTagging:Delete', 'ObjectAcl:Put', 'ObjectRetention:Put');
/** Names whose records carry `sequencer` (§1.5, §5). */
export const WITH_SEQUENCER = names(
  ...CREATED,
  ...REMOVED,
  'ObjectRestore:Post',
  'ObjectRestore:Completed',
  'ReducedRedundancyLostObject',
  ...REPLICATION,
  ...EXPIRATION,
);
/** Events S3 starts itself: principal and source IP are `s3.amazonaws.com` (§1.2). */
export const SERVICE = names('ObjectRestore:Delete', 'ReducedRedundancyLostObject', ...REPLICATION, ...EXPIRATION, 'LifecycleTransition', 'IntelligentTiering');
/** Names never sent to EventBridge (§2.2). */
export const NOT_ON_EVENTBRIDGE = names(...REPLICATION, 'ReducedRedundancyLostObject', 'ObjectRetention:Put', 'ObjectAnnotation:Put', 'ObjectAnnotation:Delete');
/** EventBridge detail types carrying a sequencer (recorded on Created and Deleted only, §5). */
export const EVENTBRIDGE_SEQUENCER = names(...CREATED, ...REMOVED, ...EXPIRATION);
/** EventBridge events without `source-ip-address` (lifecycle and S3-initiated, §6.3). */
export const EVENTBRIDGE_NO_IP = names(...SERVICE, 'ObjectRestore:Completed');

/** `eventVersion` per family (§1.3). */
export function eventVersionOf(name: S3EventName): string {
  if (name.startsWith('Replication:')) return '2.2';
  if (name.startsWith('ObjectRetention') || name.startsWith('ObjectAnnotation')) return '2.5';
  if (
    name.startsWith('LifecycleExpiration') ||
    name === 'LifecycleTransition' ||
    name === 'IntelligentTiering' ||
    name.startsWith('ObjectTagging') ||
    name === 'ObjectAcl:Put' ||
    name === 'ObjectRestore:Delete'
  ) {
    return '2.3';
  }
  return '2.1';
}

export const EVENTBRIDGE_NAMES = S3_EVENT_NAMES.filter((name) => !NOT_ON_EVENTBRIDGE.has(name));

/** A road as a composition of the public wrappers, with the ids its messages carry. */
export interface RoadCase {
  readonly label: string;
  readonly via: Via;
  readonly origin: 's3' | 'eventbridge';
  /** The id `normalize()` should report: the outermost carrying message's. */
  readonly messageId: string | undefined;
  readonly receiptHandle: string | undefined;
  readonly wrap: (record: AnyRecord) => unknown;
}

const SQS: SqsOptions = { messageId: 'sqs-message-1', receiptHandle: 'AQEBreceipt-1' };
const SNS: SnsOptions = { messageId: 'sns-message-1' };
const EB: EventBridgeOptions = { id: 'eventbridge-event-1' };
const viaSqs = { messageId: SQS.messageId, receiptHandle: SQS.receiptHandle };

export const ROAD_CASES: readonly RoadCase[] = [
  { label: 'S3 → Lambda', via: ['s3'], origin: 's3', messageId: undefined, receiptHandle: undefined, wrap: (r) => asS3Event(r) },
  { label: 'S3 → SQS → Lambda', via: ['s3', 'sqs'], origin: 's3', ...viaSqs, wrap: (r) => asSqs(asS3Event(r), SQS) },
  { label: 'S3 → SQS (ReceiveMessage)', via: ['s3', 'sqs'], origin: 's3', ...viaSqs, wrap: (r) => asSqs(asS3Event(r), { ...SQS, shape: 'api' }) },
  { label: 'S3 → SQS, one API message as a JSON string', via: ['s3', 'sqs'], origin: 's3', ...viaSqs, wrap: (r) => JSON.stringify(asSqs(asS3Event(r), { ...SQS, shape: 'api' }).Messages[0]) },
  { label: 'S3 → SNS → Lambda', via: ['s3', 'sns'], origin: 's3', messageId: SNS.messageId, receiptHandle: undefined, wrap: (r) => asSns(asS3Event(r), SNS) },
  { label: 'S3 → SNS → SQS → Lambda', via: ['s3', 'sns', 'sqs'], origin: 's3', ...viaSqs, wrap: (r) => asSqs(asSns(asS3Event(r), { ...SNS, delivery: 'sqs' }), SQS) },
  { label: 'S3 → SNS → SQS (ReceiveMessage)', via: ['s3', 'sns', 'sqs'], origin: 's3', ...viaSqs, wrap: (r) => asSqs(asSns(asS3Event(r), { ...SNS, delivery: 'sqs' }), { ...SQS, shape: 'api' }) },
  { label: 'S3 → SNS → SQS, raw delivery', via: ['s3', 'sqs'], origin: 's3', ...viaSqs, wrap: (r) => asSqs(asSns(asS3Event(r), { delivery: 'raw' }), SQS) },
  { label: 'EventBridge → Lambda', via: ['eventbridge'], origin: 'eventbridge', messageId: EB.id, receiptHandle: undefined, wrap: (r) => asEventBridge(r, EB) },
  { label: 'EventBridge → SQS → Lambda', via: ['eventbridge', 'sqs'], origin: 'eventbridge', ...viaSqs, wrap: (r) => asSqs(asEventBridge(r, EB), SQS) },
  { label: 'EventBridge → SQS (ReceiveMessage)', via: ['eventbridge', 'sqs'], origin: 'eventbridge', ...viaSqs, wrap: (r) => asSqs(asEventBridge(r, EB), { ...SQS, shape: 'api' }) },
  { label: 'EventBridge → SNS → Lambda', via: ['eventbridge', 'sns'], origin: 'eventbridge', messageId: SNS.messageId, receiptHandle: undefined, wrap: (r) => asSns(asEventBridge(r, EB), SNS) },
  { label: 'EventBridge → SNS → SQS → Lambda', via: ['eventbridge', 'sns', 'sqs'], origin: 'eventbridge', ...viaSqs, wrap: (r) => asSqs(asSns(asEventBridge(r, EB), { ...SNS, delivery: 'sqs' }), SQS) },
  { label: 'EventBridge → SNS → SQS, raw delivery', via: ['eventbridge', 'sqs'], origin: 'eventbridge', ...viaSqs, wrap: (r) => asSqs(asSns(asEventBridge(r, EB), { delivery: 'raw' }), SQS) },
  { label: 'EventBridge → SQS → Lambda, as a JSON string', via: ['eventbridge', 'sqs'], origin: 'eventbridge', ...viaSqs, wrap: (r) => JSON.stringify(asSqs(asEventBridge(r, EB), SQS)) },
];

/** The fields of an `S3ObjectEvent` the matrix compares (absent ones compare as `undefined`). */
export const COMPARED = [
  'name',
  'type',
  'bucket',
  'key',
  'rawKey',
  'size',
  'eTag',
  'versionId',
  'sequencer',
  'time',
  'region',
  'requester',
  'sourceIp',
  'requestId',
  'via',
  'messageId',
  'receiptHandle',
  'deletionType',
  'restoreExpiryTime',
  'sourceStorageClass',
  'destinationStorageClass',
  'accessTier',
  'replication',
] as const;

export function pick(event: S3ObjectEvent): { [Field in (typeof COMPARED)[number]]?: unknown } {
  const source = event as unknown as { [field: string]: unknown };
  return Object.fromEntries(COMPARED.map((field) => [field, source[field]]));
}

/** `2024-03-14T19:02:45.087Z` → `2024-03-14T19:02:45Z` (EventBridge times have whole seconds). */
export const wholeSeconds = (iso: string): string => iso.replace(/\.\d{3}Z$/, 'Z');
