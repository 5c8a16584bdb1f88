// getObjectFor/headObjectFor against a real local S3 server (fauxqs 1.9.2's S3, in-process on loopback).
import { createHash } from 'node:crypto';
import { CreateBucketCommand, DeleteObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { S3ObjectEvent } from 's3-event-kit';
import {
  getObjectFor,
  headObjectFor,
  S3ObjectChangedError,
  S3ObjectGoneError,
  S3ObjectUnpinnedError,
  type ReadableObjectEvent,
} from 's3-event-kit/aws';
import { beforeAll, describe, expect, test } from 'vitest';
import { event } from '../dedupe/events.js';
import { s3Client, uniqueName } from '../setup/aws.js';

const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

let s3: S3Client;
let bucket: string;
beforeAll(async () => {
  s3 = s3Client();
  bucket = uniqueName('objects');
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
});

/** Puts an object and returns the ObjectCreated:Put event S3 would send for it. */
async function put(key: string, body: string): Promise<ReadableObjectEvent> {
  const { ETag } = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  expect(ETag).toBe(`"${md5(body)}"`);
  return event({ bucket, key, eTag: md5(body) }) as ReadableObjectEvent;
}

/** Records the HTTP requests a client sends. */
function recording(client: S3Client): Array<{ method: string; path: string; query: Record<string, unknown>; headers: Record<string, string> }> {
  const seen: Array<{ method: string; path: string; query: Record<string, unknown>; headers: Record<string, string> }> = [];
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { method: string; path: string; query: Record<string, unknown>; headers: Record<string, string> };
      seen.push({ method: request.method, path: request.path, query: { ...request.query }, headers: { ...request.headers } });
      return next(args);
    },
    { step: 'finalizeRequest', name: 'recordRequests' },
  );
  return seen;
}

describe('getObjectFor', () => {
  test('reads the object the event is about, with If-Match on its ETag', async () => {
    // Arrange
    const created = await put('photos/red flower+1 ü.jpg', 'first version');
    const client = s3Client();
    const requests = recording(client);

    // Act
    const object = await getObjectFor(created, client);

    // Assert
    expect(await object.Body?.transformToString()).toBe('first version');
    expect(requests[0]?.headers['if-match']).toBe(`"${md5('first version')}"`);
    expect(requests[0]?.path).toContain('red%20flower%2B1%20%C3%BC.jpg');
  });

  test('an overwrite between the event and the read is S3ObjectChangedError (S3 answers 412), never the newer bytes', async () => {
    // Arrange
    const created = await put('overwritten.txt', 'what the event is about');
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'overwritten.txt', Body: 'newer bytes' }));

    // Act
    const error = await getObjectFor(created, s3).catch((e: unknown) => e);

    // Assert
    expect(error).toBeInstanceOf(S3ObjectChangedError);
    expect(error).toMatchObject({ name: 'S3ObjectChangedError', operation: 'GetObject', expected: md5('what the event is about'), event: created });
    expect((error as Error).message).toBe(
      `GetObject s3://${bucket}/overwritten.txt: the object changed after the ObjectCreated:Put event (the event names ETag ${md5('what the event is about')}; S3 answered 412 Precondition Failed)`,
    );
    expect((error as Error).cause).toMatchObject({ $metadata: { httpStatusCode: 412 } });
  });

  test('a delete between the event and the read is S3ObjectGoneError', async () => {
    const created = await put('deleted.txt', 'soon gone');
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'deleted.txt' }));
    const error = await getObjectFor(created, s3).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(S3ObjectGoneError);
    expect((error as Error).message).toBe(`GetObject s3://${bucket}/deleted.txt: S3 answered NoSuchKey (deleted after the event)`);
  });

  test('with a versionId it asks for that version and sends no If-Match', async () => {
    // fauxqs implements no versioning (nor does any npm S3 server that runs here): this checks the
    // request on the wire; S3 itself answers with exactly that version.
    const created = await put('versioned.txt', 'v1');
    const versioned = event({ bucket, key: 'versioned.txt', eTag: md5('v1'), versionId: '3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY' }) as ReadableObjectEvent;
    const client = s3Client();
    const requests = recording(client);

    await getObjectFor(versioned, client);

    expect(created.versionId).toBeUndefined();
    expect(requests[0]?.query).toMatchObject({ versionId: '3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY' });
    expect(requests[0]?.headers['if-match']).toBeUndefined();
  });

  test('extra GetObject input is passed, but cannot override the pin', async () => {
    const created = await put('ranged.txt', '0123456789');
    const input = { Range: 'bytes=2-4', IfMatch: '"something-else"' } as unknown as { Range: string };
    const object = await getObjectFor(created, s3, { input });
    expect(await object.Body?.transformToString()).toBe('234');
  });

  test('a removal event is S3ObjectGoneError without calling S3', async () => {
    const client = s3Client();
    const requests = recording(client);
    const removed = event({ bucket, key: 'x', name: 'ObjectRemoved:Delete' }) as unknown as ReadableObjectEvent;
    await expect(getObjectFor(removed, client)).rejects.toThrow(S3ObjectGoneError);
    expect(requests).toHaveLength(0);
  });

  test('an event with neither version nor eTag is S3ObjectUnpinnedError unless allowLatest', async () => {
    await put('unpinned.txt', 'current');
    const bare = { ...event({ bucket, key: 'unpinned.txt', name: 'ObjectRestore:Completed' }), eTag: undefined } as S3ObjectEvent as ReadableObjectEvent;
    await expect(getObjectFor(bare, s3)).rejects.toThrow(S3ObjectUnpinnedError);
    const object = await getObjectFor(bare, s3, { allowLatest: true });
    expect(await object.Body?.transformToString()).toBe('current');
  });
});

describe('headObjectFor', () => {
  test('returns the metadata of the object the event is about', async () => {
    const created = await put('head.txt', 'hello');
    const head = await headObjectFor(created, s3);
    expect(head.ETag).toBe(`"${md5('hello')}"`);
    expect(head.ContentLength).toBe(5);
  });

  test('an overwrite is S3ObjectChangedError with the ETag found, also where the server ignores If-Match on HEAD', async () => {
    // fauxqs 1.9.2 ignores If-Match on HeadObject (S3 answers 412): the ETag check on the answer catches it.
    const created = await put('head-overwritten.txt', 'old');
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'head-overwritten.txt', Body: 'new' }));
    const error = await headObjectFor(created, s3).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(S3ObjectChangedError);
    expect(error).toMatchObject({ operation: 'HeadObject', expected: md5('old'), actual: md5('new') });
  });

  test('a delete is S3ObjectGoneError', async () => {
    const created = await put('head-deleted.txt', 'x');
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'head-deleted.txt' }));
    await expect(headObjectFor(created, s3)).rejects.toThrow(S3ObjectGoneError);
  });
});
