/**
 * `getObjectFor()` and `headObjectFor()`: read exactly the object an event is about.
 * @module
 */
import type {
  GetObjectCommandInput,
  GetObjectCommandOutput,
  HeadObjectCommandInput,
  HeadObjectCommandOutput,
} from '@aws-sdk/client-s3';
import type { S3ObjectEvent } from '../events/normalized.js';
import { S3ObjectChangedError, S3ObjectGoneError, S3ObjectUnpinnedError } from './object-errors.js';
import { loadS3, s3ClientFor, statusOf, type S3ClientLike } from './s3-client.js';

/**
 * The events that name an object one can read: every event but removals (`ObjectRemoved:*`,
 * `LifecycleExpiration:*`), whose object is gone.
 *
 * @example
 * ```ts
 * import type { ReadableObjectEvent } from 's3-event-kit/aws';
 * import type { S3ObjectEvent } from 's3-event-kit';
 * declare const event: S3ObjectEvent;
 * if (event.type !== 'ObjectRemoved' && event.type !== 'LifecycleExpiration') {
 *   const readable: ReadableObjectEvent = event;
 * }
 * ```
 * @category AWS
 */
export type ReadableObjectEvent = Exclude<S3ObjectEvent, { readonly type: 'ObjectRemoved' | 'LifecycleExpiration' }>;

type Pinned = 'Bucket' | 'Key' | 'VersionId' | 'IfMatch';

/**
 * Options of {@link getObjectFor}.
 *
 * @example
 * ```ts
 * import type { GetObjectForOptions } from 's3-event-kit/aws';
 * const options: GetObjectForOptions = { input: { Range: 'bytes=0-1023' }, abortSignal: AbortSignal.timeout(5000) };
 * ```
 * @category AWS
 */
export interface GetObjectForOptions {
  /** More `GetObject` parameters (`Range`, `ChecksumMode`, SSE-C keys, …); the pin is not overridable. */
  readonly input?: Omit<GetObjectCommandInput, Pinned> | undefined;
  /** Read the current object when the event names neither a version nor an ETag. @defaultValue false */
  readonly allowLatest?: boolean | undefined;
  readonly abortSignal?: AbortSignal | undefined;
}

/**
 * Options of {@link headObjectFor}.
 *
 * @example
 * ```ts
 * import type { HeadObjectForOptions } from 's3-event-kit/aws';
 * const options: HeadObjectForOptions = { input: { ChecksumMode: 'ENABLED' } };
 * ```
 * @category AWS
 */
export interface HeadObjectForOptions {
  /** More `HeadObject` parameters; the pin is not overridable. */
  readonly input?: Omit<HeadObjectCommandInput, Pinned> | undefined;
  /** Read the current object when the event names neither a version nor an ETag. @defaultValue false */
  readonly allowLatest?: boolean | undefined;
  readonly abortSignal?: AbortSignal | undefined;
}

type Pin = { readonly VersionId: string } | { readonly IfMatch: string } | Record<string, never>;

/** How the request names the exact object: its version, else its ETag. */
function pinOf(event: S3ObjectEvent, operation: string, allowLatest: boolean | undefined): Pin {
  if (event.type === 'ObjectRemoved' || event.type === 'LifecycleExpiration') {
    throw new S3ObjectGoneError(event, operation, `a ${event.name} event names an object that was removed; there is nothing to read`);
  }
  if (event.versionId !== undefined && event.versionId !== '') return { VersionId: event.versionId };
  if (event.eTag !== undefined && event.eTag !== '') return { IfMatch: `"${event.eTag}"` };
  if (allowLatest === true) return {};
  throw new S3ObjectUnpinnedError(event, operation);
}

const unquote = (etag: string | undefined): string | undefined => etag?.replace(/^(W\/)?"(.*)"$/, '$2');

/** Maps S3's answers to the typed errors; anything else is rethrown as the SDK threw it. */
function translate(error: unknown, event: S3ObjectEvent, operation: string, pin: Pin): never {
  const { status, name } = statusOf(error);
  if ('IfMatch' in pin && (status === 412 || name === 'PreconditionFailed')) {
    throw new S3ObjectChangedError(event, operation, event.eTag ?? '', undefined, error);
  }
  if (status === 404 || name === 'NoSuchKey' || name === 'NoSuchVersion' || name === 'NotFound') {
    throw new S3ObjectGoneError(event, operation, `S3 answered ${name ?? status} (deleted after the event)`, error);
  }
  if (status === 405 && 'VersionId' in pin) {
    throw new S3ObjectGoneError(event, operation, 'the version is a delete marker', error);
  }
  throw error;
}

/** Without a version, the answer must carry the ETag the event names (some servers ignore If-Match). */
function verify(event: S3ObjectEvent, operation: string, pin: Pin, etag: string | undefined, discard: () => void): void {
  if (!('IfMatch' in pin) || event.eTag === undefined) return;
  const actual = unquote(etag);
  if (actual !== undefined && actual !== event.eTag) {
    discard();
    throw new S3ObjectChangedError(event, operation, event.eTag, actual);
  }
}

const sendOptions = (abortSignal: AbortSignal | undefined): { abortSignal?: AbortSignal } =>
  abortSignal === undefined ? {} : { abortSignal };

/**
 * Fetches exactly the object an event is about: the version it names (`VersionId`) on a
 * versioned bucket, else the object only if its ETag is still the one the event names
 * (`If-Match`). An overwrite between the event and the read is reported as
 * {@link S3ObjectChangedError} — never silently newer bytes — and a delete as
 * {@link S3ObjectGoneError}. The key used is the decoded one (`event.key`).
 *
 * S3 is strongly consistent for reads after writes, overwrites and deletes, so a handler can read
 * the moment its event arrives. Without a client, a default `S3Client` for the event's Region is
 * created (the optional peer `@aws-sdk/client-s3`, imported on first use).
 *
 * @throws {@link S3ObjectChangedError} the object was overwritten since the event.
 * @throws {@link S3ObjectGoneError} it was deleted since, or the event is a removal.
 * @throws {@link S3ObjectUnpinnedError} the event names neither version nor ETag (see `allowLatest`).
 * @example
 * ```ts
 * import { S3Client } from '@aws-sdk/client-s3';
 * import { normalize } from 's3-event-kit';
 * import { getObjectFor, S3ObjectChangedError } from 's3-event-kit/aws';
 *
 * const s3 = new S3Client({});
 * export const handler = async (input: unknown) => {
 *   for (const event of normalize(input)) {
 *     if (event.type !== 'ObjectCreated') continue;
 *     try {
 *       const object = await getObjectFor(event, s3);
 *       console.log(event.key, (await object.Body?.transformToByteArray())?.length);
 *     } catch (error) {
 *       if (!(error instanceof S3ObjectChangedError)) throw error; // a newer event will follow
 *     }
 *   }
 * };
 * ```
 * @category AWS
 */
export async function getObjectFor(
  event: ReadableObjectEvent,
  client?: S3ClientLike,
  options: GetObjectForOptions = {},
): Promise<GetObjectCommandOutput> {
  const operation = 'GetObject';
  const pin = pinOf(event, operation, options.allowLatest);
  const [{ GetObjectCommand }, s3] = await Promise.all([loadS3(), s3ClientFor(client, event.region || undefined)]);
  let output: GetObjectCommandOutput;
  try {
    output = (await s3.send(
      new GetObjectCommand({ ...options.input, Bucket: event.bucket, Key: event.key, ...pin }),
      sendOptions(options.abortSignal),
    )) as GetObjectCommandOutput;
  } catch (error) {
    translate(error, event, operation, pin);
  }
  verify(event, operation, pin, output.ETag, () => (output.Body as { destroy?: () => void } | undefined)?.destroy?.());
  return output;
}

/**
 * `HeadObject` for exactly the object an event is about (its metadata without the body): pinned
 * like {@link getObjectFor}, with the same errors.
 *
 * @throws {@link S3ObjectChangedError} the object was overwritten since the event.
 * @throws {@link S3ObjectGoneError} it was deleted since, or the event is a removal.
 * @throws {@link S3ObjectUnpinnedError} the event names neither version nor ETag (see `allowLatest`).
 * @example
 * ```ts
 * import { S3Client } from '@aws-sdk/client-s3';
 * import type { ObjectCreatedEvent } from 's3-event-kit';
 * import { headObjectFor } from 's3-event-kit/aws';
 *
 * declare const event: ObjectCreatedEvent;
 * const head = await headObjectFor(event, new S3Client({}));
 * console.log(head.ContentType, head.Metadata);
 * ```
 * @category AWS
 */
export async function headObjectFor(
  event: ReadableObjectEvent,
  client?: S3ClientLike,
  options: HeadObjectForOptions = {},
): Promise<HeadObjectCommandOutput> {
  const operation = 'HeadObject';
  const pin = pinOf(event, operation, options.allowLatest);
  const [{ HeadObjectCommand }, s3] = await Promise.all([loadS3(), s3ClientFor(client, event.region || undefined)]);
  let output: HeadObjectCommandOutput;
  try {
    output = (await s3.send(
      new HeadObjectCommand({ ...options.input, Bucket: event.bucket, Key: event.key, ...pin }),
      sendOptions(options.abortSignal),
    )) as HeadObjectCommandOutput;
  } catch (error) {
    translate(error, event, operation, pin);
  }
  verify(event, operation, pin, output.ETag, () => undefined);
  return output;
}
