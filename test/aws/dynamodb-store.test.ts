// dynamoDbStore against a real DynamoDB API server (dynalite, in-process on loopback).
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { createDeduper, createLatestOnly, EventStoreError, InvalidOptionError, type S3ObjectEvent } from 's3-event-kit';
import { dynamoDbStore } from 's3-event-kit/aws';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { uniqueName } from '../setup/aws.js';
import { clock, event, sequencer } from '../dedupe/events.js';
import { startDynalite, type LocalDynamo } from './dynalite.js';

let dynamo: LocalDynamo;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(async () => {
  await dynamo?.close();
});

async function freshStore(now?: () => number): Promise<{ store: ReturnType<typeof dynamoDbStore>; table: string }> {
  const table = await dynamo.createTable(uniqueName('dedupe'));
  return { store: dynamoDbStore({ tableName: table, client: dynamo.client, now }), table };
}

describe('dynamoDbStore (against dynalite)', () => {
  test('set then get round-trips; a missing key reads as undefined', async () => {
    const { store } = await freshStore();
    expect(await store.set('k', 'v', { ttlSeconds: 60 })).toBe(true);
    expect(await store.get('k')).toBe('v');
    expect(await store.get('missing')).toBeUndefined();
  });

  test('writes the TTL attribute as epoch seconds (what DynamoDB TTL reads)', async () => {
    // Arrange
    const time = clock(Date.UTC(2024, 2, 14, 12, 0, 0, 250));
    const { store, table } = await freshStore(time.now);

    // Act
    await store.set('k', 'v', { ttlSeconds: 90 });
    const raw = await dynamo.client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 'k' } } }));

    // Assert
    expect(raw.Item).toEqual({ pk: { S: 'k' }, value: { S: 'v' }, expiresAt: { N: String(Math.floor(time.now() / 1000) + 90) } });
  });

  test('an item past its TTL reads as absent and can be claimed again, before DynamoDB deletes it', async () => {
    // Arrange
    const time = clock();
    const { store } = await freshStore(time.now);
    await store.set('k', 'old', { ttlSeconds: 10 });

    // Act
    time.advance(10_000);
    const read = await store.get('k');
    const claimed = await store.set('k', 'new', { ttlSeconds: 10, condition: { absent: true } });

    // Assert
    expect(read).toBeUndefined();
    expect(claimed).toBe(true);
    expect(await store.get('k')).toBe('new');
  });

  test('{ absent: true } is a conditional write: exactly one of 20 concurrent claims wins', async () => {
    const { store } = await freshStore();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.set('race', `c${i}`, { ttlSeconds: 60, condition: { absent: true } })),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  test('{ equals } swaps only the expected, unexpired value', async () => {
    const time = clock();
    const { store } = await freshStore(time.now);
    await store.set('k', 'a', { ttlSeconds: 5 });
    expect(await store.set('k', 'x', { ttlSeconds: 5, condition: { equals: 'b' } })).toBe(false);
    expect(await store.set('k', 'b', { ttlSeconds: 5, condition: { equals: 'a' } })).toBe(true);
    time.advance(5_000);
    expect(await store.set('k', 'c', { ttlSeconds: 5, condition: { equals: 'b' } })).toBe(false);
    expect(await store.set('nope', 'c', { ttlSeconds: 5, condition: { equals: 'b' } })).toBe(false);
  });

  test('a failing call rejects with EventStoreError naming table, operation and key, with the SDK error as cause', async () => {
    const store = dynamoDbStore({ tableName: 'no-such-table', client: dynamo.client });
    const error = await store.get('k').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventStoreError);
    expect(error).toMatchObject({ name: 'EventStoreError', operation: 'GetItem', key: 'k' });
    expect((error as Error).message).toMatch(/^DynamoDB table no-such-table GetItem for key "k" failed: ResourceNotFoundException/);
    expect((error as Error).cause).toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(store.set('k', 'v', { ttlSeconds: 1 })).rejects.toMatchObject({ operation: 'PutItem' });
  });

  test('rejects bad options', () => {
    expect(() => dynamoDbStore({ tableName: '' })).toThrow(InvalidOptionError);
    expect(() => dynamoDbStore({ tableName: 't', ttlAttribute: '' })).toThrow(/ttlAttribute/);
  });

  test('two consumers sharing the table handle each delivered event exactly once', async () => {
    // Arrange: 30 events, each delivered twice, split across two consumers racing in parallel.
    const { store } = await freshStore();
    const consumers = [createDeduper({ store }), createDeduper({ store })];
    const handled: string[] = [];
    const deliveries: Array<[number, S3ObjectEvent]> = [];
    for (let n = 0; n < 30; n++) {
      deliveries.push([0, event({ sequencer: sequencer(n), messageId: `a${n}` })]);
      deliveries.push([1, event({ sequencer: sequencer(n), messageId: `b${n}` })]);
    }

    // Act: a consumer that meets an in-progress event retries it later, as SQS redelivery would.
    const deliver = async ([who, e]: [number, S3ObjectEvent]): Promise<void> => {
      for (;;) {
        try {
          await consumers[who]?.run(e, async (x) => {
            await new Promise((resolve) => setTimeout(resolve, 2));
            handled.push(x.sequencer ?? '');
          });
          return;
        } catch (error) {
          if ((error as Error).name !== 'S3EventInProgressError') throw error;
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      }
    };
    await Promise.all(deliveries.map(deliver));

    // Assert
    expect(handled).toHaveLength(30);
    expect(new Set(handled).size).toBe(30);
  });

  test('latestOnly over DynamoDB: racing records converge on the newest sequencer', async () => {
    const { store } = await freshStore();
    const latest = createLatestOnly({ store });
    await Promise.all([4, 9, 1, 7, 3, 8].map((n) => latest.record(event({ sequencer: sequencer(n) }))));
    expect(await latest.check(event({ sequencer: sequencer(8) }))).toEqual({ status: 'stale', latest: sequencer(9) });
  });
});
