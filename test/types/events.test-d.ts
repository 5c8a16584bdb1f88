/** S3ObjectEvent is a discriminated union on name: switch and family checks narrow. */
import { describe, expectTypeOf, it } from 'vitest';
import type {
  DeletionType,
  ObjectCreatedEvent,
  ReplicationDetails,
  S3EventName,
  S3EventRecord,
  S3EventType,
  S3ObjectEvent,
  S3ObjectEventOf,
  S3EventBridgeEvent,
  Via,
} from 's3-event-kit';
import { eventTypeOf, normalize } from 's3-event-kit';

declare const event: S3ObjectEvent;

describe('S3ObjectEvent', () => {
  it('narrows on switch (event.name)', () => {
    switch (event.name) {
      case 'ObjectCreated:Put':
      case 'ObjectCreated:CompleteMultipartUpload':
        expectTypeOf(event.size).toEqualTypeOf<number>();
        expectTypeOf(event.eTag).toEqualTypeOf<string>();
        expectTypeOf(event.type).toEqualTypeOf<'ObjectCreated'>();
        break;
      case 'ObjectRemoved:Delete':
      case 'LifecycleExpiration:Delete':
        expectTypeOf(event.deletionType).toEqualTypeOf<'Permanently Deleted'>();
        expectTypeOf(event.size).toEqualTypeOf<number | undefined>();
        break;
      case 'ObjectRemoved:DeleteMarkerCreated':
      case 'LifecycleExpiration:DeleteMarkerCreated':
        expectTypeOf(event.deletionType).toEqualTypeOf<'Delete Marker Created'>();
        break;
      case 'Replication:OperationFailedReplication':
        expectTypeOf(event.replication).toEqualTypeOf<ReplicationDetails>();
        expectTypeOf(event.replication.failureReason).toEqualTypeOf<string | undefined>();
        expectTypeOf(event.type).toEqualTypeOf<'Replication'>();
        break;
      case 'ObjectRestore:Completed':
        expectTypeOf(event.restoreExpiryTime).toEqualTypeOf<string | undefined>();
        expectTypeOf(event.sourceStorageClass).toEqualTypeOf<string | undefined>();
        break;
      case 'ObjectRestore:Post':
        expectTypeOf(event.sourceStorageClass).toEqualTypeOf<string | undefined>();
        expectTypeOf(event).not.toHaveProperty('restoreExpiryTime');
        break;
      case 'LifecycleTransition':
        expectTypeOf(event.destinationStorageClass).toEqualTypeOf<string | undefined>();
        break;
      case 'IntelligentTiering':
        expectTypeOf(event.accessTier).toEqualTypeOf<string | undefined>();
        break;
      case 'ObjectTagging:Put':
        expectTypeOf(event).not.toHaveProperty('deletionType');
        expectTypeOf(event).not.toHaveProperty('replication');
        break;
      default:
        expectTypeOf(event.name).toEqualTypeOf<
          Exclude<
            S3EventName,
            | 'ObjectCreated:Put'
            | 'ObjectCreated:CompleteMultipartUpload'
            | 'ObjectRemoved:Delete'
            | 'LifecycleExpiration:Delete'
            | 'ObjectRemoved:DeleteMarkerCreated'
            | 'LifecycleExpiration:DeleteMarkerCreated'
            | 'Replication:OperationFailedReplication'
            | 'ObjectRestore:Completed'
            | 'ObjectRestore:Post'
            | 'LifecycleTransition'
            | 'IntelligentTiering'
            | 'ObjectTagging:Put'
          >
        >();
    }
  });

  it('narrows on the family', () => {
    if (event.type === 'ObjectCreated') {
      expectTypeOf(event.size).toEqualTypeOf<number>();
      expectTypeOf(event.name).toEqualTypeOf<
        'ObjectCreated:Put' | 'ObjectCreated:Post' | 'ObjectCreated:Copy' | 'ObjectCreated:CompleteMultipartUpload'
      >();
    }
    if (event.type === 'ObjectRemoved') expectTypeOf(event.deletionType).toEqualTypeOf<DeletionType>();
    if (event.type === 'Replication') expectTypeOf(event).toHaveProperty('replication');
  });

  it('does not let a removal field be read on a created event', () => {
    if (event.name === 'ObjectCreated:Copy') {
      // @ts-expect-error deletionType exists only on removals
      void event.deletionType;
      // @ts-expect-error replication exists only on Replication:*
      void event.replication;
    }
  });

  it('has the common fields on every variant', () => {
    expectTypeOf(event.name).toEqualTypeOf<S3EventName>();
    expectTypeOf(event.type).toEqualTypeOf<S3EventType>();
    expectTypeOf(event.bucket).toEqualTypeOf<string>();
    expectTypeOf(event.key).toEqualTypeOf<string>();
    expectTypeOf(event.rawKey).toEqualTypeOf<string>();
    expectTypeOf(event.time).toEqualTypeOf<string>();
    expectTypeOf(event.region).toEqualTypeOf<string>();
    expectTypeOf(event.via).toEqualTypeOf<Via>();
    expectTypeOf(event.versionId).toEqualTypeOf<string | undefined>();
    expectTypeOf(event.sequencer).toEqualTypeOf<string | undefined>();
    expectTypeOf(event.messageId).toEqualTypeOf<string | undefined>();
    expectTypeOf(event.receiptHandle).toEqualTypeOf<string | undefined>();
    expectTypeOf(event.requester).toEqualTypeOf<string | undefined>();
    expectTypeOf(event.sourceIp).toEqualTypeOf<string | undefined>();
    expectTypeOf(event.size).toEqualTypeOf<number | undefined>();
    expectTypeOf(event.record).toEqualTypeOf<S3EventRecord | S3EventBridgeEvent>();
  });

  it('is readonly', () => {
    // @ts-expect-error events are read-only
    event.key = 'x';
  });

  it('S3ObjectEventOf picks one variant', () => {
    expectTypeOf<S3ObjectEventOf<'ObjectCreated:Post'>>().toEqualTypeOf<ObjectCreatedEvent<'ObjectCreated:Post'>>();
    expectTypeOf<S3ObjectEventOf<'ObjectRemoved:DeleteMarkerCreated'>['deletionType']>().toEqualTypeOf<'Delete Marker Created'>();
  });

  it('normalize returns the union; eventTypeOf keeps the literal family', () => {
    expectTypeOf(normalize).returns.toEqualTypeOf<S3ObjectEvent[]>();
    expectTypeOf(eventTypeOf('ObjectRestore:Delete')).toEqualTypeOf<'ObjectRestore'>();
    expectTypeOf(eventTypeOf('LifecycleTransition')).toEqualTypeOf<'LifecycleTransition'>();
  });
});

describe('raw record shapes', () => {
  it('narrow on eventName: size is required on ObjectCreated records only', () => {
    const record = {} as S3EventRecord;
    if (record.eventName === 'ObjectCreated:Put') expectTypeOf(record.s3.object.size).toEqualTypeOf<number>();
    if (record.eventName === 'ObjectRemoved:Delete') expectTypeOf(record.s3.object.size).toEqualTypeOf<number | undefined>();
    if (record.eventName === 'Replication:OperationNotTracked') expectTypeOf(record.replicationEventData.s3Operation).toEqualTypeOf<string>();
  });

  it('EventBridge events narrow on detail-type', () => {
    const eb = {} as S3EventBridgeEvent;
    if (eb['detail-type'] === 'Object Deleted') {
      expectTypeOf(eb.detail['deletion-type']).toEqualTypeOf<'Permanently Deleted' | 'Delete Marker Created'>();
      expectTypeOf(eb.detail.reason).toEqualTypeOf<'DeleteObject' | 'Lifecycle Expiration'>();
    }
    if (eb['detail-type'] === 'Object Created') expectTypeOf(eb.detail.object.size).toEqualTypeOf<number>();
  });
});
