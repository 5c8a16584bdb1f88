/**
 * The client contract of the helpers that call AWS, and lazy loading of the optional SDK
 * packages: nothing here imports an SDK at module load.
 * @module
 */
import { importPeer, type OptionalPeer } from '../optional-peer.js';
import { S3ConfigError, toS3ConfigError } from './errors.js';

/**
 * Any object with an AWS SDK v3 style `send(command)`: an `S3Client`, `SQSClient`, `SNSClient` or
 * `EventBridgeClient`, or a test double that records commands and returns recorded responses.
 * The helpers build the commands themselves (loading the SDK package lazily) and pass them to
 * `send`.
 *
 * @example
 * ```ts
 * import type { AwsClientLike } from 's3-event-kit/config';
 * import { S3Client } from '@aws-sdk/client-s3';
 * const client: AwsClientLike = new S3Client({ region: 'us-east-1' });
 * ```
 * @category Config
 */
export interface AwsClientLike {
  send(command: never, ...rest: never[]): Promise<unknown>;
}

/** Sends a command and maps AWS errors to typed errors. @internal */
export async function sendCommand<Output>(
  client: AwsClientLike,
  command: object,
  operation: string,
  resource?: string | undefined,
): Promise<Output> {
  if (typeof client?.send !== 'function') {
    throw new S3ConfigError(`${operation}: the client has no send() method; pass an AWS SDK v3 client.`, {
      code: 'INVALID_INPUT',
      operation,
      resource,
    });
  }
  try {
    return (await client.send(command as never)) as Output;
  } catch (error) {
    throw toS3ConfigError(error, { operation, resource });
  }
}

/** Loads an optional SDK package (see `importPeer`) or explains how to install it. @internal */
export async function loadSdk<Module>(name: OptionalPeer): Promise<Module> {
  try {
    return await importPeer<Module>(name, 'This helper');
  } catch (cause) {
    throw new S3ConfigError(`This helper needs the optional peer dependency ${name}: npm install ${name}`, {
      code: 'SDK_NOT_INSTALLED',
      cause,
    });
  }
}

/** @internal */
export const loadS3 = () => loadSdk<typeof import('@aws-sdk/client-s3')>('@aws-sdk/client-s3');
/** @internal */
export const loadSqs = () => loadSdk<typeof import('@aws-sdk/client-sqs')>('@aws-sdk/client-sqs');
/** @internal */
export const loadSns = () => loadSdk<typeof import('@aws-sdk/client-sns')>('@aws-sdk/client-sns');
/** @internal */
export const loadEventBridge = () => loadSdk<typeof import('@aws-sdk/client-eventbridge')>('@aws-sdk/client-eventbridge');
