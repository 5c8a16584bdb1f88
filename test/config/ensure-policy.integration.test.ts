/** Queue and topic policy writes against the real local SQS/SNS server (fauxqs): set, read back, merge again. */
import { CreateQueueCommand, GetQueueAttributesCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { CreateTopicCommand, GetTopicAttributesCommand, SetTopicAttributesCommand } from '@aws-sdk/client-sns';
import {
  ensureQueuePolicy,
  ensureQueuePolicyStatements,
  ensureTopicPolicy,
  evaluatePolicy,
  snsQueuePolicyStatement,
  type PolicyStatement,
} from 's3-event-kit/config';
import { describe, expect, test } from 'vitest';
import { snsClient, sqsClient, uniqueName } from '../setup/aws.js';

async function newQueue(attributes: Record<string, string> = {}) {
  const sqs = sqsClient();
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: uniqueName('policy'), Attributes: attributes }));
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  return { sqs, queueUrl: QueueUrl as string, queueArn: Attributes?.['QueueArn'] as string };
}

async function storedQueuePolicy(queueUrl: string) {
  const { Attributes } = await sqsClient().send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['Policy'] }));
  return JSON.parse(Attributes?.['Policy'] ?? '{}') as { Version: string; Statement: PolicyStatement[] };
}

describe('ensureQueuePolicy against the local SQS server', () => {
  test('sets the S3 statement on a queue without a policy, reads it back, and a second call writes nothing', async () => {
    const { sqs, queueUrl, queueArn } = await newQueue();

    const first = await ensureQueuePolicy(sqs, queueUrl, 'arn:aws:s3:::photos', { sourceAccount: '111122223333' });
    const stored = await storedQueuePolicy(queueUrl);
    const second = await ensureQueuePolicy(sqs, queueUrl, 'arn:aws:s3:::photos', { sourceAccount: '111122223333' });

    expect(first).toMatchObject({ resourceArn: queueArn, changed: true });
    expect(stored.Statement).toHaveLength(1);
    expect(stored.Statement[0]).toMatchObject({
      Effect: 'Allow',
      Principal: { Service: 's3.amazonaws.com' },
      Action: 'SQS:SendMessage',
      Resource: queueArn,
      Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::photos' }, StringEquals: { 'aws:SourceAccount': '111122223333' } },
    });
    expect(
      evaluatePolicy(JSON.stringify(stored), {
        principalService: 's3.amazonaws.com',
        action: 'sqs:SendMessage',
        resource: queueArn,
        sourceArn: 'arn:aws:s3:::photos',
        sourceAccount: '111122223333',
      }).allowed,
    ).toBe(true);
    expect(second).toMatchObject({ changed: false, added: [], replaced: [] });
  });

  test('merges into an existing policy instead of overwriting it, and adds a second bucket next to the first', async () => {
    const { sqs, queueUrl, queueArn } = await newQueue();
    const consumers: PolicyStatement = { Sid: 'Consumers', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/worker' }, Action: 'sqs:ReceiveMessage', Resource: queueArn };
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: queueUrl, Attributes: { Policy: JSON.stringify({ Version: '2012-10-17', Id: 'existing', Statement: [consumers] }) } }));

    await ensureQueuePolicy(sqs, queueUrl, 'photos');
    await ensureQueuePolicy(sqs, queueUrl, 'logs');
    const stored = await storedQueuePolicy(queueUrl);

    expect(stored).toMatchObject({ Version: '2012-10-17', Id: 'existing' });
    expect(stored.Statement.map((s) => s.Sid)).toEqual(['Consumers', expect.stringMatching(/^S3SendMessagephotos/), expect.stringMatching(/^S3SendMessagelogs/)]);
    expect(stored.Statement[0]).toEqual(consumers);
  });

  test('replaces its own statement when the source account changes (same Sid), keeping the rest', async () => {
    const { sqs, queueUrl } = await newQueue();
    await ensureQueuePolicy(sqs, queueUrl, 'photos', { sourceAccount: '111122223333' });
    const changed = await ensureQueuePolicy(sqs, queueUrl, 'photos', { sourceAccount: '444455556666' });
    const stored = await storedQueuePolicy(queueUrl);
    expect(changed.replaced).toHaveLength(1);
    expect(stored.Statement).toHaveLength(1);
    expect(stored.Statement[0]?.Condition).toMatchObject({ StringEquals: { 'aws:SourceAccount': '444455556666' } });
  });

  test('ensureQueuePolicyStatements adds the SNS fan-out statement built from the queue ARN', async () => {
    const { sqs, queueUrl, queueArn } = await newQueue();
    const topicArn = 'arn:aws:sns:us-east-1:000000000000:uploads';
    const result = await ensureQueuePolicyStatements(sqs, queueUrl, (arn) => [snsQueuePolicyStatement({ queueArn: arn, topicArn })]);
    expect(result.changed).toBe(true);
    expect((await storedQueuePolicy(queueUrl)).Statement[0]).toMatchObject({ Principal: { Service: 'sns.amazonaws.com' }, Resource: queueArn });
  });

  test('a missing queue is a typed error, not a raw SDK error', async () => {
    const sqs = sqsClient();
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: uniqueName('gone') }));
    const missing = `${QueueUrl as string}-does-not-exist`;
    await expect(ensureQueuePolicy(sqs, missing, 'photos')).rejects.toMatchObject({ name: 'S3ConfigError', operation: 'GetQueueAttributes', resource: missing });
  });
});

describe('ensureTopicPolicy against the local SNS server', () => {
  test('keeps the topic\'s existing statements, adds the S3 statement, reads it back, and is idempotent', async () => {
    const sns = snsClient();
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: uniqueName('topic') }));
    const topicArn = TopicArn as string;
    const owner: PolicyStatement = { Sid: 'Owner', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['SNS:Subscribe', 'SNS:Publish'], Resource: topicArn, Condition: { StringEquals: { 'AWS:SourceOwner': '000000000000' } } };
    await sns.send(new SetTopicAttributesCommand({ TopicArn: topicArn, AttributeName: 'Policy', AttributeValue: JSON.stringify({ Version: '2008-10-17', Id: '__default_policy_ID', Statement: [owner] }) }));

    const first = await ensureTopicPolicy(sns, topicArn, 'arn:aws:s3:::photos');
    const { Attributes } = await sns.send(new GetTopicAttributesCommand({ TopicArn: topicArn }));
    const stored = JSON.parse(Attributes?.['Policy'] ?? '{}') as { Statement: PolicyStatement[] };
    const second = await ensureTopicPolicy(sns, topicArn, 'arn:aws:s3:::photos');

    expect(first.changed).toBe(true);
    expect(stored.Statement[0]).toEqual(owner);
    expect(stored.Statement[1]).toMatchObject({ Principal: { Service: 's3.amazonaws.com' }, Action: 'SNS:Publish', Resource: topicArn });
    expect(second.changed).toBe(false);
  });
});
