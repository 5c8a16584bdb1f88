/**
 * `checkSetup()`: reads a bucket's notification configuration and its destinations' policies and
 * reports every problem it finds in one readable list.
 * @module
 */
import { bucketArn as toBucketArn, parseArn } from './arn.js';
import { getNotificationConfig } from './apply.js';
import { loadSns, loadSqs, sendCommand, type AwsClientLike } from './client.js';
import { isS3ConfigError } from './errors.js';
import { summarizeRule } from './merge.js';
import { s3KmsKeyPolicyStatement, s3LambdaPermission } from './policies.js';
import { evaluatePolicy, type PolicyRequest } from './policy-eval.js';
import { describeRule, rulesOf, type LocatedRule } from './rules.js';
import type { S3NotificationConfiguration } from './types.js';
import { validateNotificationConfig, type NotificationConfigProblemCode } from './validate.js';

/**
 * What {@link checkSetup} reports, as a stable code: every {@link NotificationConfigProblemCode},
 * plus:
 *
 * - `CANNOT_READ_CONFIGURATION`: `GetBucketNotificationConfiguration` failed.
 * - `MISSING_RULE` / `RULE_DIFFERS`: an expected rule is absent or not as expected.
 * - `EVENTBRIDGE_DISABLED`: EventBridge delivery was expected but is off.
 * - `NO_NOTIFICATIONS`: the bucket notifies nothing at all.
 * - `DESTINATION_UNREADABLE`: a queue or topic could not be read (missing, or no permission).
 * - `POLICY_MISSING_GRANT` / `POLICY_DENIES` / `POLICY_UNCERTAIN`: what the destination's policy says about S3 sending.
 * - `AWS_MANAGED_KMS_KEY`: the destination is encrypted with `alias/aws/sqs` or `alias/aws/sns`, which S3 cannot use.
 * - `KMS_KEY_POLICY`: a customer-managed key whose policy must let S3 use it (not readable here).
 * - `MESSAGE_SIZE_TOO_SMALL`: the queue's `MaximumMessageSize` is below 64 KiB.
 * - `NOT_CHECKED`: a destination this call had no client for, or a Lambda permission (not readable here).
 *
 * @example
 * ```ts
 * import type { SetupProblemCode } from 's3-event-kit/config';
 * const code: SetupProblemCode = 'POLICY_MISSING_GRANT';
 * ```
 * @category Config
 */
export type SetupProblemCode =
  | NotificationConfigProblemCode
  | 'CANNOT_READ_CONFIGURATION'
  | 'MISSING_RULE'
  | 'RULE_DIFFERS'
  | 'EVENTBRIDGE_DISABLED'
  | 'NO_NOTIFICATIONS'
  | 'DESTINATION_UNREADABLE'
  | 'POLICY_MISSING_GRANT'
  | 'POLICY_DENIES'
  | 'POLICY_UNCERTAIN'
  | 'AWS_MANAGED_KMS_KEY'
  | 'KMS_KEY_POLICY'
  | 'MESSAGE_SIZE_TOO_SMALL'
  | 'NOT_CHECKED';

/**
 * One finding of {@link checkSetup}.
 *
 * @example
 * ```ts
 * import type { SetupProblem } from 's3-event-kit/config';
 * const problem: SetupProblem = { severity: 'error', code: 'EVENTBRIDGE_DISABLED', subject: 'bucket "photos"', message: 'EventBridge delivery is off.' };
 * ```
 * @category Config
 */
export interface SetupProblem {
  /** `error`: delivery is broken or S3 rejects the configuration. `warning`: likely trouble. `info`: not checked. */
  readonly severity: 'error' | 'warning' | 'info';
  readonly code: SetupProblemCode;
  /** The bucket, rule or destination concerned. */
  readonly subject: string;
  readonly message: string;
}

/**
 * The result of {@link checkSetup}.
 *
 * @example
 * ```ts
 * import { formatSetupReport, type SetupReport } from 's3-event-kit/config';
 * declare const report: SetupReport;
 * if (!report.ok) console.error(formatSetupReport(report));
 * ```
 * @category Config
 */
export interface SetupReport {
  readonly bucket: string;
  /** `true` when there is no `error`. */
  readonly ok: boolean;
  readonly problems: readonly SetupProblem[];
  /** The configuration read from the bucket, when it could be read. */
  readonly config: S3NotificationConfiguration | undefined;
}

/**
 * Options of {@link checkSetup}.
 *
 * @example
 * ```ts
 * import type { CheckSetupOptions } from 's3-event-kit/config';
 * import { S3Client } from '@aws-sdk/client-s3';
 * import { SQSClient } from '@aws-sdk/client-sqs';
 * const options: CheckSetupOptions = {
 *   bucket: 'photos', s3: new S3Client({}), sqs: new SQSClient({}), region: 'us-east-1', expect: { eventBridge: true },
 * };
 * ```
 * @category Config
 */
export interface CheckSetupOptions {
  readonly bucket: string;
  /** An `S3Client`: needs `s3:GetBucketNotification`. */
  readonly s3: AwsClientLike;
  /** An `SQSClient` to read queue destinations (`sqs:GetQueueUrl`, `sqs:GetQueueAttributes`); absent: not checked. */
  readonly sqs?: AwsClientLike | undefined;
  /** An `SNSClient` to read topic destinations (`sns:GetTopicAttributes`); absent: not checked. */
  readonly sns?: AwsClientLike | undefined;
  /** The bucket's Region: destinations elsewhere are errors. */
  readonly region?: string | undefined;
  /** The bucket owner's account id (for `aws:SourceAccount`). Default: each destination's account. */
  readonly bucketOwner?: string | undefined;
  /** What should be there: rules (matched by Id) and whether EventBridge delivery is on. */
  readonly expect?:
    | {
        readonly rules?: S3NotificationConfiguration | undefined;
        readonly eventBridge?: boolean | undefined;
      }
    | undefined;
}

function errorText(error: unknown): string {
  return isS3ConfigError(error) ? error.message : error instanceof Error ? error.message : String(error);
}

function isAwsManagedKey(keyId: string, service: 'sqs' | 'sns'): boolean {
  return keyId === `alias/aws/${service}` || keyId.endsWith(`:alias/aws/${service}`);
}

interface DestinationFacts {
  readonly policy: string | undefined;
  readonly kmsKeyId: string | undefined;
  readonly maximumMessageSize: number | undefined;
}

async function readQueue(sqs: AwsClientLike, queueArn: string): Promise<DestinationFacts> {
  const parsed = parseArn(queueArn);
  const { GetQueueUrlCommand, GetQueueAttributesCommand } = await loadSqs();
  const { QueueUrl } = await sendCommand<{ QueueUrl?: string | undefined }>(
    sqs,
    new GetQueueUrlCommand({
      QueueName: parsed?.resource ?? queueArn,
      ...(parsed?.account ? { QueueOwnerAWSAccountId: parsed.account } : {}),
    }),
    'GetQueueUrl',
    queueArn,
  );
  const output = await sendCommand<{ Attributes?: Record<string, string> | undefined }>(
    sqs,
    new GetQueueAttributesCommand({
      QueueUrl: QueueUrl ?? queueArn,
      AttributeNames: ['Policy', 'KmsMasterKeyId', 'MaximumMessageSize', 'QueueArn'],
    }),
    'GetQueueAttributes',
    QueueUrl ?? queueArn,
  );
  const attributes = output?.Attributes ?? {};
  const size = attributes['MaximumMessageSize'];
  return {
    policy: attributes['Policy'],
    kmsKeyId: attributes['KmsMasterKeyId'] || undefined,
    maximumMessageSize: size !== undefined ? Number(size) : undefined,
  };
}

async function readTopic(sns: AwsClientLike, topicArn: string): Promise<DestinationFacts> {
  const { GetTopicAttributesCommand } = await loadSns();
  const output = await sendCommand<{ Attributes?: Record<string, string> | undefined }>(
    sns,
    new GetTopicAttributesCommand({ TopicArn: topicArn }),
    'GetTopicAttributes',
    topicArn,
  );
  const attributes = output?.Attributes ?? {};
  return { policy: attributes['Policy'], kmsKeyId: attributes['KmsMasterKeyId'] || undefined, maximumMessageSize: undefined };
}

function destinationProblems(
  located: LocatedRule,
  facts: DestinationFacts,
  bucket: string,
  bucketOwner: string | undefined,
): SetupProblem[] {
  const out: SetupProblem[] = [];
  const subject = describeRule(located.ref);
  const arn = located.ref.arn as string;
  const queue = located.ref.kind === 'queue';
  const service = queue ? 'sqs' : 'sns';
  const action = queue ? 'sqs:SendMessage' : 'sns:Publish';
  const sourceAccount = bucketOwner ?? parseArn(arn)?.account;
  const request: PolicyRequest = {
    principalService: 's3.amazonaws.com',
    action,
    resource: arn,
    sourceArn: toBucketArn(bucket, parseArn(arn)?.partition ?? 'aws'),
    sourceAccount,
  };
  const verdict = evaluatePolicy(facts.policy, request);
  const fix = queue ? 'ensureQueuePolicy(sqs, queueUrl, bucketArn)' : 'ensureTopicPolicy(sns, topicArn, bucketArn)';
  const assumed = bucketOwner === undefined ? ` (assuming the bucket owner is ${sourceAccount}; pass bucketOwner if not)` : '';
  if (verdict.deniedBy !== undefined) {
    out.push({
      severity: 'error',
      code: 'POLICY_DENIES',
      subject,
      message: `The ${queue ? 'queue' : 'topic'} policy statement ${JSON.stringify(verdict.deniedBy)} denies s3.amazonaws.com ${action} for bucket ${JSON.stringify(bucket)}${assumed}.`,
    });
  } else if (!verdict.allowed) {
    if (verdict.uncertain.length > 0) {
      out.push({
        severity: 'warning',
        code: 'POLICY_UNCERTAIN',
        subject,
        message: `No statement of the ${queue ? 'queue' : 'topic'} policy clearly lets s3.amazonaws.com ${action} for bucket ${JSON.stringify(bucket)}; statements ${verdict.uncertain.join(', ')} use conditions this check cannot evaluate.`,
      });
    } else {
      out.push({
        severity: 'error',
        code: 'POLICY_MISSING_GRANT',
        subject,
        message: `The ${queue ? 'queue' : 'topic'} policy does not let s3.amazonaws.com ${action} for bucket ${JSON.stringify(bucket)}${assumed}: S3 cannot deliver. Fix: ${fix}.`,
      });
    }
  }
  if (facts.kmsKeyId !== undefined) {
    if (isAwsManagedKey(facts.kmsKeyId, service)) {
      out.push({
        severity: 'error',
        code: 'AWS_MANAGED_KMS_KEY',
        subject,
        message: `Encrypted with the AWS-managed key ${facts.kmsKeyId}, whose key policy cannot be changed to let S3 use it. Use a customer-managed KMS key whose policy includes s3KmsKeyPolicyStatement().`,
      });
    } else {
      out.push({
        severity: 'warning',
        code: 'KMS_KEY_POLICY',
        subject,
        message: `Encrypted with KMS key ${facts.kmsKeyId}: its key policy must let s3.amazonaws.com use it (${JSON.stringify(s3KmsKeyPolicyStatement().Action)}); this check cannot read key policies. See s3KmsKeyPolicyStatement().`,
      });
    }
  }
  if (facts.maximumMessageSize !== undefined && Number.isFinite(facts.maximumMessageSize) && facts.maximumMessageSize < 65536) {
    out.push({
      severity: 'warning',
      code: 'MESSAGE_SIZE_TOO_SMALL',
      subject,
      message: `MaximumMessageSize is ${facts.maximumMessageSize} bytes; S3 notifications can be up to 64 KB, and AWS recommends at least 65536 for S3-fed queues.`,
    });
  }
  return out;
}

/**
 * Checks a bucket's event-notification set-up and reports every problem in one list: the
 * configuration's own problems (overlaps, FIFO, wrong ARNs, … as `validateNotificationConfig`),
 * expected rules and EventBridge delivery, and for each queue or topic destination its policy
 * (does it let `s3.amazonaws.com` send for this bucket?), its encryption key and its message size.
 * Never throws for what it finds; AWS errors while reading become findings.
 *
 * @example
 * ```ts
 * import { checkSetup, formatSetupReport } from 's3-event-kit/config';
 * import { S3Client } from '@aws-sdk/client-s3';
 * import { SQSClient } from '@aws-sdk/client-sqs';
 * const report = await checkSetup({ bucket: 'photos', s3: new S3Client({}), sqs: new SQSClient({}), region: 'us-east-1' });
 * console.log(formatSetupReport(report));
 * ```
 * @category Config
 */
export async function checkSetup(options: CheckSetupOptions): Promise<SetupReport> {
  const { bucket } = options;
  const problems: SetupProblem[] = [];
  const bucketSubject = `bucket ${JSON.stringify(bucket)}`;
  let config: S3NotificationConfiguration | undefined;
  try {
    config = await getNotificationConfig(options.s3, bucket, { expectedBucketOwner: options.bucketOwner });
  } catch (error) {
    problems.push({ severity: 'error', code: 'CANNOT_READ_CONFIGURATION', subject: bucketSubject, message: errorText(error) });
    return { bucket, ok: false, problems, config: undefined };
  }

  for (const problem of validateNotificationConfig(config, { region: options.region })) {
    problems.push({
      severity: 'error',
      code: problem.code,
      subject: problem.rules.map(describeRule).join(' + '),
      message: problem.message,
    });
  }

  const rules = rulesOf(config);
  const eventBridgeOn = config.EventBridgeConfiguration !== undefined;
  if (options.expect?.eventBridge === true && !eventBridgeOn) {
    problems.push({
      severity: 'error',
      code: 'EVENTBRIDGE_DISABLED',
      subject: bucketSubject,
      message: 'EventBridge delivery is off, so no S3 event reaches EventBridge rules. Fix: enableEventBridge(s3, bucket).',
    });
  }
  for (const { ref, rule } of rulesOf(options.expect?.rules)) {
    const found = rules.find((candidate) => candidate.ref.id === ref.id);
    const subject = describeRule(ref);
    if (found === undefined) {
      problems.push({ severity: 'error', code: 'MISSING_RULE', subject, message: `The bucket has no rule with Id ${JSON.stringify(ref.id)}. Fix: applyNotificationConfig(s3, bucket, change).` });
      continue;
    }
    const want = summarizeRule(ref.kind, rule);
    const have = summarizeRule(found.ref.kind, found.rule);
    if (JSON.stringify(want) !== JSON.stringify(have)) {
      problems.push({
        severity: 'error',
        code: 'RULE_DIFFERS',
        subject,
        message: `Rule ${JSON.stringify(ref.id)} differs: expected ${JSON.stringify(want)}, found ${JSON.stringify(have)}.`,
      });
    }
  }
  if (rules.length === 0 && !eventBridgeOn) {
    problems.push({ severity: 'warning', code: 'NO_NOTIFICATIONS', subject: bucketSubject, message: 'The bucket sends no event notifications: no queue, topic or Lambda rule, and EventBridge delivery is off.' });
  }

  const checked = new Map<string, DestinationFacts | Error>();
  for (const located of rules) {
    const { ref } = located;
    const arn = ref.arn;
    if (arn === undefined || parseArn(arn) === undefined) continue;
    const subject = describeRule(ref);
    if (ref.kind === 'lambda') {
      problems.push({
        severity: 'info',
        code: 'NOT_CHECKED',
        subject,
        message: `Lambda permissions are not read by this check. The function needs this permission (lambda:AddPermission input): ${JSON.stringify(s3LambdaPermission({ functionArn: arn, bucket, sourceAccount: options.bucketOwner }))}.`,
      });
      continue;
    }
    const client = ref.kind === 'queue' ? options.sqs : options.sns;
    if (client === undefined) {
      problems.push({ severity: 'info', code: 'NOT_CHECKED', subject, message: `Pass an ${ref.kind === 'queue' ? 'SQS' : 'SNS'} client (${ref.kind === 'queue' ? 'sqs' : 'sns'}) to check this destination's policy and encryption.` });
      continue;
    }
    let facts = checked.get(arn);
    if (facts === undefined) {
      try {
        facts = ref.kind === 'queue' ? await readQueue(client, arn) : await readTopic(client, arn);
      } catch (error) {
        facts = error instanceof Error ? error : new Error(String(error));
      }
      checked.set(arn, facts);
    }
    if (facts instanceof Error) {
      problems.push({ severity: 'error', code: 'DESTINATION_UNREADABLE', subject, message: errorText(facts) });
      continue;
    }
    problems.push(...destinationProblems(located, facts, bucket, options.bucketOwner));
  }
  return { bucket, ok: !problems.some((problem) => problem.severity === 'error'), problems, config };
}

const MARK = { error: 'ERROR', warning: 'WARN ', info: 'INFO ' } as const;

/**
 * A {@link SetupReport} as readable text: a summary line, then one line per finding, errors first.
 *
 * @example
 * ```ts
 * import { formatSetupReport } from 's3-event-kit/config';
 * formatSetupReport({ bucket: 'photos', ok: true, problems: [], config: {} });
 * //=> 'Bucket "photos": no problems found.'
 * ```
 * @category Config
 */
export function formatSetupReport(report: SetupReport): string {
  if (report.problems.length === 0) return `Bucket ${JSON.stringify(report.bucket)}: no problems found.`;
  const order = { error: 0, warning: 1, info: 2 } as const;
  const sorted = [...report.problems].sort((a, b) => order[a.severity] - order[b.severity]);
  const count = (severity: SetupProblem['severity']) => report.problems.filter((p) => p.severity === severity).length;
  const head = `Bucket ${JSON.stringify(report.bucket)}: ${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} not checked.`;
  const line = (p: SetupProblem) =>
    `${MARK[p.severity]} [${p.code}] ${p.message.startsWith(p.subject) ? p.message : `${p.subject}: ${p.message}`}`;
  return [head, ...sorted.map(line)].join('\n');
}
