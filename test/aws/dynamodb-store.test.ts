// dynamoDbStore against a real DynamoDB API server (dynalite, in-process on loopback).
import { createHash } from 'node:crypto';
import { GetItemCommand, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { createDeduper, createLatestOnly, eventId, EventStoreError, InvalidOptionError, type S3ObjectEvent } from 's3-event-kit';
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

  describe('keys over DynamoDB\'s 2 048-byte partition key limit', () => {
    const utf8 = (text: string): number => Buffer.byteLength(text, 'utf8');
    const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
    /** Every partition key value in the table, as stored. */
    const storedKeys = async (table: string): Promise<string[]> => {
      const { Items = [] } = await dynamo.client.send(new ScanCommand({ TableName: table }));
      return Items.map((item) => item['pk']?.S ?? '').sort();
    };
    // A legal S3 key of exactly 1 024 bytes of UTF-8 (768 UTF-16 units): `"`, a control character
    // and `é` per 4 bytes, then a 4-byte emoji. JSON escapes `"` and U+0001 (2 and 6 bytes), so the
    // dedupe key that names it is about 2.7 KB.
    const longKey = `${'"\u0001é'.repeat(255)}😀`;
    const bucket = 'b'.repeat(63);

    test('the S3 key is 1 024 bytes and its dedupe id is over the limit (the case this guards)', () => {
      expect(utf8(longKey)).toBe(1024);
      expect(utf8(eventId(event({ bucket, key: longKey })))).toBeGreaterThan(2048);
    });

    test('a key of exactly 2 048 bytes of UTF-8 is stored as is (existing tables keep working)', async () => {
      // Arrange: 7 + 680 × 3 + 1 = 2 048 bytes, only 688 UTF-16 units.
      const { store, table } = await freshStore();
      const key = `dedupe:${'€'.repeat(680)}x`;
      expect(utf8(key)).toBe(2048);

      // Act
      await store.set(key, 'v', { ttlSeconds: 60 });

      // Assert
      expect(await storedKeys(table)).toEqual([key]);
      expect(await store.get(key)).toBe('v');
    });

    test('one byte more is stored as a readable prefix + #sha256: + the hash of the whole key, within 2 048 bytes', async () => {
      // dynalite counts UTF-16 units, not bytes, so it would take this 689-unit key as is; DynamoDB
      // would not. The assertion on the stored key's UTF-8 length is what stands for DynamoDB here.
      const { store, table } = await freshStore();
      const key = `dedupe:${'€'.repeat(680)}xy`;

      await store.set(key, 'v', { ttlSeconds: 60 });
      const [stored = ''] = await storedKeys(table);

      expect(utf8(stored)).toBeLessThanOrEqual(2048);
      expect(stored.endsWith(`#sha256:${sha256(key)}`)).toBe(true);
      const prefix = stored.slice(0, stored.length - '#sha256:'.length - 64);
      expect(key.startsWith(prefix)).toBe(true);
      // The longest prefix of whole characters that fits: 7 + 656 × 3 = 1 975 ≤ 2 048 − 72 = 1 976 bytes.
      expect(prefix).toBe(`dedupe:${'€'.repeat(656)}`);
      expect(await store.get(key)).toBe('v');
    });

    test('a long key works for set, get and both conditional writes', async () => {
      // Arrange
      const time = clock();
      const { store, table } = await freshStore(time.now);
      const key = `dedupe:${eventId(event({ bucket, key: longKey, versionId: 'v'.repeat(200) }))}`;

      // Act / Assert
      expect(await store.set(key, 'a', { ttlSeconds: 5, condition: { absent: true } })).toBe(true);
      expect(await store.set(key, 'z', { ttlSeconds: 5, condition: { absent: true } })).toBe(false);
      expect(await store.get(key)).toBe('a');
      expect(await store.set(key, 'x', { ttlSeconds: 5, condition: { equals: 'b' } })).toBe(false);
      expect(await store.set(key, 'b', { ttlSeconds: 5, condition: { equals: 'a' } })).toBe(true);
      expect(await store.get(key)).toBe('b');
      time.advance(5_000);
      expect(await store.get(key)).toBeUndefined();
      expect(await store.set(key, 'c', { ttlSeconds: 5, condition: { absent: true } })).toBe(true);
      const stored = await storedKeys(table);
      expect(stored).toHaveLength(1);
      expect(utf8(stored[0] ?? '')).toBeLessThanOrEqual(2048);
    });

    test('two long keys with the same 2 000-byte prefix do not collide', async () => {
      // Arrange: the keys differ only after the part that is kept.
      const { store, table } = await freshStore();
      const shared = `dedupe:${'é'.repeat(1100)}`;
      const first = `${shared}/one`;
      const second = `${shared}/two`;

      // Act
      const claims = [
        await store.set(first, 'first', { ttlSeconds: 60, condition: { absent: true } }),
        await store.set(second, 'second', { ttlSeconds: 60, condition: { absent: true } }),
      ];

      // Assert
      expect(claims).toEqual([true, true]);
      expect(await store.get(first)).toBe('first');
      expect(await store.get(second)).toBe('second');
      expect(await store.set(second, 'x', { ttlSeconds: 60, condition: { equals: 'first' } })).toBe(false);
      const stored = await storedKeys(table);
      expect(stored).toHaveLength(2);
      expect(new Set(stored.map((k) => k.slice(0, k.indexOf('#sha256:')))).size).toBe(1);
    });

    test('DynamoDB (here dynalite) refuses the unhashed key; the deduper over the store handles the event once', async () => {
      // Arrange: an ASCII key, so dynalite's count of units is its count of bytes.
      const { store, table } = await freshStore();
      const raw = `dedupe:${'k'.repeat(2100)}`;
      const refused = await dynamo.client
        .send(new PutItemCommand({ TableName: table, Item: { pk: { S: raw } } }))
        .catch((error: unknown) => error);
      const deduper = createDeduper({ store });
      const delivered = event({ bucket, key: longKey, messageId: 'm1' });
      const handled: string[] = [];

      // Act
      const first = await deduper.run(delivered, async (e) => handled.push(e.key));
      const again = await deduper.run(event({ bucket, key: longKey, messageId: 'm2' }), async (e) => handled.push(e.key));

      // Assert
      expect(refused).toMatchObject({ name: 'ValidationException' });
      expect((refused as Error).message).toMatch(/2048 bytes/);
      expect(await store.set(raw, 'v', { ttlSeconds: 60 })).toBe(true);
      expect(first.status).toBe('handled');
      expect(again.status).toBe('duplicate');
      expect(handled).toEqual([longKey]);
    });
  });
});
