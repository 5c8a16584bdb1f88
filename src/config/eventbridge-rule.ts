/** Creating or updating an EventBridge rule for S3 events, with its targets. @module */
import { loadEventBridge, sendCommand, type AwsClientLike } from './client.js';
import { S3ConfigError } from './errors.js';
import type { S3EventBridgePattern } from './eventbridge-pattern.js';
import type { EventPattern } from './pattern-matcher.js';

/**
 * One target of an S3 rule. No input transformer on purpose: the target must receive the
 * EventBridge event unchanged for `normalize()` to recognise it.
 *
 * @example
 * ```ts
 * import type { S3RuleTarget } from 's3-event-kit/config';
 * const target: S3RuleTarget = {
 *   id: 'uploads-queue',
 *   arn: 'arn:aws:sqs:us-east-1:111122223333:uploads',
 *   deadLetterQueueArn: 'arn:aws:sqs:us-east-1:111122223333:uploads-rule-dlq',
 * };
 * ```
 * @category Config
 */
export interface S3RuleTarget {
  /** Unique per rule: 1–64 of `A-Z a-z 0-9 . - _`. */
  readonly id: string;
  /** The target ARN (SQS queue, SNS topic, Lambda function, …). */
  readonly arn: string;
  /** A role EventBridge assumes to deliver; leave out for SQS/SNS/Lambda targets that use resource policies. */
  readonly roleArn?: string | undefined;
  /** An SQS queue for events EventBridge could not deliver. */
  readonly deadLetterQueueArn?: string | undefined;
  readonly maximumRetryAttempts?: number | undefined;
  readonly maximumEventAgeInSeconds?: number | undefined;
  /** `MessageGroupId` for an SQS FIFO target (EventBridge, unlike S3, can deliver to FIFO queues). */
  readonly messageGroupId?: string | undefined;
}

/**
 * Options of {@link putS3Rule}.
 *
 * @example
 * ```ts
 * import { s3EventPattern, type PutS3RuleOptions } from 's3-event-kit/config';
 * const options: PutS3RuleOptions = {
 *   name: 'photos-created',
 *   pattern: s3EventPattern({ buckets: 'photos', events: ['ObjectCreated:*'] }),
 *   targets: [{ id: 'uploads-queue', arn: 'arn:aws:sqs:us-east-1:111122223333:uploads' }],
 * };
 * ```
 * @category Config
 */
export interface PutS3RuleOptions {
  /** 1–64 of `A-Z a-z 0-9 . - _`. */
  readonly name: string;
  /** Usually from {@link s3EventPattern}. */
  readonly pattern: S3EventBridgePattern | EventPattern;
  readonly targets: readonly S3RuleTarget[];
  /** Default: the account's default event bus (where S3 sends its events). */
  readonly eventBusName?: string | undefined;
  readonly description?: string | undefined;
  /** Default `'ENABLED'`. */
  readonly state?: 'ENABLED' | 'DISABLED' | undefined;
}

/**
 * What {@link putS3Rule} did.
 *
 * @example
 * ```ts
 * import type { PutS3RuleResult } from 's3-event-kit/config';
 * declare const result: PutS3RuleResult;
 * console.log(result.ruleArn, result.targetIds);
 * ```
 * @category Config
 */
export interface PutS3RuleResult {
  readonly ruleArn: string | undefined;
  readonly targetIds: readonly string[];
  /** The pattern as sent (`EventPattern`, JSON text). */
  readonly eventPattern: string;
}

const NAME = /^[.\-_A-Za-z0-9]{1,64}$/;

function checkName(what: string, value: string): void {
  if (!NAME.test(value)) {
    throw new S3ConfigError(`putS3Rule: ${what} ${JSON.stringify(value)} must be 1–64 characters of A-Z a-z 0-9 . - _`, {
      code: 'INVALID_INPUT',
    });
  }
}

/**
 * Creates or updates an EventBridge rule (`PutRule` with the pattern as JSON) and sets its
 * targets (`PutTargets`). Both calls are idempotent upserts on AWS's side; targets with other Ids
 * already on the rule are left alone. Remember the target's own resource policy (for an SQS queue:
 * {@link eventBridgeQueuePolicyStatement} with {@link ensureQueuePolicyStatements}) and that S3
 * must send to EventBridge at all ({@link enableEventBridge}).
 *
 * @param client - An `EventBridgeClient` (or any {@link AwsClientLike}).
 * @throws {@link S3ConfigError} with code `PUT_TARGETS_FAILED` (and EventBridge's messages) when
 *   some targets were refused; `ACCESS_DENIED` needs `events:PutRule` / `events:PutTargets`.
 * @example
 * ```ts
 * import { putS3Rule, s3EventPattern } from 's3-event-kit/config';
 * import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
 * const { ruleArn } = await putS3Rule(new EventBridgeClient({}), {
 *   name: 'photos-created',
 *   pattern: s3EventPattern({ buckets: 'photos', events: ['ObjectCreated:*'], prefix: 'uploads/' }),
 *   targets: [{ id: 'uploads-queue', arn: 'arn:aws:sqs:us-east-1:111122223333:uploads' }],
 * });
 * ```
 * @category Config
 */
export async function putS3Rule(client: AwsClientLike, options: PutS3RuleOptions): Promise<PutS3RuleResult> {
  checkName('rule name', options.name);
  if (options.targets.length === 0) {
    throw new S3ConfigError('putS3Rule: give at least one target.', { code: 'INVALID_INPUT' });
  }
  for (const target of options.targets) checkName('target id', target.id);
  const ids = options.targets.map((target) => target.id);
  if (new Set(ids).size !== ids.length) {
    throw new S3ConfigError(`putS3Rule: target ids must be unique (${ids.join(', ')}).`, { code: 'INVALID_INPUT' });
  }
  const { PutRuleCommand, PutTargetsCommand } = await loadEventBridge();
  const eventPattern = JSON.stringify(options.pattern);
  const bus = options.eventBusName !== undefined ? { EventBusName: options.eventBusName } : {};
  const rule = await sendCommand<{ RuleArn?: string | undefined }>(
    client,
    new PutRuleCommand({
      Name: options.name,
      EventPattern: eventPattern,
      State: options.state ?? 'ENABLED',
      ...(options.description !== undefined && { Description: options.description }),
      ...bus,
    }),
    'PutRule',
    options.name,
  );
  const output = await sendCommand<{
    FailedEntryCount?: number | undefined;
    FailedEntries?: { TargetId?: string | undefined; ErrorCode?: string | undefined; ErrorMessage?: string | undefined }[] | undefined;
  }>(
    client,
    new PutTargetsCommand({
      Rule: options.name,
      ...bus,
      Targets: options.targets.map((target) => ({
        Id: target.id,
        Arn: target.arn,
        ...(target.roleArn !== undefined && { RoleArn: target.roleArn }),
        ...(target.deadLetterQueueArn !== undefined && { DeadLetterConfig: { Arn: target.deadLetterQueueArn } }),
        ...((target.maximumRetryAttempts !== undefined || target.maximumEventAgeInSeconds !== undefined) && {
          RetryPolicy: {
            ...(target.maximumRetryAttempts !== undefined && { MaximumRetryAttempts: target.maximumRetryAttempts }),
            ...(target.maximumEventAgeInSeconds !== undefined && { MaximumEventAgeInSeconds: target.maximumEventAgeInSeconds }),
          },
        }),
        ...(target.messageGroupId !== undefined && { SqsParameters: { MessageGroupId: target.messageGroupId } }),
      })),
    }),
    'PutTargets',
    options.name,
  );
  const failed = output?.FailedEntries ?? [];
  if ((output?.FailedEntryCount ?? failed.length) > 0) {
    const details = failed.map((entry) => `${entry.TargetId ?? '?'}: ${entry.ErrorCode ?? 'error'} ${entry.ErrorMessage ?? ''}`.trim());
    throw new S3ConfigError(`EventBridge refused ${failed.length || output?.FailedEntryCount} target(s) of rule ${options.name}: ${details.join('; ')}`, {
      code: 'PUT_TARGETS_FAILED',
      operation: 'PutTargets',
      resource: options.name,
      awsCode: failed[0]?.ErrorCode,
      awsMessage: failed[0]?.ErrorMessage,
    });
  }
  return { ruleArn: rule?.RuleArn, targetIds: ids, eventPattern };
}
