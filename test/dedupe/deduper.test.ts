import fc from 'fast-check';
import { createDeduper, dedupe, eventId, InvalidOptionError, memoryStore, S3EventInProgressError, type S3ObjectEvent } from 's3-event-kit';
import { describe, expect, test, vi } from 'vitest';
import { clock, event, sequencer } from './events.js';

/** A listed object as backfill turns it into an event: via ['list'], no sequencer. */
function listed(base: S3ObjectEvent): S3ObjectEvent {
  return { ...base, via: ['list'], sequencer: undefined, messageId: undefined } as S3ObjectEvent;
}

describe('createDeduper().run', () => {
  test('handles an event once and acknowledges its redeliveries without calling the handler', async () => {
    // Arrange
    const deduper = createDeduper();
    const handler = vi.fn(async (e: S3ObjectEvent) => e.key.length);

    // Act
    const first = await deduper.run(event({ messageId: 'm-1' }), handler);
    const again = await deduper.run(event({ messageId: 'm-2' }), handler);

    // Assert
    expect(first).toMatchObject({ status: 'handled', value: 22 });
    expect(again).toMatchObject({ status: 'duplicate' });
    expect(again.id).toBe(first.id);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  test('a failed handler releases its claim: the redelivery is handled (at-least-once holds)', async () => {
    // Arrange
    const deduper = createDeduper();
    const boom = new Error('disk full');

    // Act
    const failed = deduper.run(event(), async () => {
      throw boom;
    });
    await expect(failed).rejects.toBe(boom);
    const retried = await deduper.run(event(), async () => 'ok');

    // Assert
    expect(retried).toMatchObject({ status: 'handled', value: 'ok' });
  });

  test('a duplicate arriving while the first is being handled is reported in progress (to be retried)', async () => {
    // Arrange
    const deduper = createDeduper();
    let finish = (): void => undefined;
    const slow = deduper.run(event({ messageId: 'm-1' }), () => new Promise<void>((resolve) => (finish = resolve)));

    // Act
    const concurrent = deduper.run(event({ messageId: 'm-2' }), async () => 'never');

    // Assert
    const error = await concurrent.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(S3EventInProgressError);
    expect(error).toMatchObject({ name: 'S3EventInProgressError', id: `dedupe:event:${eventId(event())}` });
    expect(String((error as Error).message)).toContain('ObjectCreated:Put s3://photos/uploads/red flower.jpg (message m-2)');
    finish();
    await expect(slow).resolves.toMatchObject({ status: 'handled' });
  });

  test('the claim of a consumer that crashed lapses after leaseSeconds', async () => {
    // Arrange
    const time = clock();
    const deduper = createDeduper({ store: memoryStore({ now: time.now }), leaseSeconds: 30 });
    const crashed = await deduper.claim(event());

    // Act
    const during = await deduper.claim(event());
    time.advance(30_000);
    const after = await deduper.claim(event());

    // Assert
    expect([crashed.status, during.status, after.status]).toEqual(['new', 'in-progress', 'new']);
  });

  test('a handled event is forgotten after ttlSeconds', async () => {
    // Arrange
    const time = clock();
    const deduper = createDeduper({ store: memoryStore({ now: time.now }), ttlSeconds: 60 });
    await deduper.run(event(), () => undefined);

    // Act
    time.advance(59_999);
    const within = await deduper.run(event(), () => undefined);
    time.advance(1);
    const after = await deduper.run(event(), () => undefined);

    // Assert
    expect([within.status, after.status]).toEqual(['duplicate', 'handled']);
  });

  test('a backfill listing of an object a live event already handled is a duplicate (by objectId)', async () => {
    // Arrange
    const deduper = createDeduper();
    const live = event({ versionId: 'v1' });
    await deduper.run(live, () => undefined);

    // Act
    const sameContent = await deduper.run(listed(event()), () => 'handled');
    const otherContent = await deduper.run(listed(event({ eTag: 'ffffffffffffffffffffffffffffffff' })), () => 'handled');

    // Assert
    expect(sameContent.status).toBe('duplicate');
    expect(otherContent.status).toBe('handled');
  });

  test('rememberObjects: false leaves listings to be handled again', async () => {
    const deduper = createDeduper({ rememberObjects: false });
    await deduper.run(event(), () => undefined);
    expect((await deduper.run(listed(event()), () => undefined)).status).toBe('handled');
  });

  test('two deduper instances over one store share what they saw; namespaces keep apart', async () => {
    const store = memoryStore();
    await createDeduper({ store }).run(event(), () => undefined);
    expect((await createDeduper({ store }).run(event(), () => undefined)).status).toBe('duplicate');
    expect((await createDeduper({ store, namespace: 'other-app' }).run(event(), () => undefined)).status).toBe('handled');
  });

  test('rejects bad options', () => {
    expect(() => createDeduper({ ttlSeconds: 0 })).toThrow(InvalidOptionError);
    expect(() => createDeduper({ leaseSeconds: Number.POSITIVE_INFINITY })).toThrow(/leaseSeconds/);
  });

  test('property: for any stream of deliveries with duplicates, each distinct event is handled exactly once', async () => {
    const delivery = fc.record({ n: fc.integer({ min: 0, max: 6 }), message: fc.uuid() });
    await fc.assert(
      fc.asyncProperty(fc.array(delivery, { maxLength: 40 }), async (deliveries) => {
        const deduper = createDeduper();
        const handled: string[] = [];
        for (const { n, message } of deliveries) {
          await deduper.run(event({ key: `k/${n % 3}`, sequencer: sequencer(n), messageId: message }), (e) => {
            handled.push(eventId(e));
          });
        }
        const distinct = new Set(deliveries.map(({ n }) => eventId(event({ key: `k/${n % 3}`, sequencer: sequencer(n) }))));
        expect(handled.length).toBe(distinct.size);
        expect(new Set(handled)).toEqual(distinct);
      }),
      { numRuns: 100 },
    );
  });

  test('property: failures never lose an event — each is handled once it finally succeeds', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.boolean()), { maxLength: 40 }), async (attempts) => {
        const deduper = createDeduper();
        const succeeded = new Map<string, number>();
        for (const [n, fails] of attempts) {
          const e = event({ sequencer: sequencer(n) });
          await deduper
            .run(e, () => {
              if (fails) throw new Error('transient');
              succeeded.set(eventId(e), (succeeded.get(eventId(e)) ?? 0) + 1);
            })
            .catch(() => undefined);
        }
        const expected = new Set(attempts.filter(([, fails]) => !fails).map(([n]) => eventId(event({ sequencer: sequencer(n) }))));
        expect(new Set(succeeded.keys())).toEqual(expected);
        for (const count of succeeded.values()) expect(count).toBe(1);
      }),
      { numRuns: 100 },
    );
  });
});

describe('dedupe (batch)', () => {
  test('splits a batch into fresh, duplicates (earlier or repeated in the batch) and in progress', async () => {
    // Arrange
    const deduper = createDeduper();
    const old = event({ sequencer: sequencer(1) });
    await deduper.run(old, () => undefined);
    const busy = event({ sequencer: sequencer(2) });
    await deduper.claim(busy);
    const fresh = event({ sequencer: sequencer(3), messageId: 'a' });
    const repeat = event({ sequencer: sequencer(3), messageId: 'b' });

    // Act
    const batch = await dedupe([old, busy, fresh, repeat], deduper);

    // Assert
    expect(batch.fresh).toEqual([fresh]);
    expect(batch.duplicates).toEqual([old, repeat]);
    expect(batch.inProgress).toEqual([busy]);
  });

  test('complete() remembers a fresh event; release() lets it be claimed again', async () => {
    // Arrange
    const deduper = createDeduper();
    const a = event({ sequencer: sequencer(1) });
    const b = event({ sequencer: sequencer(2) });
    const batch = await dedupe([a, b], deduper);

    // Act
    await batch.complete(a);
    await batch.release(b);
    const next = await dedupe([a, b], deduper);

    // Assert
    expect(next.duplicates).toEqual([a]);
    expect(next.fresh).toEqual([b]);
    await expect(next.complete(a)).rejects.toThrow(/is not a fresh event of this batch/);
  });

  test('accepts options instead of a deduper', async () => {
    const batch = await dedupe([event(), event({ messageId: 'x' })], { ttlSeconds: 60 });
    expect(batch.fresh).toHaveLength(1);
    expect(batch.duplicates).toHaveLength(1);
  });
});
