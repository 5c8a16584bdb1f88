/**
 * The helpers that talk to AWS: a DynamoDB store for dedupe and latestOnly shared by many
 * consumers, `backfill()` over `ListObjectsV2`, and `getObjectFor()`/`headObjectFor()` that read
 * exactly the object version an event is about. Each accepts your SDK v3 client; without one it
 * creates a default client, loading the optional peer dependency (`@aws-sdk/client-dynamodb`,
 * `@aws-sdk/client-s3`) with a dynamic `import()` on first use — importing this entry loads no
 * SDK code.
 *
 * @example
 * ```ts
 * import { S3Client } from '@aws-sdk/client-s3';
 * import { subscribe } from 's3-event-kit';
 * import { getObjectFor } from 's3-event-kit/aws';
 *
 * const s3 = new S3Client({});
 * export const handler = subscribe({ events: ['ObjectCreated:*'] }, async (event) => {
 *   const object = await getObjectFor(event, s3); // exactly the bytes the event is about
 *   console.log(event.key, await object.Body?.transformToString());
 * });
 * ```
 * @module s3-event-kit/aws
 */
export { dynamoDbStore } from './dynamodb-store.js';
export type { DynamoDbClientLike, DynamoDbStoreOptions } from './dynamodb-store.js';
export { getObjectFor, headObjectFor } from './object.js';
export type { GetObjectForOptions, HeadObjectForOptions, ReadableObjectEvent } from './object.js';
export { S3ObjectChangedError, S3ObjectGoneError, S3ObjectUnpinnedError } from './object-errors.js';
export type { S3ClientLike } from './s3-client.js';
export { backfill } from '../backfill/backfill.js';
export type { BackfillFailure, BackfillHandler, BackfillOptions, BackfillProgress, BackfillResult } from '../backfill/backfill.js';
export { BackfillError } from '../backfill/errors.js';
export { listedObjectEvent } from '../backfill/listed-event.js';
export type { ListedObject, ListedObjectEvent } from '../backfill/listed-event.js';
