/**
 * Resource policies as plain JSON: what lets S3 (or SNS, or EventBridge) deliver to a queue,
 * topic, KMS key or Lambda function, scoped with `aws:SourceArn` / `aws:SourceAccount`.
 * @module
 */
import { bucketArn as toBucketArn, bucketNameOf, parseArn } from './arn.js';

/**
 * One IAM policy statement.
 *
 * @example
 * ```ts
 * import type { PolicyStatement } from 's3-event-kit/config';
 * const statement: PolicyStatement = { Sid: 'AllowRead', Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'sqs:ReceiveMessage', Resource: '*' };
 * ```
 * @category Config
 */
export interface PolicyStatement {
  Sid?: string | undefined;
  Effect: 'Allow' | 'Deny';
  Principal?: '*' | { Service?: string | string[]; AWS?: string | string[] } | undefined;
  Action: string | string[];
  Resource?: string | string[] | undefined;
  Condition?: Record<string, Record<string, string | string[]>> | undefined;
}

/**
 * A resource policy document.
 *
 * @example
 * ```ts
 * import type { PolicyDocument } from 's3-event-kit/config';
 * const policy: PolicyDocument = { Version: '2012-10-17', Statement: [] };
 * ```
 * @category Config
 */
export interface PolicyDocument {
  Version: '2012-10-17' | '2008-10-17';
  Id?: string | undefined;
  Statement: PolicyStatement[];
}

/**
 * Who may send to a destination on behalf of one bucket.
 *
 * @example
 * ```ts
 * import type { S3SourceOptions } from 's3-event-kit/config';
 * const source: S3SourceOptions = { bucket: 'photos', sourceAccount: '111122223333' };
 * ```
 * @category Config
 */
export interface S3SourceOptions {
  /** The bucket name or ARN (`aws:SourceArn`). */
  readonly bucket: string;
  /**
   * The bucket owner's account id (`aws:SourceAccount`). Default: the destination's own account
   * (right when the bucket and the destination are in one account; give it for cross-account set-ups).
   */
  readonly sourceAccount?: string | undefined;
  /** The statement's `Sid`. Default: a stable one derived from the bucket, so re-applying replaces it. */
  readonly sid?: string | undefined;
}

/** A short stable hash (FNV-1a, 32 bits, hex) for Sids. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** A Sid of letters and digits only (what IAM accepts everywhere), stable for one source. */
function sidFor(kind: string, source: string): string {
  const readable = source.replace(/[^A-Za-z0-9]/g, '').slice(0, 40);
  return `${kind}${readable}${hash(source)}`;
}

function arnOfBucket(bucket: string): string {
  return bucket.startsWith('arn:') ? bucket : toBucketArn(bucket);
}

function accountOf(arn: string): string | undefined {
  const account = parseArn(arn)?.account;
  return account === undefined || account === '' ? undefined : account;
}

function s3SourceCondition(bucket: string, sourceAccount: string | undefined): PolicyStatement['Condition'] {
  return {
    ArnLike: { 'aws:SourceArn': arnOfBucket(bucket) },
    ...(sourceAccount !== undefined && { StringEquals: { 'aws:SourceAccount': sourceAccount } }),
  };
}

/**
 * The queue policy statement that lets S3 send one bucket's event notifications to an SQS queue:
 * `s3.amazonaws.com` may `SQS:SendMessage`, conditioned on `aws:SourceArn` (the bucket) and
 * `aws:SourceAccount` (the bucket owner).
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/grant-destinations-permissions-to-s3.html
 * @example
 * ```ts
 * import { s3QueuePolicyStatement } from 's3-event-kit/config';
 * s3QueuePolicyStatement({ queueArn: 'arn:aws:sqs:us-east-1:111122223333:uploads', bucket: 'photos' });
 * //=> { Sid: 'S3SendMessagephotos…', Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: 'SQS:SendMessage',
 * //     Resource: 'arn:aws:sqs:us-east-1:111122223333:uploads',
 * //     Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::photos' }, StringEquals: { 'aws:SourceAccount': '111122223333' } } }
 * ```
 * @category Config
 */
export function s3QueuePolicyStatement(options: S3SourceOptions & { readonly queueArn: string }): PolicyStatement {
  const sourceAccount = options.sourceAccount ?? accountOf(options.queueArn);
  return {
    Sid: options.sid ?? sidFor('S3SendMessage', bucketNameOf(options.bucket)),
    Effect: 'Allow',
    Principal: { Service: 's3.amazonaws.com' },
    Action: 'SQS:SendMessage',
    Resource: options.queueArn,
    Condition: s3SourceCondition(options.bucket, sourceAccount),
  };
}

/**
 * The topic policy statement that lets S3 publish one bucket's event notifications to an SNS
 * topic: `s3.amazonaws.com` may `SNS:Publish`, conditioned on `aws:SourceArn` and
 * `aws:SourceAccount`.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/grant-destinations-permissions-to-s3.html
 * @example
 * ```ts
 * import { s3TopicPolicyStatement } from 's3-event-kit/config';
 * const statement = s3TopicPolicyStatement({ topicArn: 'arn:aws:sns:us-east-1:111122223333:uploads', bucket: 'photos' });
 * statement.Action; //=> 'SNS:Publish'
 * ```
 * @category Config
 */
export function s3TopicPolicyStatement(options: S3SourceOptions & { readonly topicArn: string }): PolicyStatement {
  const sourceAccount = options.sourceAccount ?? accountOf(options.topicArn);
  return {
    Sid: options.sid ?? sidFor('S3Publish', bucketNameOf(options.bucket)),
    Effect: 'Allow',
    Principal: { Service: 's3.amazonaws.com' },
    Action: 'SNS:Publish',
    Resource: options.topicArn,
    Condition: s3SourceCondition(options.bucket, sourceAccount),
  };
}

/**
 * A complete SQS queue policy document holding {@link s3QueuePolicyStatement} (for a new queue;
 * for a queue that already has a policy use {@link ensureQueuePolicy}, which merges).
 *
 * @example
 * ```ts
 * import { s3QueuePolicy } from 's3-event-kit/config';
 * const policy = JSON.stringify(s3QueuePolicy({ queueArn: 'arn:aws:sqs:us-east-1:111122223333:uploads', bucket: 'photos' }));
 * // pass as the queue's Policy attribute
 * ```
 * @category Config
 */
export function s3QueuePolicy(options: S3SourceOptions & { readonly queueArn: string }): PolicyDocument {
  return { Version: '2012-10-17', Statement: [s3QueuePolicyStatement(options)] };
}

/**
 * A complete SNS topic policy document holding {@link s3TopicPolicyStatement}. A new SNS topic
 * has a default policy for its owner; merge with {@link ensureTopicPolicy} rather than replace it.
 *
 * @example
 * ```ts
 * import { s3TopicPolicy } from 's3-event-kit/config';
 * s3TopicPolicy({ topicArn: 'arn:aws:sns:us-east-1:111122223333:uploads', bucket: 'photos' }).Statement.length; //=> 1
 * ```
 * @category Config
 */
export function s3TopicPolicy(options: S3SourceOptions & { readonly topicArn: string }): PolicyDocument {
  return { Version: '2012-10-17', Statement: [s3TopicPolicyStatement(options)] };
}

/**
 * The KMS key policy statement an SSE-KMS queue or topic needs so that S3 can send to it:
 * `s3.amazonaws.com` may `kms:GenerateDataKey` and `kms:Decrypt` on the key (`Resource: "*"`
 * means "this key" in a key policy). Add it to a **customer-managed** key; the AWS-managed keys
 * `alias/aws/sqs` and `alias/aws/sns` have policies you cannot edit, so S3 cannot use them.
 * Optionally scoped to one bucket with `aws:SourceArn` / `aws:SourceAccount`.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/grant-destinations-permissions-to-s3.html
 * @example
 * ```ts
 * import { s3KmsKeyPolicyStatement } from 's3-event-kit/config';
 * s3KmsKeyPolicyStatement();
 * //=> { Sid: 'AllowS3ToUseTheKey', Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' },
 * //     Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: '*' }
 * ```
 * @category Config
 */
export function s3KmsKeyPolicyStatement(
  options: { readonly bucket?: string | undefined; readonly sourceAccount?: string | undefined; readonly sid?: string | undefined } = {},
): PolicyStatement {
  const condition =
    options.bucket !== undefined || options.sourceAccount !== undefined
      ? {
          ...(options.bucket !== undefined && { ArnLike: { 'aws:SourceArn': arnOfBucket(options.bucket) } }),
          ...(options.sourceAccount !== undefined && { StringEquals: { 'aws:SourceAccount': options.sourceAccount } }),
        }
      : undefined;
  return {
    Sid: options.sid ?? 'AllowS3ToUseTheKey',
    Effect: 'Allow',
    Principal: { Service: 's3.amazonaws.com' },
    Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
    Resource: '*',
    ...(condition !== undefined && { Condition: condition }),
  };
}

/**
 * The input of Lambda's `AddPermission` (`@aws-sdk/client-lambda` `AddPermissionCommand`, or
 * `aws lambda add-permission`) that lets S3 invoke a function for one bucket.
 *
 * @example
 * ```ts
 * import type { S3LambdaPermission } from 's3-event-kit/config';
 * declare const permission: S3LambdaPermission;
 * permission.Principal; // 's3.amazonaws.com'
 * ```
 * @category Config
 */
export interface S3LambdaPermission {
  FunctionName: string;
  StatementId: string;
  Action: 'lambda:InvokeFunction';
  Principal: 's3.amazonaws.com';
  SourceArn: string;
  SourceAccount?: string | undefined;
  Qualifier?: string | undefined;
}

/**
 * The `lambda:AddPermission` input for a function target: S3 may invoke the function, only for
 * this bucket (`SourceArn`) and owner (`SourceAccount`, default: the function's account).
 *
 * @see https://docs.aws.amazon.com/lambda/latest/dg/with-s3-example.html
 * @example
 * ```ts
 * import { s3LambdaPermission } from 's3-event-kit/config';
 * s3LambdaPermission({ functionArn: 'arn:aws:lambda:us-east-1:111122223333:function:thumbs', bucket: 'photos' });
 * //=> { FunctionName: 'arn:aws:lambda:us-east-1:111122223333:function:thumbs', StatementId: 'S3Invokephotos…',
 * //     Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com', SourceArn: 'arn:aws:s3:::photos', SourceAccount: '111122223333' }
 * ```
 * @category Config
 */
export function s3LambdaPermission(
  options: S3SourceOptions & { readonly functionArn: string; readonly qualifier?: string | undefined },
): S3LambdaPermission {
  const sourceAccount = options.sourceAccount ?? accountOf(options.functionArn);
  return {
    FunctionName: options.functionArn,
    StatementId: options.sid ?? sidFor('S3Invoke', bucketNameOf(options.bucket)),
    Action: 'lambda:InvokeFunction',
    Principal: 's3.amazonaws.com',
    SourceArn: arnOfBucket(options.bucket),
    ...(sourceAccount !== undefined && { SourceAccount: sourceAccount }),
    ...(options.qualifier !== undefined && { Qualifier: options.qualifier }),
  };
}

/**
 * The queue policy statement that lets an SNS topic deliver to a subscribed SQS queue (the SNS
 * fan-out road): `sns.amazonaws.com` may `sqs:SendMessage`, only from that topic (`aws:SourceArn`).
 *
 * @see https://docs.aws.amazon.com/sns/latest/dg/subscribe-sqs-queue-to-sns-topic.html
 * @example
 * ```ts
 * import { snsQueuePolicyStatement } from 's3-event-kit/config';
 * snsQueuePolicyStatement({ queueArn: 'arn:aws:sqs:us-east-1:111122223333:thumbs', topicArn: 'arn:aws:sns:us-east-1:111122223333:uploads' })
 *   .Condition; //=> { ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111122223333:uploads' } }
 * ```
 * @category Config
 */
export function snsQueuePolicyStatement(options: {
  readonly queueArn: string;
  readonly topicArn: string;
  readonly sid?: string | undefined;
}): PolicyStatement {
  return {
    Sid: options.sid ?? sidFor('SnsSendMessage', parseArn(options.topicArn)?.resource ?? options.topicArn),
    Effect: 'Allow',
    Principal: { Service: 'sns.amazonaws.com' },
    Action: 'sqs:SendMessage',
    Resource: options.queueArn,
    Condition: { ArnEquals: { 'aws:SourceArn': options.topicArn } },
  };
}

/**
 * The queue policy statement that lets one EventBridge rule deliver to an SQS queue:
 * `events.amazonaws.com` may `sqs:SendMessage`, only for that rule (`aws:SourceArn`).
 *
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html
 * @example
 * ```ts
 * import { eventBridgeQueuePolicyStatement } from 's3-event-kit/config';
 * eventBridgeQueuePolicyStatement({
 *   queueArn: 'arn:aws:sqs:us-east-1:111122223333:uploads',
 *   ruleArn: 'arn:aws:events:us-east-1:111122223333:rule/photos-created',
 * }).Principal; //=> { Service: 'events.amazonaws.com' }
 * ```
 * @category Config
 */
export function eventBridgeQueuePolicyStatement(options: {
  readonly queueArn: string;
  readonly ruleArn: string;
  readonly sid?: string | undefined;
}): PolicyStatement {
  return {
    Sid: options.sid ?? sidFor('EventsSendMessage', parseArn(options.ruleArn)?.resource ?? options.ruleArn),
    Effect: 'Allow',
    Principal: { Service: 'events.amazonaws.com' },
    Action: 'sqs:SendMessage',
    Resource: options.queueArn,
    Condition: { ArnEquals: { 'aws:SourceArn': options.ruleArn } },
  };
}
