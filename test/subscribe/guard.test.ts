// subscribe({ dedupe, latestOnly }) as a Lambda handler: duplicates and stale events are
// acknowledged without calling the handler, on every road; a failure or an event another consumer
// holds fails its message, so it is retried.
import {
  createDeduper,
  createLatestOnly,
  EventStoreError,
  memoryStore,
  normalize,
  S3EventBatchError,
  S3EventHandlerError,
  S3EventInProgressError,
  subscribe,
  SubscribeOptionsError,
  type EventStore,
  type S3ObjectEvent,
} from 's3-event-kit';
import { asEventBridge, asS3Event, asSqs, deliver, ROADS, s3Record, sqsRecord } from 's3-event-kit/testing';
import { describe, expect, it, vi } from 'vitest';

const isSqsRoad = (road: readonly string[]): boolean => road[road.length - 1] === 'sqs';
const TIME = '2024-03-14T12:00:00.000Z';

/** A handler that records the keys (and sequencers) it ran for, failing while `fail` says so. */
function recorder(fail: (event: S3ObjectEvent) => boolean = () => false) {
  const seen: string[] = [];
  const handler = vi.fn(async (event: S3ObjectEvent) => {
    if (fail(event)) throw new Error(`cannot process ${event.key}`);
    seen.push(`${event.key}@${event.sequencer ?? '-'}`);
  });
  return { seen, handler };
}

const failuresOf = (response: unknown): string[] =>
  (response as { batchItemFailures: Array<{ itemIdentifier: string }> }).batchItemFailures.map((f) => f.itemIdentifier);

describe('subscribe({ dedupe }) in Lambda', () => {
  it.each(ROADS.map((road) => [road.join(' → '), road] as const))('acknowledges a second delivery on %s without calling the handler', async (_, road) => {
    // Arrange
    const { handler } = recorder();
    const subscription = subscribe({ dedupe: true }, handler);
    const record = s3Record({ key: 'photos/a b.jpg', time: TIME });

    // Act
    const first = await subscription(deliver(record, road));
    const again = await subscription(deliver(record, road)); // a new message id, the same S3 event

    // Assert
    expect(handler).toHaveBeenCalledTimes(1);
    expect(first).toEqual(isSqsRoad(road) ? { batchItemFailures: [] } : undefined);
    expect(again).toEqual(isSqsRoad(road) ? { batchItemFailures: [] } : undefined);
  });

  it('recognises the same S3 event arriving on two roads (S3 → SQS and EventBridge → SQS)', async () => {
    const { handler } = recorder();
    const subscription = subscribe({ dedupe: true }, handler);
    const record = s3Record({ key: 'report.csv', time: TIME });

    await subscription(deliver(record, ['s3', 'sqs']));
    const again = await subscription(deliver(record, ['eventbridge', 'sqs']));

    expect(again).toEqual({ batchItemFailures: [] });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('releases the claim when the handler fails: the retry runs the handler again, later copies do not', async () => {
    // Arrange
    let failing = true;
    const { seen, handler } = recorder(() => failing);
    const subscription = subscribe({ dedupe: true }, handler);
    const message = asSqs(asS3Event(s3Record({ key: 'flaky.txt', time: TIME })), { messageId: 'm1' });

    // Act
    const failed = await subscription(message);
    failing = false;
    const retried = await subscription(message);
    const duplicate = await subscription(message);

    // Assert
    expect(failuresOf(failed)).toEqual(['m1']);
    expect(failuresOf(retried)).toEqual([]);
    expect(failuresOf(duplicate)).toEqual([]);
    expect(handler).toHaveBeenCalledTimes(2);
    expect(seen).toHaveLength(1);
  });

  it('retries only the unhandled events of a message whose second event failed', async () => {
    // Arrange
    let failSecond = true;
    const { seen, handler } = recorder((e) => failSecond && e.key === 'second.txt');
    const subscription = subscribe({ dedupe: true }, handler);
    const message = asSqs(asS3Event(s3Record({ key: 'first.txt', time: TIME }), s3Record({ key: 'second.txt', time: TIME })), { messageId: 'm2' });

    // Act
    expect(failuresOf(await subscription(message))).toEqual(['m2']);
    failSecond = false;
    expect(failuresOf(await subscription(message))).toEqual([]);

    // Assert: first.txt ran once, second.txt failed once and then ran
    expect(seen.map((s) => s.split('@')[0])).toEqual(['first.txt', 'second.txt']);
    expect(handler.mock.calls.map(([e]) => e.key)).toEqual(['first.txt', 'second.txt', 'second.txt']);
  });

  it('fails a copy whose twin is being handled in the same batch; its redelivery is acknowledged as a duplicate', async () => {
    // Arrange: S3 sent one event twice; both copies land in one batch and run concurrently
    const { handler } = recorder();
    const slow = vi.fn(async (event: S3ObjectEvent) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await handler(event);
    });
    const subscription = subscribe({ dedupe: true }, slow);
    const body = asS3Event(s3Record({ key: 'twin.txt', time: TIME }));
    const batch = { Records: [sqsRecord(body, { messageId: 'copy-1' }), sqsRecord(body, { messageId: 'copy-2' })] };

    // Act
    const first = await subscription(batch);
    const redelivered = await subscription({ Records: [sqsRecord(body, { messageId: 'copy-2', receiveCount: 2 })] });

    // Assert
    expect(failuresOf(first)).toEqual(['copy-2']);
    expect(failuresOf(redelivered)).toEqual([]);
    expect(slow).toHaveBeenCalledTimes(1);
  });

  it('fails the message with S3EventInProgressError as the cause when another consumer holds the claim', async () => {
    // Arrange: another consumer (sharing the store) has claimed the event and not finished
    const store = memoryStore();
    const payload = asS3Event(s3Record({ key: 'held.txt', time: TIME }));
    const [event] = normalize(payload);
    await createDeduper({ store }).claim(event as S3ObjectEvent);
    const { handler } = recorder();
    const subscription = subscribe({ dedupe: { store } }, handler);

    // Act
    const sqs = await subscription(asSqs(payload, { messageId: 'm9' }));
    const direct = await subscription(payload).catch((error: unknown) => error);

    // Assert
    expect(failuresOf(sqs)).toEqual(['m9']);
    expect(direct).toBeInstanceOf(S3EventBatchError);
    const [failure] = (direct as S3EventBatchError).errors;
    expect(failure).toBeInstanceOf(S3EventHandlerError);
    expect((failure as S3EventHandlerError).cause).toBeInstanceOf(S3EventInProgressError);
    expect(handler).not.toHaveBeenCalled();
  });

  it('shares a Deduper passed in: what it handled elsewhere is a duplicate here', async () => {
    const deduper = createDeduper();
    const payload = asS3Event(s3Record({ key: 'shared.txt', time: TIME }));
    await deduper.run(normalize(payload)[0] as S3ObjectEvent, () => undefined);
    const { handler } = recorder();

    expect(failuresOf(await subscribe({ dedupe: deduper }, handler)(asSqs(payload)))).toEqual([]);
    expect(handler).not.toHaveBeenCalled();
  });

  it('fails the message, without calling the handler, when the store fails', async () => {
    const broken: EventStore = {
      get: () => Promise.reject(new EventStoreError('test', 'GetItem', 'k', new Error('throttled'))),
      set: () => Promise.reject(new EventStoreError('test', 'PutItem', 'k', new Error('throttled'))),
    };
    const { handler } = recorder();
    const response = await subscribe({ dedupe: { store: broken } }, handler)(asSqs(asS3Event(s3Record()), { messageId: 'm3' }));
    expect(failuresOf(response)).toEqual(['m3']);
    expect(handler).not.toHaveBeenCalled();
  });

  it('does not touch the store for events the filter leaves out', async () => {
    const store = memoryStore();
    const get = vi.spyOn(store, 'get');
    const set = vi.spyOn(store, 'set');
    const subscription = subscribe({ suffix: '.jpg', dedupe: { store } }, async () => {});
    await subscription(asSqs(asS3Event(s3Record({ key: 'notes.txt' }))));
    expect(get).not.toHaveBeenCalled();
    expect(set).not.toHaveBeenCalled();
  });

  it('keeps duplicates from stopping a FIFO batch', async () => {
    const { handler } = recorder();
    const subscription = subscribe({ dedupe: true }, handler);
    const body = asEventBridge(s3Record({ key: 'fifo.txt', time: TIME }));
    const fifo = (messageId: string, sequence: string) =>
      sqsRecord(body, {
        messageId,
        queueArn: 'arn:aws:sqs:us-east-1:123456789012:events.fifo',
        attributes: { MessageGroupId: 'g', SequenceNumber: sequence, MessageDeduplicationId: messageId },
      });
    const response = await subscription({ Records: [fifo('f1', '1'), fifo('f2', '2'), fifo('f3', '3')] });
    expect(failuresOf(response)).toEqual([]);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('calls the handler for every delivery with dedupe: false', async () => {
    const { handler } = recorder();
    const subscription = subscribe({ dedupe: false, latestOnly: false }, handler);
    const payload = asS3Event(s3Record({ time: TIME }));
    await subscription(payload);
    await subscription(payload);
    expect(handler).toHaveBeenCalledTimes(2);
  });
});

describe('subscribe({ latestOnly }) in Lambda', () => {
  const put = (key: string, sequencer: string) => asS3Event(s3Record({ key, sequencer, time: TIME }));

  it('acknowledges, without handling, an event older than one already handled on the same key', async () => {
    // Arrange
    const { seen, handler } = recorder();
    const subscription = subscribe({ latestOnly: true }, handler);

    // Act
    const newer = await subscription(asSqs(put('a.txt', '0055AED6DCD90281E6'), { messageId: 'n1' }));
    const older = await subscription(asSqs(put('a.txt', '0055AED6DCD90281E5'), { messageId: 'n2' }));
    const otherKey = await subscription(asSqs(put('b.txt', '0055AED6DCD90281E1'), { messageId: 'n3' }));
    const newest = await subscription(asSqs(put('a.txt', '0055AED6DCD90281E7'), { messageId: 'n4' }));

    // Assert
    for (const response of [newer, older, otherKey, newest]) expect(failuresOf(response)).toEqual([]);
    expect(seen).toEqual(['a.txt@0055AED6DCD90281E6', 'b.txt@0055AED6DCD90281E1', 'a.txt@0055AED6DCD90281E7']);
  });

  it('lets events without a sequencer through (tagging, ACL …)', async () => {
    const { handler } = recorder();
    const subscription = subscribe({ latestOnly: true }, handler);
    const tagging = asS3Event(s3Record({ name: 'ObjectTagging:Put', key: 'a.txt', time: TIME }));
    await subscription(put('a.txt', '0055AED6DCD90281E6'));
    await subscription(tagging);
    await subscription(tagging);
    expect(handler).toHaveBeenCalledTimes(3);
  });

  it('does not record a failed event: an older one still runs after it', async () => {
    const { seen, handler } = recorder((e) => e.sequencer === '0055AED6DCD90281E6');
    const subscription = subscribe({ latestOnly: { store: memoryStore() } }, handler);
    expect(failuresOf(await subscription(asSqs(put('a.txt', '0055AED6DCD90281E6'), { messageId: 'x' })))).toEqual(['x']);
    await subscription(asSqs(put('a.txt', '0055AED6DCD90281E5')));
    expect(seen).toEqual(['a.txt@0055AED6DCD90281E5']);
  });

  it('with dedupe too, shares one store and one LatestOnly', async () => {
    const store = memoryStore();
    const latest = createLatestOnly({ store });
    const { seen, handler } = recorder();
    const subscription = subscribe({ dedupe: { store }, latestOnly: latest }, handler);
    const newer = put('a.txt', '0055AED6DCD90281E6');
    await subscription(newer);
    await subscription(newer); // duplicate
    await subscription(put('a.txt', '0055AED6DCD90281E5')); // stale
    expect(seen).toEqual(['a.txt@0055AED6DCD90281E6']);
    expect(await latest.check(normalize(put('a.txt', '0055AED6DCD90281E6'))[0] as S3ObjectEvent)).toEqual({
      status: 'stale',
      latest: '0055AED6DCD90281E6',
    });
  });
});

describe('dedupe and latestOnly options', () => {
  it.each([
    [{ dedupe: 'yes' }, 'dedupe must be a boolean, DedupeOptions or a Deduper, got "yes"'],
    [{ dedupe: null }, 'dedupe must be a boolean, DedupeOptions or a Deduper, got null'],
    [{ dedupe: [] }, 'dedupe must be a boolean, DedupeOptions or a Deduper, got []'],
    [{ dedupe: { claim: () => {} } }, 'dedupe looks like a Deduper but lacks claim(), run(), keyOf(), got {}'],
    [{ dedupe: { store: { get: 1 } } }, 'dedupe.store must be an EventStore (an object with get(key) and set(key, value, options)), got {"get":1}'],
    [{ dedupe: { ttlSeconds: 0 } }, 'dedupe.ttlSeconds must be a number of seconds, at least 1, got 0'],
    [{ dedupe: { leaseSeconds: '60' } }, 'dedupe.leaseSeconds must be a number of seconds, at least 1, got "60"'],
    [{ dedupe: { namespace: '' } }, 'dedupe.namespace must be a non-empty string, got ""'],
    [{ dedupe: { rememberObjects: 'no' } }, 'dedupe.rememberObjects must be a boolean, got "no"'],
    [{ latestOnly: 1 }, 'latestOnly must be a boolean, LatestOnlyOptions or a LatestOnly, got 1'],
    [{ latestOnly: { record: 1 } }, 'latestOnly looks like a LatestOnly but lacks check(), record(), keyOf(), got {"record":1}'],
    [{ latestOnly: { ttlSeconds: Infinity } }, 'latestOnly.ttlSeconds must be a number of seconds, at least 1, got Infinity'],
  ])('rejects %j with a precise message', (options, message) => {
    const attempt = () => subscribe(options as never, async () => {});
    expect(attempt).toThrow(SubscribeOptionsError);
    expect(attempt).toThrow(message);
  });

  it('names the option on the error', () => {
    try {
      subscribe({ dedupe: { ttlSeconds: -1 } }, async () => {});
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ name: 'SubscribeOptionsError', option: 'dedupe.ttlSeconds', value: -1 });
    }
  });

  it('accepts every documented form', () => {
    const store = memoryStore();
    for (const options of [
      { dedupe: true, latestOnly: true },
      { dedupe: {}, latestOnly: {} },
      { dedupe: { store, ttlSeconds: 3600, leaseSeconds: 60, namespace: 'app', rememberObjects: false }, latestOnly: { store, ttlSeconds: 60, namespace: 'app-latest' } },
      { dedupe: createDeduper(), latestOnly: createLatestOnly() },
      { dedupe: undefined, latestOnly: undefined },
    ]) {
      expect(() => subscribe(options, async () => {})).not.toThrow();
    }
  });
});
