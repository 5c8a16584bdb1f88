/**
 * The notification configuration shapes, mirrored structurally from the AWS SDK
 * (`@aws-sdk/client-s3` `NotificationConfiguration`) so that this entry's types never require the
 * SDK: the SDK's output is assignable to them, and what the builder produces is assignable to the
 * SDK's input.
 * @module
 */

/**
 * One key filter rule: `Name` is `prefix` or `suffix` (S3 returns `Prefix` / `Suffix` when it
 * reads a configuration back; both spellings are accepted), `Value` is URL-encoded like keys in
 * event records.
 *
 * @example
 * ```ts
 * import type { S3FilterRule } from 's3-event-kit/config';
 * const rule: S3FilterRule = { Name: 'prefix', Value: 'uploads/year%3D2025/' };
 * ```
 * @category Config
 */
export interface S3FilterRule<FilterName extends string = string> {
  Name?: FilterName | undefined;
  Value?: string | undefined;
}

/**
 * The `Filter` of one notification rule.
 *
 * @example
 * ```ts
 * import type { S3NotificationFilter } from 's3-event-kit/config';
 * const filter: S3NotificationFilter = { Key: { FilterRules: [{ Name: 'suffix', Value: '.jpg' }] } };
 * ```
 * @category Config
 */
export interface S3NotificationFilter<FilterName extends string = string> {
  Key?: { FilterRules?: S3FilterRule<FilterName>[] | undefined } | undefined;
}

/**
 * What every notification rule (queue, topic or Lambda) has.
 *
 * @example
 * ```ts
 * import type { S3NotificationRuleBase } from 's3-event-kit/config';
 * const base: S3NotificationRuleBase = { Id: 'uploads', Events: ['s3:ObjectCreated:*'] };
 * ```
 * @category Config
 */
export interface S3NotificationRuleBase<EventName extends string = string, FilterName extends string = string> {
  /** The rule's unique Id; S3 generates one when it is absent. Merging works by Id. */
  Id?: string | undefined;
  /** Configuration-side names (`s3:ObjectCreated:*`). */
  Events: EventName[] | undefined;
  Filter?: S3NotificationFilter<FilterName> | undefined;
}

/**
 * A rule that sends events to an SQS standard queue.
 *
 * @example
 * ```ts
 * import type { S3QueueConfiguration } from 's3-event-kit/config';
 * const rule: S3QueueConfiguration = {
 *   Id: 'uploads-to-worker',
 *   QueueArn: 'arn:aws:sqs:us-east-1:111122223333:uploads',
 *   Events: ['s3:ObjectCreated:*'],
 * };
 * ```
 * @category Config
 */
export interface S3QueueConfiguration<EventName extends string = string, FilterName extends string = string>
  extends S3NotificationRuleBase<EventName, FilterName> {
  QueueArn: string | undefined;
}

/**
 * A rule that publishes events to an SNS standard topic.
 *
 * @example
 * ```ts
 * import type { S3TopicConfiguration } from 's3-event-kit/config';
 * const rule: S3TopicConfiguration = {
 *   Id: 'uploads-fan-out',
 *   TopicArn: 'arn:aws:sns:us-east-1:111122223333:uploads',
 *   Events: ['s3:ObjectCreated:*'],
 * };
 * ```
 * @category Config
 */
export interface S3TopicConfiguration<EventName extends string = string, FilterName extends string = string>
  extends S3NotificationRuleBase<EventName, FilterName> {
  TopicArn: string | undefined;
}

/**
 * A rule that invokes a Lambda function.
 *
 * @example
 * ```ts
 * import type { S3LambdaFunctionConfiguration } from 's3-event-kit/config';
 * const rule: S3LambdaFunctionConfiguration = {
 *   Id: 'thumbnails',
 *   LambdaFunctionArn: 'arn:aws:lambda:us-east-1:111122223333:function:thumbnails',
 *   Events: ['s3:ObjectCreated:Put'],
 * };
 * ```
 * @category Config
 */
export interface S3LambdaFunctionConfiguration<EventName extends string = string, FilterName extends string = string>
  extends S3NotificationRuleBase<EventName, FilterName> {
  LambdaFunctionArn: string | undefined;
}

/**
 * `EventBridgeConfiguration`: its presence (as `{}`) turns delivery to EventBridge on.
 *
 * @example
 * ```ts
 * import type { S3EventBridgeConfiguration } from 's3-event-kit/config';
 * const on: S3EventBridgeConfiguration = {};
 * ```
 * @category Config
 */
export interface S3EventBridgeConfiguration {}

/**
 * A bucket's whole notification configuration, as `GetBucketNotificationConfiguration` returns it
 * and `PutBucketNotificationConfiguration` takes it (the put **replaces** everything, including
 * `EventBridgeConfiguration`).
 *
 * @example
 * ```ts
 * import type { S3NotificationConfiguration } from 's3-event-kit/config';
 * const config: S3NotificationConfiguration = {
 *   QueueConfigurations: [
 *     { Id: 'uploads', QueueArn: 'arn:aws:sqs:us-east-1:111122223333:uploads', Events: ['s3:ObjectCreated:*'] },
 *   ],
 *   EventBridgeConfiguration: {},
 * };
 * ```
 * @category Config
 */
export interface S3NotificationConfiguration<EventName extends string = string, FilterName extends string = string> {
  QueueConfigurations?: S3QueueConfiguration<EventName, FilterName>[] | undefined;
  TopicConfigurations?: S3TopicConfiguration<EventName, FilterName>[] | undefined;
  LambdaFunctionConfigurations?: S3LambdaFunctionConfiguration<EventName, FilterName>[] | undefined;
  EventBridgeConfiguration?: S3EventBridgeConfiguration | undefined;
}

/**
 * The three kinds of notification rule.
 *
 * @example
 * ```ts
 * import type { NotificationRuleKind } from 's3-event-kit/config';
 * const kind: NotificationRuleKind = 'queue';
 * ```
 * @category Config
 */
export type NotificationRuleKind = 'queue' | 'topic' | 'lambda';

/**
 * One rule, flattened: which list it sits in, its position, Id and destination ARN.
 *
 * @example
 * ```ts
 * import type { NotificationRuleRef } from 's3-event-kit/config';
 * const ref: NotificationRuleRef = { kind: 'topic', index: 0, id: 'fan-out', arn: 'arn:aws:sns:us-east-1:111122223333:t' };
 * ```
 * @category Config
 */
export interface NotificationRuleRef {
  readonly kind: NotificationRuleKind;
  /** Position in its list (`QueueConfigurations[index]` …). */
  readonly index: number;
  readonly id: string | undefined;
  readonly arn: string | undefined;
}
