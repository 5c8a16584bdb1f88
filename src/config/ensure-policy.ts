/**
 * Adding statements to a queue's or topic's resource policy without overwriting it:
 * read → merge by Sid → write only when something changed.
 * @module
 */
import { loadSns, loadSqs, sendCommand, type AwsClientLike } from './client.js';
import { S3ConfigError } from './errors.js';
import { s3QueuePolicyStatement, s3TopicPolicyStatement, type PolicyDocument, type PolicyStatement } from './policies.js';
import { mergePolicyStatements } from './policy-merge.js';

/**
 * What an `ensure…Policy` call did.
 *
 * @example
 * ```ts
 * import type { EnsurePolicyResult } from 's3-event-kit/config';
 * declare const result: EnsurePolicyResult;
 * console.log(result.changed ? `added ${result.added.join(', ')}` : 'policy already grants it');
 * ```
 * @category Config
 */
export interface EnsurePolicyResult {
  /** The queue or topic ARN. */
  readonly resourceArn: string;
  /** `true` when the policy was written. */
  readonly changed: boolean;
  /** The policy now in place. */
  readonly policy: PolicyDocument;
  readonly added: readonly string[];
  readonly replaced: readonly string[];
}

/**
 * Statements to ensure, or a function that builds them from the queue's or topic's ARN.
 *
 * @example
 * ```ts
 * import { snsQueuePolicyStatement, type PolicyStatements } from 's3-event-kit/config';
 * const statements: PolicyStatements = (queueArn) => [
 *   snsQueuePolicyStatement({ queueArn, topicArn: 'arn:aws:sns:us-east-1:111122223333:uploads' }),
 * ];
 * ```
 * @category Config
 */
export type PolicyStatements = readonly PolicyStatement[] | ((resourceArn: string) => readonly PolicyStatement[]);

/**
 * Options of {@link ensureQueuePolicy} and {@link ensureTopicPolicy}.
 *
 * @example
 * ```ts
 * import type { EnsureS3PolicyOptions } from 's3-event-kit/config';
 * const options: EnsureS3PolicyOptions = { sourceAccount: '444455556666' };
 * ```
 * @category Config
 */
export interface EnsureS3PolicyOptions {
  /** The bucket owner's account (`aws:SourceAccount`). Default: the queue's or topic's account. */
  readonly sourceAccount?: string | undefined;
  /** The statement's Sid. Default: stable per bucket. */
  readonly sid?: string | undefined;
}

/**
 * Makes sure a queue's policy contains the given statements, merging them into the existing
 * policy (statements with the same Sid are replaced, every other statement is kept) and writing
 * only when something changed.
 *
 * @param client - An `SQSClient` (or any {@link AwsClientLike}).
 * @throws {@link S3ConfigError} (`ACCESS_DENIED` needs `sqs:GetQueueAttributes` and `sqs:SetQueueAttributes`; `INVALID_POLICY`…).
 * @example
 * ```ts
 * import { ensureQueuePolicyStatements, eventBridgeQueuePolicyStatement } from 's3-event-kit/config';
 * import { SQSClient } from '@aws-sdk/client-sqs';
 * await ensureQueuePolicyStatements(new SQSClient({}), 'https://sqs.us-east-1.amazonaws.com/111122223333/uploads', (queueArn) => [
 *   eventBridgeQueuePolicyStatement({ queueArn, ruleArn: 'arn:aws:events:us-east-1:111122223333:rule/photos-created' }),
 * ]);
 * ```
 * @category Config
 */
export async function ensureQueuePolicyStatements(
  client: AwsClientLike,
  queueUrl: string,
  statements: PolicyStatements,
): Promise<EnsurePolicyResult> {
  const { GetQueueAttributesCommand, SetQueueAttributesCommand } = await loadSqs();
  const output = await sendCommand<{ Attributes?: Record<string, string> | undefined }>(
    client,
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['Policy', 'QueueArn'] }),
    'GetQueueAttributes',
    queueUrl,
  );
  const queueArn = output?.Attributes?.['QueueArn'];
  if (queueArn === undefined) {
    throw new S3ConfigError(`GetQueueAttributes on ${queueUrl} returned no QueueArn.`, { code: 'AWS_ERROR', operation: 'GetQueueAttributes', resource: queueUrl });
  }
  const wanted = typeof statements === 'function' ? statements(queueArn) : statements;
  const merged = mergePolicyStatements(output?.Attributes?.['Policy'], wanted);
  if (merged.changed) {
    await sendCommand(
      client,
      new SetQueueAttributesCommand({ QueueUrl: queueUrl, Attributes: { Policy: JSON.stringify(merged.policy) } }),
      'SetQueueAttributes',
      queueUrl,
    );
  }
  return { resourceArn: queueArn, ...merged };
}

/**
 * Makes sure an SQS queue's policy lets S3 send one bucket's event notifications
 * ({@link s3QueuePolicyStatement}, with `aws:SourceArn` and `aws:SourceAccount`), merging into the
 * existing policy instead of overwriting it. Idempotent: a second call writes nothing.
 *
 * @param client - An `SQSClient`.
 * @param queueUrl - The queue URL.
 * @param bucketArn - The bucket ARN (`arn:aws:s3:::name`) or name.
 * @example
 * ```ts
 * import { ensureQueuePolicy } from 's3-event-kit/config';
 * import { SQSClient } from '@aws-sdk/client-sqs';
 * const { changed } = await ensureQueuePolicy(
 *   new SQSClient({ region: 'us-east-1' }),
 *   'https://sqs.us-east-1.amazonaws.com/111122223333/uploads',
 *   'arn:aws:s3:::photos',
 * );
 * ```
 * @category Config
 */
export function ensureQueuePolicy(
  client: AwsClientLike,
  queueUrl: string,
  bucketArn: string,
  options: EnsureS3PolicyOptions = {},
): Promise<EnsurePolicyResult> {
  return ensureQueuePolicyStatements(client, queueUrl, (queueArn) => [
    s3QueuePolicyStatement({ queueArn, bucket: bucketArn, sourceAccount: options.sourceAccount, sid: options.sid }),
  ]);
}

/**
 * Makes sure a topic's policy contains the given statements, merging them into the existing
 * policy (keeping the topic owner's default statement) and writing only when something changed.
 *
 * @param client - An `SNSClient` (or any {@link AwsClientLike}).
 * @throws {@link S3ConfigError} (`ACCESS_DENIED` needs `sns:GetTopicAttributes` and `sns:SetTopicAttributes`…).
 * @example
 * ```ts
 * import { ensureTopicPolicyStatements, s3TopicPolicyStatement } from 's3-event-kit/config';
 * import { SNSClient } from '@aws-sdk/client-sns';
 * await ensureTopicPolicyStatements(new SNSClient({}), 'arn:aws:sns:us-east-1:111122223333:uploads', (topicArn) => [
 *   s3TopicPolicyStatement({ topicArn, bucket: 'photos' }),
 * ]);
 * ```
 * @category Config
 */
export async function ensureTopicPolicyStatements(
  client: AwsClientLike,
  topicArn: string,
  statements: PolicyStatements,
): Promise<EnsurePolicyResult> {
  const { GetTopicAttributesCommand, SetTopicAttributesCommand } = await loadSns();
  const output = await sendCommand<{ Attributes?: Record<string, string> | undefined }>(
    client,
    new GetTopicAttributesCommand({ TopicArn: topicArn }),
    'GetTopicAttributes',
    topicArn,
  );
  const wanted = typeof statements === 'function' ? statements(topicArn) : statements;
  const merged = mergePolicyStatements(output?.Attributes?.['Policy'], wanted);
  if (merged.changed) {
    await sendCommand(
      client,
      new SetTopicAttributesCommand({ TopicArn: topicArn, AttributeName: 'Policy', AttributeValue: JSON.stringify(merged.policy) }),
      'SetTopicAttributes',
      topicArn,
    );
  }
  return { resourceArn: topicArn, ...merged };
}

/**
 * Makes sure an SNS topic's policy lets S3 publish one bucket's event notifications
 * ({@link s3TopicPolicyStatement}), merging into the existing policy. Idempotent.
 *
 * @example
 * ```ts
 * import { ensureTopicPolicy } from 's3-event-kit/config';
 * import { SNSClient } from '@aws-sdk/client-sns';
 * await ensureTopicPolicy(new SNSClient({}), 'arn:aws:sns:us-east-1:111122223333:uploads', 'arn:aws:s3:::photos');
 * ```
 * @category Config
 */
export function ensureTopicPolicy(
  client: AwsClientLike,
  topicArn: string,
  bucketArn: string,
  options: EnsureS3PolicyOptions = {},
): Promise<EnsurePolicyResult> {
  return ensureTopicPolicyStatements(client, topicArn, (arn) => [
    s3TopicPolicyStatement({ topicArn: arn, bucket: bucketArn, sourceAccount: options.sourceAccount, sid: options.sid }),
  ]);
}
