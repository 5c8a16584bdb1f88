// backfill() against a real local S3 server (fauxqs 1.9.2's S3, in-process on loopback) holding
// thousands of keys across prefixes.
import { createHash } from 'node:crypto';
import { CreateBucketCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createDeduper, normalize, type S3ObjectEvent } from 's3-event-kit';
import { backfill, BackfillError, type BackfillProgress, type ListedObjectEvent } from 's3-event-kit/aws';
import { beforeAll, describe, expect, test } from 'vitest';
import { event } from '../dedupe/events.js';
import { s3Client, uniqueName } from '../setup/aws.js';

const md5 = (text: string): string => createHash('md5').update(text).digest('hex');
const pad = (n: number): string => String(n).padStart(5, '0');

const LOGS = Array.from({ length: 1200 }, (_, i) => `logs/2024/03/${pad(i)}.json`);
const IMAGES = Array.from({ length: 600 }, (_, i) => `images/${pad(i)}.jpg`);
const TMP = Array.from({ length: 200 }, (_, i) => `tmp/${pad(i)}.txt`);
const ODD = ['odd/a b.txt', 'odd/a+b.txt', 'odd/caf\u00e9 \u00fc.txt', 'odd/100%.txt', 'odd/x=1&y=2.txt'];
const ALL = [...LOGS, ...IMAGES, ...TMP, ...ODD];

let s3: S3Client;
let bucket: string;

async function putAll(keys: readonly string[]): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < keys.length) {
      const key = keys[next++] ?? '';
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: key }));
    }
  };
  await Promise.all(Array.from({ length: 24 }, worker));
}

beforeAll(async () => {
  s3 = s3Client();
  bucket = uniqueName('backfill');
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await putAll(ALL);
}, 60_000);

describe('backfill', () => {
  test('lists every page and runs the handler once per object, as ObjectCreated:Put events via list', async () => {
    // Arrange
    const seen: ListedObjectEvent[] = [];
    const progress: BackfillProgress[] = [];

    // Act
    const result = await backfill({ bucket, client: s3, concurrency: 16, onProgress: (p) => progress.push(p) }, (e) => {
      seen.push(e);
    });

    // Assert
    expect(result).toMatchObject({ seen: ALL.length, handled: ALL.length, skipped: 0, failed: 0, pages: 3, done: true, aborted: false });
    expect(result.continuationToken).toBeUndefined();
    expect(new Set(seen.map((e) => e.key))).toEqual(new Set(ALL));
    expect(seen.length).toBe(ALL.length);
    const sample = seen.find((e) => e.key === 'images/00042.jpg');
    expect(sample).toMatchObject({
      name: 'ObjectCreated:Put',
      type: 'ObjectCreated',
      bucket,
      key: 'images/00042.jpg',
      rawKey: 'images/00042.jpg',
      size: 'images/00042.jpg'.length,
      eTag: md5('images/00042.jpg'),
      via: ['list'],
      region: 'us-east-1',
      sequencer: undefined,
    });
    expect(progress.map((p) => p.pages)).toEqual([1, 2, 3]);
    expect(progress.map((p) => p.seen)).toEqual([1000, 2000, ALL.length]);
    expect(progress[0]?.continuationToken).toEqual(expect.any(String));
    expect(result.rate).toBeGreaterThan(0);
  });

  test('keys are taken as listed, never URL-decoded; the synthetic record re-normalizes to the same key', async () => {
    const seen: ListedObjectEvent[] = [];
    await backfill({ bucket, client: s3, prefix: 'odd/' }, (e) => void seen.push(e));
    expect(seen.map((e) => e.key).sort()).toEqual([...ODD].sort());
    for (const e of seen) {
      expect(e.rawKey).toBe(e.key);
      expect(normalize({ Records: [e.record] })[0]?.key).toBe(e.key);
    }
  });

  test('applies prefix and the subscribe() filter (through matches); filtered objects count as skipped', async () => {
    const seen: string[] = [];
    const result = await backfill({ bucket, client: s3, prefix: 'logs/', filter: { suffix: '7.json', events: ['ObjectCreated:*'] } }, (e) => {
      seen.push(e.key);
    });
    const expected = LOGS.filter((k) => k.endsWith('7.json'));
    expect(seen.sort()).toEqual(expected);
    expect(result).toMatchObject({ seen: LOGS.length, handled: expected.length, skipped: LOGS.length - expected.length, pages: 2 });
  });

  test('a filter on other event names skips everything', async () => {
    const result = await backfill({ bucket, client: s3, prefix: 'tmp/', filter: { events: ['ObjectRemoved:*'] } }, () => {
      throw new Error('not called');
    });
    expect(result).toMatchObject({ seen: TMP.length, handled: 0, skipped: TMP.length });
  });

  test('never runs more than `concurrency` handlers at once', async () => {
    let running = 0;
    let peak = 0;
    const result = await backfill({ bucket, client: s3, prefix: 'images/', concurrency: 4, pageSize: 250 }, async () => {
      peak = Math.max(peak, ++running);
      await new Promise((resolve) => setTimeout(resolve, 1));
      running--;
    });
    expect(result.handled).toBe(IMAGES.length);
    expect(peak).toBe(4);
  });

  test('an abort stops the run with a resume point; resuming (with dedupe) handles the rest, nothing twice', async () => {
    // Arrange
    const deduper = createDeduper();
    const handled: string[] = [];
    const controller = new AbortController();

    // Act
    const first = await backfill({ bucket, client: s3, prefix: 'logs/', pageSize: 100, concurrency: 8, dedupe: deduper, signal: controller.signal }, (e) => {
      handled.push(e.key);
      if (handled.length === 450) controller.abort();
    });
    const second = await backfill(
      { bucket, client: s3, prefix: 'logs/', pageSize: 100, concurrency: 8, dedupe: deduper, continuationToken: first.continuationToken },
      (e) => void handled.push(e.key),
    );

    // Assert
    expect(first).toMatchObject({ aborted: true, done: false, pages: 5 });
    expect(first.continuationToken).toEqual(expect.any(String));
    expect(first.startAfter).toBe(LOGS[399]);
    expect(second).toMatchObject({ aborted: false, done: true });
    expect(second.duplicates).toBeGreaterThan(0);
    expect(handled.length).toBe(LOGS.length);
    expect(new Set(handled)).toEqual(new Set(LOGS));
  });

  test('resumes from startAfter as well', async () => {
    const seen: string[] = [];
    const result = await backfill({ bucket, client: s3, prefix: 'tmp/', startAfter: TMP[149] }, (e) => void seen.push(e.key));
    expect(seen.sort()).toEqual(TMP.slice(150));
    expect(result.handled).toBe(50);
  });

  test('with the live consumer’s deduper, objects a live event already handled are skipped as duplicates', async () => {
    // Arrange: the live consumer handled ObjectCreated events for 100 of the images.
    const deduper = createDeduper();
    for (const key of IMAGES.slice(0, 100)) {
      await deduper.run(event({ bucket, key, eTag: md5(key), messageId: key }), () => undefined);
    }
    const seen: string[] = [];

    // Act
    const result = await backfill({ bucket, client: s3, prefix: 'images/', dedupe: deduper }, (e) => void seen.push(e.key));
    const again = await backfill({ bucket, client: s3, prefix: 'images/', dedupe: deduper }, () => {
      throw new Error('nothing left to handle');
    });

    // Assert
    expect(result).toMatchObject({ seen: IMAGES.length, handled: IMAGES.length - 100, duplicates: 100 });
    expect(seen.sort()).toEqual(IMAGES.slice(100));
    expect(again).toMatchObject({ handled: 0, duplicates: IMAGES.length, failed: 0 });
  });

  test('since: objects last modified before it are skipped', async () => {
    const since = new Date();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const fresh = ['late/1.txt', 'late/2.txt', 'late/3.txt'];
    await putAll(fresh);
    const seen: string[] = [];
    const result = await backfill({ bucket, client: s3, since }, (e) => void seen.push(e.key));
    expect(seen.sort()).toEqual(fresh);
    expect(result.skipped).toBe(result.seen - fresh.length);
  });

  test('a failing handler is counted and kept; the run goes on', async () => {
    const result = await backfill({ bucket, client: s3, prefix: 'tmp/', maxFailures: 5 }, (e) => {
      if (e.key.endsWith('3.txt')) throw new Error(`cannot handle ${e.key}`);
    });
    const failing = TMP.filter((k) => k.endsWith('3.txt'));
    expect(result).toMatchObject({ failed: failing.length, handled: TMP.length - failing.length, done: true });
    expect(result.failures).toHaveLength(5);
    expect(result.failures[0]).toMatchObject({ key: expect.stringMatching(/3\.txt$/), error: expect.any(Error) });
  });

  test('the handler gets a subscribe()-shaped context: no message id, the listing entry, the signal', async () => {
    const contexts: unknown[] = [];
    await backfill({ bucket, client: s3, prefix: 'odd/a b' }, (_e, context) => void contexts.push(context));
    expect(contexts).toEqual([
      expect.objectContaining({ messageId: undefined, receiveCount: undefined, signal: expect.any(AbortSignal), message: expect.objectContaining({ Key: 'odd/a b.txt' }) }),
    ]);
  });

  test('a failed listing rejects with BackfillError carrying the progress', async () => {
    const error = await backfill({ bucket: uniqueName('missing'), client: s3 }, () => undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackfillError);
    expect(error).toMatchObject({ name: 'BackfillError', progress: { pages: 0, seen: 0 } });
    expect((error as Error).message).toMatch(/^backfill of s3:\/\/missing-.*: ListObjectsV2 failed after 0 pages \(0 objects\): NoSuchBucket/);
  });

  test('rejects bad options', async () => {
    await expect(backfill({ bucket: '' }, () => undefined)).rejects.toMatchObject({ name: 'InvalidOptionError', option: 'bucket' });
    await expect(backfill({ bucket, client: s3, pageSize: 1001 }, () => undefined)).rejects.toMatchObject({ option: 'pageSize' });
    await expect(backfill({ bucket, client: s3, since: 'yesterday' }, () => undefined)).rejects.toMatchObject({ option: 'since' });
  });
});

// Keep the type relation honest: a listed event is an S3ObjectEvent a subscribe() handler accepts.
const _typecheck: (e: ListedObjectEvent) => S3ObjectEvent = (e) => e;
void _typecheck;
