// Type tests for the production helpers' public types.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client, type GetObjectCommandOutput } from '@aws-sdk/client-s3';
import {
  createDeduper,
  createGuard,
  createLatestOnly,
  dedupe,
  type DedupeOutcome,
  type EventStore,
  type GuardOutcome,
  type MatchedEvent,
  type ObjectCreatedEvent,
  type ObjectRemovedEvent,
  type S3EventHandler,
  type S3ObjectEvent,
} from 's3-event-kit';
import {
  backfill,
  dynamoDbStore,
  getObjectFor,
  type BackfillHandler,
  type DynamoDbClientLike,
  type ListedObjectEvent,
  type ReadableObjectEvent,
  type S3ClientLike,
} from 's3-event-kit/aws';
import { describe, expectTypeOf, test } from 'vitest';

describe('production helper types', () => {
  test('SDK v3 clients fit the structural client types (under exactOptionalPropertyTypes)', () => {
    expectTypeOf(new S3Client({})).toExtend<S3ClientLike>();
    expectTypeOf(new DynamoDBClient({})).toExtend<DynamoDbClientLike>();
    expectTypeOf(dynamoDbStore({ tableName: 't' })).toEqualTypeOf<EventStore>();
  });

  test('run() keeps the event type and the handler result', async () => {
    const created = {} as ObjectCreatedEvent;
    const outcome = await createDeduper().run(created, (e) => {
      expectTypeOf(e).toEqualTypeOf<ObjectCreatedEvent>();
      return e.size;
    });
    expectTypeOf(outcome).toEqualTypeOf<DedupeOutcome<number>>();
    expectTypeOf(await createGuard().run(created, () => 'x')).toEqualTypeOf<GuardOutcome<string>>();
    expectTypeOf(await createLatestOnly().run(created, () => 1)).toMatchTypeOf<{ status: 'handled' | 'stale' }>();
    expectTypeOf((await dedupe([created])).fresh).toEqualTypeOf<ObjectCreatedEvent[]>();
  });

  test('getObjectFor takes every event but removals, and returns the SDK output', () => {
    expectTypeOf<ObjectCreatedEvent>().toExtend<ReadableObjectEvent>();
    expectTypeOf<ObjectRemovedEvent>().not.toExtend<ReadableObjectEvent>();
    expectTypeOf(getObjectFor).returns.resolves.toEqualTypeOf<GetObjectCommandOutput>();
    // @ts-expect-error a removal names no object to read
    void getObjectFor({} as ObjectRemovedEvent);
    // @ts-expect-error a plain S3ObjectEvent must be narrowed first
    void getObjectFor({} as S3ObjectEvent);
  });

  test('a listed event is an ObjectCreated:Put a subscribe() handler accepts; backfill takes that handler', () => {
    expectTypeOf<ListedObjectEvent>().toExtend<MatchedEvent<['ObjectCreated:*']>>();
    expectTypeOf<S3EventHandler<MatchedEvent<['ObjectCreated:*']>>>().toExtend<BackfillHandler>();
    expectTypeOf<S3EventHandler>().toExtend<BackfillHandler>();
    expectTypeOf(backfill).parameter(0).toHaveProperty('bucket').toEqualTypeOf<string>();
  });
});
