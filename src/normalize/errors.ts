/**
 * Why an input could not be read as S3 events.
 *
 * - `INVALID_JSON`: a string (the input, an SQS body, an SNS `Message`) is not JSON.
 * - `UNKNOWN_SHAPE`: a value is none of the shapes S3 events travel in. When it is another service's
 *   Lambda event (API Gateway REST or HTTP API, a function URL, ALB, DynamoDB Streams, CloudWatch
 *   Logs), the message says which (`this is an API Gateway REST API proxy event (GET /), not an S3
 *   event: …`); the code stays `UNKNOWN_SHAPE`, so code that branches on it keeps working.
 * - `NOT_S3_EVENT`: a well-formed envelope carries something else (an SNS message about another
 *   service, an EventBridge event from another source, CloudTrail's "AWS API Call via CloudTrail").
 * - `INVALID_FIELD`: a field is missing or has the wrong type.
 * - `UNKNOWN_EVENT_NAME`: an `eventName`, `detail-type` or `reason` this library does not know.
 * - `MALFORMED_KEY`: an object key whose URL-encoding is broken (e.g. `%E0%A4%A`).
 * - `UNEXPECTED_ROAD`: the event came by another road than the `roads` option allows.
 *
 * @example
 * ```ts
 * import { parse, type S3EventParseErrorCode } from 's3-event-kit';
 * // Messages that will never become valid: drop them instead of retrying.
 * const permanent: ReadonlySet<S3EventParseErrorCode> = new Set(['NOT_S3_EVENT', 'UNEXPECTED_ROAD']);
 * declare const input: unknown;
 * const poison = parse(input).failures.filter((f) => permanent.has(f.code));
 * ```
 * @category Normalize
 */
export type S3EventParseErrorCode =
  | 'INVALID_JSON'
  | 'UNKNOWN_SHAPE'
  | 'NOT_S3_EVENT'
  | 'INVALID_FIELD'
  | 'UNKNOWN_EVENT_NAME'
  | 'MALFORMED_KEY'
  | 'UNEXPECTED_ROAD';

const BRAND = Symbol.for('s3-event-kit.S3EventParseError');

/**
 * What {@link S3EventParseError} is built from.
 *
 * @example
 * ```ts
 * import { S3EventParseError, type S3EventParseErrorOptions } from 's3-event-kit';
 * const options: S3EventParseErrorOptions = { code: 'INVALID_FIELD', path: 'Records[0].s3.object.size', input: '1024' };
 * throw new S3EventParseError('expected a number', options);
 * ```
 * @category Normalize
 */
export interface S3EventParseErrorOptions {
  readonly code: S3EventParseErrorCode;
  /** Where in the input, e.g. `Records[3].body → Message → Records[0].s3.object.key`. */
  readonly path: string;
  /** The offending value (a key, a body, a record). */
  readonly input: unknown;
  /** The SQS or SNS message id the failure belongs to, when there is one. */
  readonly messageId?: string | undefined;
  readonly cause?: unknown;
}

/**
 * Thrown by `normalize()` and `decodeKey()`, and listed in `parse().failures`: the input is not a
 * valid S3 event. Says what was wrong and where (`path`), which message it came in (`messageId`),
 * and keeps the offending value (`input`).
 *
 * @example
 * ```ts
 * import { normalize, isS3EventParseError } from 's3-event-kit';
 * try {
 *   normalize('{"Records":[{"eventSource":"aws:sqs","messageId":"m1","body":"not json"}]}');
 * } catch (error) {
 *   if (isS3EventParseError(error)) console.log(error.code, error.path, error.messageId);
 *   //=> INVALID_JSON Records[0].body m1
 * }
 * ```
 * @category Normalize
 */
export class S3EventParseError extends Error {
  override readonly name = 'S3EventParseError' as const;
  readonly code: S3EventParseErrorCode;
  readonly path: string;
  readonly messageId: string | undefined;
  /**
   * The offending value. Not enumerable, so that loggers that write an error's own fields (the
   * Powertools Logger, pino) never write a message body; read it when you need it.
   */
  declare readonly input: unknown;

  constructor(problem: string, options: S3EventParseErrorOptions) {
    const where = options.path === '' ? '' : ` at ${options.path}`;
    const message = options.messageId === undefined ? '' : ` (message ${options.messageId})`;
    super(`${problem}${where}${message}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
    this.path = options.path;
    this.messageId = options.messageId;
    Object.defineProperty(this, 'input', { value: options.input, enumerable: false, writable: false, configurable: true });
  }

  /** @internal cross-realm brand, see {@link isS3EventParseError}. */
  get [BRAND](): true {
    return true;
  }
}

/**
 * Whether a value is an {@link S3EventParseError}, also across bundles and realms where
 * `instanceof` fails (two copies of the package, ESM and CJS side by side).
 *
 * @example
 * ```ts
 * import { decodeKey, isS3EventParseError } from 's3-event-kit';
 * try { decodeKey('100%'); } catch (error) { isS3EventParseError(error); } //=> true
 * ```
 * @category Normalize
 */
export function isS3EventParseError(value: unknown): value is S3EventParseError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}
