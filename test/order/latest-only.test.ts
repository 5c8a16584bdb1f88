import fc from 'fast-check';
import { compareSequencers, createGuard, createLatestOnly, latestOnly, memoryStore, S3EventInProgressError, type EventStore } from 's3-event-kit';
import { describe, expect, test, vi } from 'vitest';
import { clock, event, sequencer } from '../dedupe/events.js';

describe('createLatestOnly', () => {
  test('drops an event older than one already handled on the same key', async () => {
    // Arrange
    const latest = createLatestOnly();
    const handled: string[] = [];
    const handle = (e: { sequencer?: string | undefined }): void => void handled.push(e.sequencer ?? '-');

    // Act
    await latest.run(event({ sequencer: sequencer(2) }), handle);
    const older = await latest.run(event({ sequencer: sequencer(1) }), handle);
    await latest.run(event({ sequencer: sequencer(3) }), handle);

    // Assert
    expect(handled).toEqual([sequencer(2), sequencer(3)]);
    expect(older).toEqual({ status: 'stale', latest: sequencer(2) });
  });

  test('drops an event equal to one handled (a duplicate), compared like compareSequencers', async () => {
    const latest = createLatestOnly();
    await latest.run(event({ sequencer: '0055AED6DCD90281E5' }), () => undefined);
    expect(await latest.check(event({ sequencer: '0055aed6dcd90281e5' }))).toEqual({ status: 'stale', latest: '0055AED6DCD90281E5' });
    expect(await latest.check(event({ sequencer: '0055AED6DCD90281E500' }))).toMatchObject({ status: 'stale' });
  });

  test('events without a sequencer always pass and are not recorded', async () => {
    const latest = createLatestOnly();
    await latest.run(event({ sequencer: sequencer(9) }), () => undefined);
    const tagging = event({ name: 'ObjectTagging:Put', sequencer: null, eTag: 'abc' });
    expect(await latest.check(tagging)).toEqual({ status: 'unordered' });
    expect(await latest.record(tagging)).toBe(false);
    expect((await latest.run(tagging, () => 'ok')).status).toBe('handled');
  });

  test('different keys (and buckets) are never ordered against each other', async () => {
    const latest = createLatestOnly();
    await latest.run(event({ key: 'a', sequencer: sequencer(9) }), () => undefined);
    expect((await latest.check(event({ key: 'b', sequencer: sequencer(1) }))).status).toBe('latest');
    expect((await latest.check(event({ key: 'a', bucket: 'other', sequencer: sequencer(1) }))).status).toBe('latest');
  });

  test('a failed handler records nothing, so its event is retried', async () => {
    const latest = createLatestOnly();
    await expect(latest.run(event({ sequencer: sequencer(5) }), () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect((await latest.check(event({ sequencer: sequencer(5) }))).status).toBe('latest');
  });

  test('record() only moves forward, also when calls race', async () => {
    // Arrange
    const latest = createLatestOnly();
    const order = [5, 3, 9, 1, 7, 8, 2, 6, 4];

    // Act
    await Promise.all(order.map((n) => latest.record(event({ sequencer: sequencer(n) }))));

    // Assert
    expect(await latest.check(event({ sequencer: sequencer(9) }))).toEqual({ status: 'stale', latest: sequencer(9) });
    expect((await latest.check(event({ sequencer: sequencer(10) }))).status).toBe('latest');
  });

  test('a store whose compare-and-set keeps losing ends in EventStoreError, not a silent loss', async () => {
    const store: EventStore = { get: async () => sequencer(1), set: async () => false };
    await expect(createLatestOnly({ store }).record(event({ sequencer: sequencer(2) }))).rejects.toMatchObject({
      name: 'EventStoreError',
      operation: 'record',
    });
  });

  test('forgets a key after ttlSeconds', async () => {
    const time = clock();
    const latest = createLatestOnly({ store: memoryStore({ now: time.now }), ttlSeconds: 10 });
    await latest.record(event({ sequencer: sequencer(5) }));
    time.advance(10_000);
    expect((await latest.check(event({ sequencer: sequencer(1) }))).status).toBe('latest');
  });

  test('property: whatever the arrival order on one key, the handled sequencers strictly increase and end at the maximum', async () => {
    const sequencers = fc.uniqueArray(fc.bigInt({ min: 0n, max: 2n ** 64n }), { minLength: 1, maxLength: 30 });
    await fc.assert(
      fc.asyncProperty(sequencers, async (values) => {
        const latest = createLatestOnly();
        const handled: string[] = [];
        for (const n of values) await latest.run(event({ sequencer: sequencer(n) }), (e) => void handled.push(e.sequencer ?? ''));
        for (let i = 1; i < handled.length; i++) expect(compareSequencers(handled[i - 1] ?? '', handled[i] ?? '')).toBe(-1);
        const max = values.reduce((a, b) => (a > b ? a : b));
        expect(handled.at(-1)).toBe(sequencer(max));
      }),
      { numRuns: 200 },
    );
  });
});

describe('latestOnly (batch)', () => {
  test('keeps the newest event per key of the batch, if newer than what was handled; others are stale', async () => {
    // Arrange
    const latest = createLatestOnly();
    await latest.record(event({ key: 'c', sequencer: sequencer(50) }));
    const a1 = event({ key: 'a', sequencer: sequencer(1) });
    const a3 = event({ key: 'a', sequencer: sequencer(3) });
    const a2 = event({ key: 'a', sequencer: sequencer(2) });
    const b1 = event({ key: 'b', sequencer: sequencer(1) });
    const c9 = event({ key: 'c', sequencer: sequencer(9) });
    const tag = event({ key: 'a', name: 'ObjectTagging:Put', sequencer: null, eTag: 'e' });

    // Act
    const batch = await latestOnly([a1, a3, tag, a2, b1, c9], latest);

    // Assert
    expect(batch.current).toEqual([a3, tag, b1]);
    expect(batch.stale).toEqual([a1, a2, c9]);
  });

  test('a duplicate within the batch is stale', async () => {
    const batch = await latestOnly([event({ messageId: 'a' }), event({ messageId: 'b' })]);
    expect(batch.current).toHaveLength(1);
    expect(batch.stale).toHaveLength(1);
  });
});

describe('createGuard', () => {
  test('drops stale events before claiming, acknowledges duplicates, handles the rest', async () => {
    // Arrange
    const store = memoryStore();
    const guard = createGuard({ dedupe: { store }, latestOnly: { store } });
    const handler = vi.fn(() => 'done');

    // Act
    const outcomes = [];
    for (const e of [
      event({ sequencer: sequencer(2), messageId: 'a' }),
      event({ sequencer: sequencer(2), messageId: 'b' }),
      event({ sequencer: sequencer(1) }),
      event({ name: 'ObjectTagging:Put', sequencer: null, eTag: 'e' }),
      event({ name: 'ObjectTagging:Put', sequencer: null, eTag: 'e', messageId: 'c' }),
    ]) {
      outcomes.push((await guard.run(e, handler)).status);
    }

    // Assert
    expect(outcomes).toEqual(['handled', 'stale', 'stale', 'handled', 'duplicate']);
    expect(handler).toHaveBeenCalledTimes(2);
  });

  test('without guards it just runs the handler; true means defaults', async () => {
    expect(createGuard().dedupe).toBeUndefined();
    expect(await createGuard().run(event(), () => 1)).toEqual({ status: 'handled', value: 1 });
    const guard = createGuard({ dedupe: true, latestOnly: false });
    expect(guard.dedupe).toBeDefined();
    expect(guard.latestOnly).toBeUndefined();
  });

  test('an event being handled elsewhere rejects with S3EventInProgressError and records nothing', async () => {
    const guard = createGuard({ dedupe: true, latestOnly: true });
    await guard.dedupe?.claim(event());
    await expect(guard.run(event(), () => undefined)).rejects.toBeInstanceOf(S3EventInProgressError);
    expect((await guard.latestOnly?.check(event()))?.status).toBe('latest');
  });
});
