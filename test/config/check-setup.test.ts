/**
 * checkSetup: S3 answered by a client that records commands and returns recorded S3 responses;
 * queues and topics are real, on the local SQS/SNS server (fauxqs).
 */
import { CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { CreateTopicCommand } from '@aws-sdk/client-sns';
import { checkSetup, ensureQueuePolicy, ensureTopicPolicy, formatSetupReport, notificationConfig } from 's3-event-kit/config';
import { describe, expect, test } from 'vitest';
import { snsClient, sqsClient, uniqueName } from '../setup/aws.js';
import { RECORDED_ERRORS, asS3Returns, recordingClient } from './support/recording-client.js';

async function queue(attributes: Record<string, string> = {}, name = uniqueName('check')) {
  const sqs = sqsClient();
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  return { url: QueueUrl as string, arn: Attributes?.['QueueArn'] as string };
}

const s3Returning = (config: object) => recordingClient({ GetBucketNotificationConfigurationCommand: [asS3Returns(config as Record<string, unknown>)] });

describe('checkSetup (recorded S3 responses, real local SQS/SNS)', () => {
  test('a correct set-up reports no errors', async () => {
    const sqs = sqsClient();
    const sns = snsClient();
    const good = await queue();
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: uniqueName('check') }));
    await ensureQueuePolicy(sqs, good.url, 'arn:aws:s3:::photos');
    await ensureTopicPolicy(sns, TopicArn as string, 'arn:aws:s3:::photos');
    const config = notificationConfig()
      .queue({ id: 'uploads', queueArn: good.arn, events: ['s3:ObjectCreated:*'] })
      .topic({ id: 'deletes', topicArn: TopicArn as string, events: ['s3:ObjectRemoved:*'] })
      .eventBridge()
      .build();

    const report = await checkSetup({ bucket: 'photos', s3: s3Returning(config), sqs, sns, expect: { rules: config, eventBridge: true } });

    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(formatSetupReport(report)).toBe('Bucket "photos": no problems found.');
  });

  test('reports every problem in one list', async () => {
    const sqs = sqsClient();
    const noPolicy = await queue();
    const managedKey = await queue({ KmsMasterKeyId: 'alias/aws/sqs', MaximumMessageSize: '1024' });
    await ensureQueuePolicy(sqs, managedKey.url, 'photos');
    const fifo = await queue({ FifoQueue: 'true' }, `${uniqueName('check')}.fifo`);
    const missingArn = noPolicy.arn.replace(/:[^:]+$/, ':does-not-exist');
    const config = {
      QueueConfigurations: [
        { Id: 'no-policy', QueueArn: noPolicy.arn, Events: ['s3:ObjectCreated:*'], Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'a/' }] } } },
        { Id: 'managed-key', QueueArn: managedKey.arn, Events: ['s3:ObjectCreated:*'], Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'b/' }] } } },
        { Id: 'fifo', QueueArn: fifo.arn, Events: ['s3:ObjectRemoved:*'] },
        { Id: 'missing', QueueArn: missingArn, Events: ['s3:ObjectRestore:*'] },
      ],
      LambdaFunctionConfigurations: [{ Id: 'thumbs', LambdaFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:thumbs', Events: ['s3:ObjectTagging:*'] }],
    };
    const expected = notificationConfig()
      .queue({ id: 'no-policy', queueArn: noPolicy.arn, events: ['s3:ObjectCreated:*'], prefix: 'a/' })
      .queue({ id: 'audit', queueArn: noPolicy.arn, events: ['s3:ObjectAcl:Put'] })
      .build();

    const report = await checkSetup({ bucket: 'photos', s3: s3Returning(config), sqs, expect: { rules: expected, eventBridge: true } });
    const codes = report.problems.map((p) => `${p.severity}:${p.code}`);

    expect(report.ok).toBe(false);
    expect(codes).toEqual(
      expect.arrayContaining([
        'error:FIFO_DESTINATION',
        'error:EVENTBRIDGE_DISABLED',
        'error:MISSING_RULE',
        'error:POLICY_MISSING_GRANT',
        'error:AWS_MANAGED_KMS_KEY',
        'warning:MESSAGE_SIZE_TOO_SMALL',
        'error:DESTINATION_UNREADABLE',
        'info:NOT_CHECKED',
      ]),
    );
    const missingGrant = report.problems.find((p) => p.code === 'POLICY_MISSING_GRANT');
    expect(missingGrant?.subject).toContain('queue rule "no-policy"');
    expect(missingGrant?.message).toContain('ensureQueuePolicy');
    expect(report.problems.find((p) => p.code === 'DESTINATION_UNREADABLE')?.subject).toContain('"missing"');
    expect(report.problems.find((p) => p.code === 'NOT_CHECKED')?.message).toContain('"Principal":"s3.amazonaws.com"');
    const text = formatSetupReport(report);
    expect(text.split('\n')[0]).toMatch(/^Bucket "photos": \d+ error\(s\), 1 warning\(s\), 1 not checked\.$/);
    expect(text).toContain('ERROR [POLICY_MISSING_GRANT] queue rule "no-policy"');
  });

  test('a Deny statement, and a customer-managed KMS key, are reported', async () => {
    const sqs = sqsClient();
    const denied = await queue({ KmsMasterKeyId: 'arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab' });
    await ensureQueuePolicy(sqs, denied.url, 'photos');
    const { SetQueueAttributesCommand } = await import('@aws-sdk/client-sqs');
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: denied.url, AttributeNames: ['Policy'] }));
    const policy = JSON.parse(Attributes?.['Policy'] ?? '{}') as { Statement: unknown[] };
    policy.Statement.push({ Sid: 'NoS3', Effect: 'Deny', Principal: { Service: 's3.amazonaws.com' }, Action: 'sqs:*', Resource: denied.arn });
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: denied.url, Attributes: { Policy: JSON.stringify(policy) } }));

    const report = await checkSetup({
      bucket: 'photos',
      s3: s3Returning({ QueueConfigurations: [{ Id: 'q', QueueArn: denied.arn, Events: ['s3:ObjectCreated:*'] }] }),
      sqs,
    });
    expect(report.problems.map((p) => p.code)).toEqual(['POLICY_DENIES', 'KMS_KEY_POLICY']);
    expect(report.problems[0]?.message).toContain('"NoS3"');
  });

  test('destinations without a client are listed as not checked; an empty configuration is a warning', async () => {
    const report = await checkSetup({
      bucket: 'photos',
      s3: s3Returning({ TopicConfigurations: [{ Id: 't', TopicArn: 'arn:aws:sns:us-east-1:111122223333:t', Events: ['s3:ObjectCreated:*'] }] }),
    });
    expect(report).toMatchObject({ ok: true, problems: [{ severity: 'info', code: 'NOT_CHECKED' }] });
    const empty = await checkSetup({ bucket: 'photos', s3: s3Returning({}) });
    expect(empty.problems.map((p) => p.code)).toEqual(['NO_NOTIFICATIONS']);
  });

  test('a recorded AccessDenied while reading the configuration is a finding, not a throw', async () => {
    const report = await checkSetup({ bucket: 'photos', s3: recordingClient({ GetBucketNotificationConfigurationCommand: [RECORDED_ERRORS.accessDenied()] }) });
    expect(report).toMatchObject({ ok: false, config: undefined, problems: [{ severity: 'error', code: 'CANNOT_READ_CONFIGURATION' }] });
    expect(report.problems[0]?.message).toContain('s3:GetBucketNotification');
  });

  test('destinations in another Region are errors when the bucket Region is given', async () => {
    const report = await checkSetup({
      bucket: 'photos',
      region: 'eu-west-1',
      s3: s3Returning({ LambdaFunctionConfigurations: [{ Id: 'f', LambdaFunctionArn: 'arn:aws:lambda:us-east-1:111122223333:function:f', Events: ['s3:ObjectCreated:*'] }] }),
    });
    expect(report.problems.map((p) => p.code)).toEqual(['REGION_MISMATCH', 'NOT_CHECKED']);
  });
});
