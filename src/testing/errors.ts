/** The one error the testing factories throw. @module */

/**
 * Why a factory refused its input.
 *
 * - `INVALID_OPTION`: an option has the wrong type or value, or does not apply to the event name
 *   (e.g. `accessTier` on `ObjectCreated:Put`).
 * - `INVALID_KEY`: the object key is empty, longer than S3's 1,024 UTF-8 bytes, or not valid
 *   Unicode (a lone surrogate).
 * - `INVALID_PAYLOAD`: a wrapper got something it cannot carry (e.g. an SQS event as an SQS body).
 * - `UNSUPPORTED_ROAD`: AWS never sends this event that way (e.g. `Replication:*` to EventBridge).
 *
 * @example
 * ```ts
 * import type { S3EventFactoryErrorCode } from 's3-event-kit/testing';
 * const code: S3EventFactoryErrorCode = 'UNSUPPORTED_ROAD';
 * ```
 * @category Testing
 */
export type S3EventFactoryErrorCode = 'INVALID_OPTION' | 'INVALID_KEY' | 'INVALID_PAYLOAD' | 'UNSUPPORTED_ROAD';

const BRAND = Symbol.for('s3-event-kit.S3EventFactoryError');

/**
 * Thrown by the `s3-event-kit/testing` factories when their input cannot describe a real AWS
 * payload. `name` is always `'S3EventFactoryError'`; `code` says what kind of problem it is and
 * `option` which option was wrong, when one was.
 *
 * @example
 * ```ts
 * import { asEventBridge, isS3EventFactoryError, s3Record } from 's3-event-kit/testing';
 * try {
 *   asEventBridge(s3Record({ name: 'Replication:OperationFailedReplication' }));
 * } catch (error) {
 *   if (isS3EventFactoryError(error)) console.log(error.code); // UNSUPPORTED_ROAD
 * }
 * ```
 * @category Testing
 */
export class S3EventFactoryError extends Error {
  override readonly name = 'S3EventFactoryError' as const;
  readonly code: S3EventFactoryErrorCode;
  /** The option that was wrong (`'key'`, `'size'`, `'delivery'`, …), when one was. */
  readonly option: string | undefined;

  constructor(code: S3EventFactoryErrorCode, message: string, option?: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.code = code;
    this.option = option;
  }

  /** @internal cross-realm brand, see {@link isS3EventFactoryError}. */
  get [BRAND](): true {
    return true;
  }
}

/**
 * Whether a value is an {@link S3EventFactoryError}, also across bundles and realms where
 * `instanceof` fails.
 *
 * @example
 * ```ts
 * import { isS3EventFactoryError, s3Record } from 's3-event-kit/testing';
 * let caught: unknown;
 * try { s3Record({ key: '' }); } catch (error) { caught = error; }
 * isS3EventFactoryError(caught); //=> true
 * ```
 * @category Testing
 */
export function isS3EventFactoryError(value: unknown): value is S3EventFactoryError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

/** @internal */
export function invalid(option: string, message: string): never {
  throw new S3EventFactoryError('INVALID_OPTION', `${option}: ${message}`, option);
}
