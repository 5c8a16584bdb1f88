import fc from 'fast-check';
import { InvalidOptionError, memoryStore } from 's3-event-kit';
import { describe, expect, test } from 'vitest';
import { clock } from '../dedupe/events.js';

describe('memoryStore', () => {
  test('returns what was set until its TTL runs out, then nothing', async () => {
    // Arrange
    const time = clock();
    const store = memoryStore({ now: time.now });
    await store.set('k', 'v', { ttlSeconds: 10 });

    // Act
    const before = await store.get('k');
    time.advance(9_999);
    const justBefore = await store.get('k');
    time.advance(1);
    const after = await store.get('k');

    // Assert
    expect([before, justBefore, after]).toEqual(['v', 'v', undefined]);
  });

  test('{ absent: true } writes only when the key is missing or expired', async () => {
    // Arrange
    const time = clock();
    const store = memoryStore({ now: time.now });

    // Act
    const first = await store.set('k', 'a', { ttlSeconds: 5, condition: { absent: true } });
    const second = await store.set('k', 'b', { ttlSeconds: 5, condition: { absent: true } });
    time.advance(5_000);
    const afterExpiry = await store.set('k', 'c', { ttlSeconds: 5, condition: { absent: true } });

    // Assert
    expect([first, second, afterExpiry]).toEqual([true, false, true]);
    expect(await store.get('k')).toBe('c');
  });

  test('{ equals } writes only while the current unexpired value is exactly that', async () => {
    // Arrange
    const time = clock();
    const store = memoryStore({ now: time.now });
    await store.set('k', 'a', { ttlSeconds: 5 });

    // Act
    const wrong = await store.set('k', 'x', { ttlSeconds: 5, condition: { equals: 'b' } });
    const right = await store.set('k', 'b', { ttlSeconds: 5, condition: { equals: 'a' } });
    time.advance(5_000);
    const expired = await store.set('k', 'c', { ttlSeconds: 5, condition: { equals: 'b' } });
    const missing = await store.set('other', 'c', { ttlSeconds: 5, condition: { equals: 'b' } });

    // Assert
    expect([wrong, right, expired, missing]).toEqual([false, true, false, false]);
  });

  test('ttlSeconds 0 expires the entry at once (how a claim is released)', async () => {
    // Arrange
    const store = memoryStore();
    await store.set('k', 'lease', { ttlSeconds: 60 });

    // Act
    await store.set('k', 'lease', { ttlSeconds: 0, condition: { equals: 'lease' } });

    // Assert
    expect(await store.get('k')).toBeUndefined();
  });

  test('drops the least recently used entry past maxEntries; a get counts as a use', async () => {
    // Arrange
    const store = memoryStore({ maxEntries: 2 });
    await store.set('a', '1', { ttlSeconds: 60 });
    await store.set('b', '2', { ttlSeconds: 60 });
    await store.get('a');

    // Act
    await store.set('c', '3', { ttlSeconds: 60 });

    // Assert
    expect(await store.get('a')).toBe('1');
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('c')).toBe('3');
    expect(store.size).toBe(2);
  });

  test('rejects bad options with InvalidOptionError naming the option', async () => {
    expect(() => memoryStore({ maxEntries: 0 })).toThrow(InvalidOptionError);
    expect(() => memoryStore({ maxEntries: 1.5 })).toThrow(/maxEntries must be a whole number/);
    await expect(memoryStore().set('k', 'v', { ttlSeconds: -1 })).rejects.toMatchObject({
      name: 'InvalidOptionError',
      option: 'ttlSeconds',
      value: -1,
    });
    await expect(memoryStore().set('k', 'v', { ttlSeconds: Number.NaN })).rejects.toThrow(InvalidOptionError);
  });

  test('property: behaves like a map with expiry (ample capacity), for any sequence of operations', async () => {
    type Op =
      | { kind: 'set'; key: string; value: string; ttl: number; condition: 'none' | 'absent' | 'equals'; expected: string }
      | { kind: 'get'; key: string }
      | { kind: 'wait'; ms: number };
    const key = fc.constantFrom('a', 'b', 'c');
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({
        kind: fc.constant('set' as const),
        key,
        value: fc.constantFrom('x', 'y', 'z'),
        ttl: fc.integer({ min: 0, max: 5 }),
        condition: fc.constantFrom('none' as const, 'absent' as const, 'equals' as const),
        expected: fc.constantFrom('x', 'y', 'z'),
      }),
      fc.record({ kind: fc.constant('get' as const), key }),
      fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 3000 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 40 }), async (ops) => {
        const time = clock();
        const store = memoryStore({ now: time.now, maxEntries: 100 });
        const model = new Map<string, { value: string; expiresAt: number }>();
        const read = (k: string): string | undefined => {
          const entry = model.get(k);
          return entry !== undefined && entry.expiresAt > time.now() ? entry.value : undefined;
        };
        for (const o of ops) {
          if (o.kind === 'wait') time.advance(o.ms);
          else if (o.kind === 'get') expect(await store.get(o.key)).toBe(read(o.key));
          else {
            const current = read(o.key);
            const holds = o.condition === 'none' || (o.condition === 'absent' ? current === undefined : current === o.expected);
            const condition = o.condition === 'none' ? undefined : o.condition === 'absent' ? ({ absent: true } as const) : { equals: o.expected };
            expect(await store.set(o.key, o.value, { ttlSeconds: o.ttl, condition })).toBe(holds);
            if (holds) model.set(o.key, { value: o.value, expiresAt: time.now() + o.ttl * 1000 });
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  test('property: never holds more than maxEntries, and keeps the most recently written keys', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 8 }), fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 60 }), async (max, keys) => {
        const store = memoryStore({ maxEntries: max });
        for (const k of keys) await store.set(String(k), 'v', { ttlSeconds: 60 });
        expect(store.size).toBeLessThanOrEqual(max);
        const recent = [...new Set([...keys].reverse())].slice(0, max);
        for (const k of recent) expect(await store.get(String(k))).toBe('v');
      }),
      { numRuns: 200 },
    );
  });
});
