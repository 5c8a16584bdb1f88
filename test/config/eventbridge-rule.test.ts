/** putS3Rule against a client whose `send` records the commands and returns recorded EventBridge responses. */
import { EventBridgeServiceException } from '@aws-sdk/client-eventbridge';
import { AwsAccessDeniedError, putS3Rule, s3EventPattern } from 's3-event-kit/config';
import { describe, expect, test } from 'vitest';
import { metadata, recordingClient } from './support/recording-client.js';

const RULE_ARN = 'arn:aws:events:us-east-1:111122223333:rule/photos-created';
const QUEUE = 'arn:aws:sqs:us-east-1:111122223333:uploads';
const pattern = s3EventPattern({ buckets: 'photos', events: ['ObjectCreated:*'], prefix: 'uploads/' });

describe('putS3Rule (recording client, recorded EventBridge responses)', () => {
  test('sends PutRule with the pattern as JSON, then PutTargets, and returns the rule ARN', async () => {
    const client = recordingClient({
      PutRuleCommand: [{ $metadata: metadata(), RuleArn: RULE_ARN }],
      PutTargetsCommand: [{ $metadata: metadata(), FailedEntryCount: 0, FailedEntries: [] }],
    });

    const result = await putS3Rule(client, {
      name: 'photos-created',
      description: 'uploads to the worker queue',
      pattern,
      targets: [
        { id: 'uploads-queue', arn: QUEUE, deadLetterQueueArn: 'arn:aws:sqs:us-east-1:111122223333:rule-dlq', maximumRetryAttempts: 5 },
        { id: 'fifo', arn: 'arn:aws:sqs:us-east-1:111122223333:ordered.fifo', messageGroupId: 'photos' },
      ],
    });

    expect(client.calls).toEqual([
      {
        name: 'PutRuleCommand',
        input: { Name: 'photos-created', EventPattern: JSON.stringify(pattern), State: 'ENABLED', Description: 'uploads to the worker queue' },
      },
      {
        name: 'PutTargetsCommand',
        input: {
          Rule: 'photos-created',
          Targets: [
            { Id: 'uploads-queue', Arn: QUEUE, DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:111122223333:rule-dlq' }, RetryPolicy: { MaximumRetryAttempts: 5 } },
            { Id: 'fifo', Arn: 'arn:aws:sqs:us-east-1:111122223333:ordered.fifo', SqsParameters: { MessageGroupId: 'photos' } },
          ],
        },
      },
    ]);
    expect(result).toEqual({ ruleArn: RULE_ARN, targetIds: ['uploads-queue', 'fifo'], eventPattern: JSON.stringify(pattern) });
    expect(JSON.parse(result.eventPattern)).toEqual({
      source: ['aws.s3'],
      'detail-type': ['Object Created'],
      detail: { bucket: { name: ['photos'] }, object: { key: [{ prefix: 'uploads/' }] } },
    });
  });

  test('passes the event bus and state', async () => {
    const client = recordingClient({
      PutRuleCommand: [{ $metadata: metadata(), RuleArn: RULE_ARN }],
      PutTargetsCommand: [{ $metadata: metadata(), FailedEntryCount: 0 }],
    });
    await putS3Rule(client, { name: 'r', pattern, targets: [{ id: 't', arn: QUEUE }], eventBusName: 'default', state: 'DISABLED' });
    expect(client.calls[0]?.input).toMatchObject({ EventBusName: 'default', State: 'DISABLED' });
    expect(client.calls[1]?.input).toMatchObject({ EventBusName: 'default', Rule: 'r' });
  });

  test('recorded FailedEntries become PUT_TARGETS_FAILED with EventBridge\'s message', async () => {
    const client = recordingClient({
      PutRuleCommand: [{ $metadata: metadata(), RuleArn: RULE_ARN }],
      PutTargetsCommand: [
        {
          $metadata: metadata(),
          FailedEntryCount: 1,
          FailedEntries: [{ TargetId: 'uploads-queue', ErrorCode: 'ValidationException', ErrorMessage: 'Parameter(s) SqsParameters must be specified for target: uploads-queue.' }],
        },
      ],
    });
    await expect(putS3Rule(client, { name: 'r', pattern, targets: [{ id: 'uploads-queue', arn: QUEUE }] })).rejects.toMatchObject({
      name: 'S3ConfigError',
      code: 'PUT_TARGETS_FAILED',
      awsCode: 'ValidationException',
      awsMessage: 'Parameter(s) SqsParameters must be specified for target: uploads-queue.',
    });
  });

  test('a recorded AccessDeniedException becomes AwsAccessDeniedError naming events:PutRule', async () => {
    const denied = new EventBridgeServiceException({
      name: 'AccessDeniedException',
      $fault: 'client',
      $metadata: metadata(400),
      message: 'User: arn:aws:sts::111122223333:assumed-role/deployer/session is not authorized to perform: events:PutRule on resource: arn:aws:events:us-east-1:111122223333:rule/r because no identity-based policy allows the events:PutRule action',
    });
    const client = recordingClient({ PutRuleCommand: [denied] });
    const error = await putS3Rule(client, { name: 'r', pattern, targets: [{ id: 't', arn: QUEUE }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsAccessDeniedError);
    expect((error as Error).message).toContain('events:PutRule');
    expect(error).toMatchObject({ awsCode: 'AccessDeniedException', awsMessage: denied.message, cause: denied });
  });

  test('checks names, ids and targets locally before calling AWS', async () => {
    const client = recordingClient({});
    await expect(putS3Rule(client, { name: 'has space', pattern, targets: [{ id: 't', arn: QUEUE }] })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(putS3Rule(client, { name: 'r', pattern, targets: [] })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(putS3Rule(client, { name: 'r', pattern, targets: [{ id: 't', arn: QUEUE }, { id: 't', arn: QUEUE }] })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(client.calls).toEqual([]);
  });
});
