/**
 * Typed errors of the set-up helpers. AWS errors are mapped to them with the AWS code and message
 * kept, and the original error as `cause`.
 * @module
 */
import type { NotificationConfigProblem } from './validate.js';

/**
 * Why a set-up helper failed:
 *
 * - `INVALID_CONFIGURATION`: local validation found problems; nothing was written.
 * - `MISSING_RULE_ID`: a rule to merge has no Id.
 * - `CONFIGURATIONS_OVERLAP`: S3 answered `InvalidArgument` "Configurations overlap" (or "ambiguously defined").
 * - `DESTINATION_VALIDATION_FAILED`: S3 could not validate a destination (missing resource policy, KMS key, wrong Region…).
 * - `ACCESS_DENIED`: the caller lacks an IAM permission.
 * - `NOT_FOUND`: the bucket, queue, topic or rule does not exist.
 * - `INVALID_ARGUMENT`: AWS rejected an argument for another reason.
 * - `PUT_TARGETS_FAILED`: EventBridge refused some rule targets.
 * - `INVALID_POLICY`: an existing resource policy is not valid JSON.
 * - `SDK_NOT_INSTALLED`: the optional AWS SDK client package is missing.
 * - `INVALID_INPUT`: a helper was called with invalid arguments.
 * - `AWS_ERROR`: any other AWS error.
 *
 * @example
 * ```ts
 * import type { S3ConfigErrorCode } from 's3-event-kit/config';
 * const code: S3ConfigErrorCode = 'CONFIGURATIONS_OVERLAP';
 * ```
 * @category Config
 */
export type S3ConfigErrorCode =
  | 'INVALID_CONFIGURATION'
  | 'MISSING_RULE_ID'
  | 'CONFIGURATIONS_OVERLAP'
  | 'DESTINATION_VALIDATION_FAILED'
  | 'ACCESS_DENIED'
  | 'NOT_FOUND'
  | 'INVALID_ARGUMENT'
  | 'PUT_TARGETS_FAILED'
  | 'INVALID_POLICY'
  | 'SDK_NOT_INSTALLED'
  | 'INVALID_INPUT'
  | 'AWS_ERROR';

/**
 * What {@link S3ConfigError} carries besides its message.
 *
 * @example
 * ```ts
 * import type { S3ConfigErrorOptions } from 's3-event-kit/config';
 * const options: S3ConfigErrorOptions = { code: 'ACCESS_DENIED', awsCode: 'AccessDenied', operation: 'PutBucketNotificationConfiguration' };
 * ```
 * @category Config
 */
export interface S3ConfigErrorOptions {
  readonly code: S3ConfigErrorCode;
  /** The AWS error code (`InvalidArgument`, `AccessDenied`, …) when AWS answered. */
  readonly awsCode?: string | undefined;
  /** AWS's own message, verbatim. */
  readonly awsMessage?: string | undefined;
  /** The API operation, such as `PutBucketNotificationConfiguration`. */
  readonly operation?: string | undefined;
  /** The bucket, queue URL, topic ARN or rule name concerned. */
  readonly resource?: string | undefined;
  readonly httpStatus?: number | undefined;
  /** The original error. */
  readonly cause?: unknown;
}

/**
 * The base error of `s3-event-kit/config`. Every error a helper throws is one of these (or a
 * subclass), with a stable `name` and `code`.
 *
 * @example
 * ```ts
 * import { applyNotificationConfig, isS3ConfigError } from 's3-event-kit/config';
 * import { S3Client } from '@aws-sdk/client-s3';
 * try {
 *   await applyNotificationConfig(new S3Client({}), 'my-bucket', { EventBridgeConfiguration: {} });
 * } catch (error) {
 *   if (isS3ConfigError(error)) console.error(error.code, error.awsCode, error.awsMessage);
 * }
 * ```
 * @category Config
 */
export class S3ConfigError extends Error {
  override readonly name: string = 'S3ConfigError';
  readonly code: S3ConfigErrorCode;
  readonly awsCode: string | undefined;
  readonly awsMessage: string | undefined;
  readonly operation: string | undefined;
  readonly resource: string | undefined;
  readonly httpStatus: number | undefined;

  constructor(message: string, options: S3ConfigErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
    this.awsCode = options.awsCode;
    this.awsMessage = options.awsMessage;
    this.operation = options.operation;
    this.resource = options.resource;
    this.httpStatus = options.httpStatus;
  }
}

/**
 * S3 rejected a notification configuration because two rules overlap (`InvalidArgument`,
 * "Configurations overlap. Configurations on the same bucket cannot share a common event type.").
 * Run `validateNotificationConfig` on the configuration to see which two rules and why.
 *
 * @example
 * ```ts
 * import { NotificationOverlapError } from 's3-event-kit/config';
 * declare const error: unknown;
 * if (error instanceof NotificationOverlapError) console.error(error.awsMessage);
 * ```
 * @category Config
 */
export class NotificationOverlapError extends S3ConfigError {
  override readonly name: string = 'NotificationOverlapError';
}

/**
 * S3 could not validate a destination ("Unable to validate the following destination
 * configurations"): usually a queue or topic policy that does not let `s3.amazonaws.com` send, a
 * KMS key S3 cannot use, a missing Lambda permission, or a destination in another Region.
 *
 * @example
 * ```ts
 * import { DestinationValidationError } from 's3-event-kit/config';
 * declare const error: unknown;
 * if (error instanceof DestinationValidationError) console.error('fix the destination policy:', error.awsMessage);
 * ```
 * @category Config
 */
export class DestinationValidationError extends S3ConfigError {
  override readonly name: string = 'DestinationValidationError';
}

/**
 * The caller lacks an IAM permission (`AccessDenied`, `AccessDeniedException`,
 * `AuthorizationError`, HTTP 403). The message names the action the operation needs.
 *
 * @example
 * ```ts
 * import { AwsAccessDeniedError } from 's3-event-kit/config';
 * declare const error: unknown;
 * if (error instanceof AwsAccessDeniedError) console.error(error.operation, error.awsMessage);
 * ```
 * @category Config
 */
export class AwsAccessDeniedError extends S3ConfigError {
  override readonly name: string = 'AwsAccessDeniedError';
}

/**
 * Local validation failed before anything was written; `problems` lists every problem.
 *
 * @example
 * ```ts
 * import { InvalidNotificationConfigError } from 's3-event-kit/config';
 * declare const error: unknown;
 * if (error instanceof InvalidNotificationConfigError) for (const p of error.problems) console.error(p.message);
 * ```
 * @category Config
 */
export class InvalidNotificationConfigError extends S3ConfigError {
  override readonly name: string = 'InvalidNotificationConfigError';
  readonly problems: readonly NotificationConfigProblem[];

  constructor(message: string, problems: readonly NotificationConfigProblem[], resource?: string | undefined) {
    super(message, { code: 'INVALID_CONFIGURATION', resource });
    this.problems = problems;
  }
}

const ERROR_NAMES: ReadonlySet<string> = new Set([
  'S3ConfigError',
  'NotificationOverlapError',
  'DestinationValidationError',
  'AwsAccessDeniedError',
  'InvalidNotificationConfigError',
]);

/**
 * Whether a value is an error of this entry, also across copies of the package (checks `name`
 * and `code`, not only `instanceof`).
 *
 * @example
 * ```ts
 * import { isS3ConfigError } from 's3-event-kit/config';
 * isS3ConfigError(new Error('x')); //=> false
 * ```
 * @category Config
 */
export function isS3ConfigError(value: unknown): value is S3ConfigError {
  if (value instanceof S3ConfigError) return true;
  return (
    value instanceof Error && ERROR_NAMES.has(value.name) && typeof (value as { code?: unknown }).code === 'string'
  );
}

/** The IAM action each operation needs, for access-denied messages. */
const REQUIRED_ACTION: Readonly<Record<string, string>> = {
  GetBucketNotificationConfiguration: 's3:GetBucketNotification',
  PutBucketNotificationConfiguration: 's3:PutBucketNotification',
  GetQueueUrl: 'sqs:GetQueueUrl',
  GetQueueAttributes: 'sqs:GetQueueAttributes',
  SetQueueAttributes: 'sqs:SetQueueAttributes',
  GetTopicAttributes: 'sns:GetTopicAttributes',
  SetTopicAttributes: 'sns:SetTopicAttributes',
  PutRule: 'events:PutRule',
  PutTargets: 'events:PutTargets',
};

const ACCESS_DENIED_CODES: ReadonlySet<string> = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'AuthorizationError',
  'AuthorizationErrorException',
  'Forbidden',
]);

const NOT_FOUND_CODES: ReadonlySet<string> = new Set([
  'NoSuchBucket',
  'NotFound',
  'NotFoundException',
  'ResourceNotFoundException',
  'QueueDoesNotExist',
  'AWS.SimpleQueueService.NonExistentQueue',
]);

interface AwsErrorShape {
  readonly code: string | undefined;
  readonly message: string | undefined;
  readonly status: number | undefined;
}

/** Reads the code, message and HTTP status of an AWS SDK v3 error (or a look-alike). */
function awsErrorOf(error: unknown): AwsErrorShape | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const value = error as {
    name?: unknown;
    Code?: unknown;
    code?: unknown;
    message?: unknown;
    $metadata?: { httpStatusCode?: unknown };
    $fault?: unknown;
  };
  const isAws = value.$metadata !== undefined || value.$fault !== undefined || typeof value.Code === 'string';
  if (!isAws) return undefined;
  const code = typeof value.Code === 'string' ? value.Code : typeof value.name === 'string' ? value.name : typeof value.code === 'string' ? value.code : undefined;
  const status = value.$metadata?.httpStatusCode;
  return {
    code,
    message: typeof value.message === 'string' ? value.message : undefined,
    status: typeof status === 'number' ? status : undefined,
  };
}

/**
 * Maps an error thrown by an AWS SDK call to the matching {@link S3ConfigError} subclass, keeping
 * AWS's code and message and the original error as `cause`. Errors that already are
 * `S3ConfigError`s pass through; anything else becomes code `AWS_ERROR`.
 *
 * @example
 * ```ts
 * import { toS3ConfigError } from 's3-event-kit/config';
 * const error = toS3ConfigError(
 *   Object.assign(new Error('Configurations overlap. Configurations on the same bucket cannot share a common event type.'), {
 *     name: 'InvalidArgument', $metadata: { httpStatusCode: 400 },
 *   }),
 *   { operation: 'PutBucketNotificationConfiguration', resource: 'my-bucket' },
 * );
 * error.name; //=> 'NotificationOverlapError'
 * ```
 * @category Config
 */
export function toS3ConfigError(
  error: unknown,
  context: { readonly operation: string; readonly resource?: string | undefined },
): S3ConfigError {
  if (isS3ConfigError(error)) return error;
  const aws = awsErrorOf(error);
  const where = context.resource !== undefined ? ` on ${context.resource}` : '';
  if (aws === undefined) {
    const text = error instanceof Error ? error.message : String(error);
    return new S3ConfigError(`${context.operation}${where} failed: ${text}`, {
      code: 'AWS_ERROR',
      operation: context.operation,
      resource: context.resource,
      cause: error,
    });
  }
  const base = {
    awsCode: aws.code,
    awsMessage: aws.message,
    operation: context.operation,
    resource: context.resource,
    httpStatus: aws.status,
    cause: error,
  };
  const said = `${aws.code ?? 'error'}: ${aws.message ?? '(no message)'}`;
  const text = aws.message ?? '';
  if (aws.code === 'InvalidArgument' && /overlap|ambiguously defined/i.test(text)) {
    return new NotificationOverlapError(
      `S3 rejected the notification configuration${where} (${said}). Two rules share an event type and a key could match both; validateNotificationConfig() names them.`,
      { ...base, code: 'CONFIGURATIONS_OVERLAP' },
    );
  }
  if (/unable to validate the following destination configurations/i.test(text)) {
    return new DestinationValidationError(
      `S3 could not validate a destination${where} (${said}). Check that each queue/topic policy lets s3.amazonaws.com send for this bucket (ensureQueuePolicy / ensureTopicPolicy), that a KMS-encrypted destination uses a customer-managed key whose policy lets s3.amazonaws.com use it, that Lambda functions have an s3.amazonaws.com permission, and that destinations are in the bucket's Region.`,
      { ...base, code: 'DESTINATION_VALIDATION_FAILED' },
    );
  }
  if ((aws.code !== undefined && ACCESS_DENIED_CODES.has(aws.code)) || aws.status === 403) {
    const action = REQUIRED_ACTION[context.operation];
    const needs = action !== undefined ? ` The caller needs ${action}${context.resource !== undefined ? ` on ${context.resource}` : ''}.` : '';
    return new AwsAccessDeniedError(`${context.operation}${where} was denied (${said}).${needs}`, { ...base, code: 'ACCESS_DENIED' });
  }
  if ((aws.code !== undefined && NOT_FOUND_CODES.has(aws.code)) || aws.status === 404) {
    return new S3ConfigError(`${context.operation}${where} failed: not found (${said}).`, { ...base, code: 'NOT_FOUND' });
  }
  if (aws.code === 'InvalidArgument' || aws.code === 'ValidationException' || aws.code === 'InvalidParameterValue') {
    return new S3ConfigError(`${context.operation}${where} was rejected (${said}).`, { ...base, code: 'INVALID_ARGUMENT' });
  }
  return new S3ConfigError(`${context.operation}${where} failed (${said}).`, { ...base, code: 'AWS_ERROR' });
}
