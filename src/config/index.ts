/**
 * Set-up helpers: bucket notification configurations, EventBridge rules and access policies,
 * without clobbering what is already there. Loads the AWS SDK clients (optional peer
 * dependencies) only when a helper that talks to AWS is called; everything else is pure.
 *
 * @example
 * ```ts
 * import { applyNotificationConfig, ensureQueuePolicy, notificationConfig } from 's3-event-kit/config';
 * import { S3Client } from '@aws-sdk/client-s3';
 * import { SQSClient } from '@aws-sdk/client-sqs';
 * await ensureQueuePolicy(new SQSClient({}), 'https://sqs.us-east-1.amazonaws.com/111122223333/uploads', 'arn:aws:s3:::photos');
 * await applyNotificationConfig(
 *   new S3Client({}),
 *   'photos',
 *   notificationConfig()
 *     .queue({ id: 'uploads', queueArn: 'arn:aws:sqs:us-east-1:111122223333:uploads', events: ['s3:ObjectCreated:*'] })
 *     .build(),
 * );
 * ```
 * @module s3-event-kit/config
 */
export { S3_CONFIG_EVENT_NAMES, isS3ConfigEventName, recordNamesOf, toConfigEventName } from './names.js';
export type { S3ConfigEventName } from './names.js';
export type {
  NotificationRuleKind,
  NotificationRuleRef,
  S3EventBridgeConfiguration,
  S3FilterRule,
  S3LambdaFunctionConfiguration,
  S3NotificationConfiguration,
  S3NotificationFilter,
  S3NotificationRuleBase,
  S3QueueConfiguration,
  S3TopicConfiguration,
} from './types.js';
export { bucketArn, bucketNameOf, parseArn } from './arn.js';
export type { ParsedArn } from './arn.js';

export { NotificationConfigBuilder, keyFilter, notificationConfig } from './builder.js';
export type { LambdaRuleInput, NotificationRuleInput, QueueRuleInput, TopicRuleInput } from './builder.js';
export { validateNotificationConfig } from './validate.js';
export type { NotificationConfigProblem, NotificationConfigProblemCode, ValidateNotificationOptions } from './validate.js';
export {
  cleanNotificationConfig,
  diffNotificationConfigs,
  mergeNotificationConfig,
  summarizeRule,
} from './merge.js';
export type {
  ApplyMode,
  MergedNotificationConfig,
  MergeNotificationOptions,
  NotificationConfigDiff,
  NotificationRuleSummary,
} from './merge.js';
export { applyNotificationConfig, enableEventBridge, getNotificationConfig } from './apply.js';
export type { ApplyNotificationOptions, ApplyNotificationResult } from './apply.js';

export { S3_EVENTBRIDGE_EVENT_NAMES, eventBridgeFormOf } from '../normalize/eventbridge-forms.js';
export type { S3EventBridgeEventName, S3EventBridgeForm } from '../normalize/eventbridge-forms.js';
export { s3EventPattern } from './eventbridge-pattern.js';
export type {
  S3EventBridgeDetailPattern,
  S3EventBridgeEventPattern,
  S3EventBridgePattern,
  S3EventBridgePatternBranch,
  S3EventPatternOptions,
  S3KeyMatcher,
} from './eventbridge-pattern.js';
export { matchesEventPattern } from './pattern-matcher.js';
export type { EventPattern, EventPatternCondition } from './pattern-matcher.js';
export { putS3Rule } from './eventbridge-rule.js';
export type { PutS3RuleOptions, PutS3RuleResult, S3RuleTarget } from './eventbridge-rule.js';

export {
  eventBridgeQueuePolicyStatement,
  s3KmsKeyPolicyStatement,
  s3LambdaPermission,
  s3QueuePolicy,
  s3QueuePolicyStatement,
  s3TopicPolicy,
  s3TopicPolicyStatement,
  snsQueuePolicyStatement,
} from './policies.js';
export type { PolicyDocument, PolicyStatement, S3LambdaPermission, S3SourceOptions } from './policies.js';
export { mergePolicyStatements, parsePolicy, sameStatement } from './policy-merge.js';
export type { MergedPolicy } from './policy-merge.js';
export { evaluatePolicy } from './policy-eval.js';
export type { PolicyRequest, PolicyVerdict } from './policy-eval.js';
export { ensureQueuePolicy, ensureQueuePolicyStatements, ensureTopicPolicy, ensureTopicPolicyStatements } from './ensure-policy.js';
export type { EnsurePolicyResult, EnsureS3PolicyOptions, PolicyStatements } from './ensure-policy.js';

export { checkSetup, formatSetupReport } from './check-setup.js';
export type { CheckSetupOptions, SetupProblem, SetupProblemCode, SetupReport } from './check-setup.js';

export type { AwsClientLike } from './client.js';
export {
  AwsAccessDeniedError,
  DestinationValidationError,
  InvalidNotificationConfigError,
  NotificationOverlapError,
  S3ConfigError,
  isS3ConfigError,
  toS3ConfigError,
} from './errors.js';
export type { S3ConfigErrorCode, S3ConfigErrorOptions } from './errors.js';
