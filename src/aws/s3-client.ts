/**
 * The S3 client the helpers accept, and the lazy loader of `@aws-sdk/client-s3`.
 * @module
 */
import { importPeer } from '../optional-peer.js';

/**
 * Any object with the S3 client's `send`: an `S3Client` from `@aws-sdk/client-s3` v3, or a
 * wrapper around one. The helpers pass it SDK command objects (`GetObjectCommand`,
 * `HeadObjectCommand`, `ListObjectsV2Command`). (`abortSignal` is typed without `| undefined`
 * to match the SDK's own `HttpHandlerOptions`.)
 *
 * @example
 * ```ts
 * import { S3Client } from '@aws-sdk/client-s3';
 * import type { S3ClientLike } from 's3-event-kit/aws';
 * const client: S3ClientLike = new S3Client({ region: 'eu-west-1' });
 * ```
 * @category AWS
 */
export interface S3ClientLike {
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
}

/** @internal */
export type S3Sdk = typeof import('@aws-sdk/client-s3');

/** `@aws-sdk/client-s3`, imported on first use only. @internal */
export function loadS3(): Promise<S3Sdk> {
  return importPeer<S3Sdk>('@aws-sdk/client-s3', 'This helper');
}

const clients = new Map<string, Promise<S3ClientLike>>();

/** The given client, or one default `S3Client` per Region (created once). @internal */
export function s3ClientFor(client: S3ClientLike | undefined, region: string | undefined): Promise<S3ClientLike> {
  if (client !== undefined) return Promise.resolve(client);
  const key = region ?? '';
  let made = clients.get(key);
  if (made === undefined) {
    made = loadS3().then(({ S3Client }) => new S3Client(region ? { region } : {}));
    clients.set(key, made);
  }
  return made;
}

/** The HTTP status and error name of an SDK error, when it is one. @internal */
export function statusOf(error: unknown): { status: number | undefined; name: string | undefined } {
  if (typeof error !== 'object' || error === null) return { status: undefined, name: undefined };
  const metadata = (error as { $metadata?: { httpStatusCode?: unknown } }).$metadata;
  const status = typeof metadata?.httpStatusCode === 'number' ? metadata.httpStatusCode : undefined;
  const name = (error as { name?: unknown }).name;
  return { status, name: typeof name === 'string' ? name : undefined };
}
