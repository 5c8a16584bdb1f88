import { validateNotificationConfig, type S3NotificationConfiguration } from 's3-event-kit/config';
import { describe, expect, test } from 'vitest';

/**
 * The examples of "Configuring event notifications using object key name filtering" (S3 User
 * Guide, notification-how-to-filtering), translated from XML to the SDK shape.
 */
const prefix = (value: string) => ({ Name: 'prefix', Value: value });
const suffix = (value: string) => ({ Name: 'suffix', Value: value });
const filter = (...rules: { Name: string; Value: string }[]) => ({ Key: { FilterRules: rules } });

const QUEUE_A = 'arn:aws:sqs:us-west-2:444455556666:sqs-queue-A';
const QUEUE_B = 'arn:aws:sqs:us-west-2:444455556666:sqs-queue-B';
const FUNCTION_A = 'arn:aws:lambda:us-west-2:444455556666:function:cloud-function-A';
const FUNCTION_B = 'arn:aws:lambda:us-west-2:444455556666:function:cloud-function-B';
const TOPIC_ONE = 'arn:aws:sns:us-west-2:444455556666:sns-topic-one';
const TOPIC_TWO = 'arn:aws:sns:us-west-2:444455556666:sns-topic-two';

describe('validateNotificationConfig: the valid examples of the S3 filtering guide', () => {
  test.each<[string, S3NotificationConfiguration]>([
    [
      'one queue, prefix images/ and suffix jpg',
      {
        QueueConfigurations: [
          { Id: '1', QueueArn: 'arn:aws:sqs:us-west-2:444455556666:s3notificationqueue', Events: ['s3:ObjectCreated:Put'], Filter: filter(prefix('images/'), suffix('jpg')) },
        ],
      },
    ],
    [
      'non-overlapping prefixes images/ and logs/',
      {
        QueueConfigurations: [
          { Id: '1', QueueArn: QUEUE_A, Events: ['s3:ObjectCreated:Put'], Filter: filter(prefix('images/')) },
          { Id: '2', QueueArn: QUEUE_B, Events: ['s3:ObjectCreated:Put'], Filter: filter(prefix('logs/')) },
        ],
      },
    ],
    [
      'non-overlapping suffixes .jpg and .png',
      {
        LambdaFunctionConfigurations: [
          { Id: '1', LambdaFunctionArn: FUNCTION_A, Events: ['s3:ObjectCreated:Put'], Filter: filter(suffix('.jpg')) },
          { Id: '2', LambdaFunctionArn: FUNCTION_B, Events: ['s3:ObjectCreated:Put'], Filter: filter(suffix('.png')) },
        ],
      },
    ],
    [
      'overlapping prefixes with non-overlapping suffixes',
      {
        LambdaFunctionConfigurations: [
          { Id: '1', LambdaFunctionArn: FUNCTION_A, Events: ['s3:ObjectCreated:Put'], Filter: filter(prefix('images'), suffix('.jpg')) },
          { Id: '2', LambdaFunctionArn: FUNCTION_B, Events: ['s3:ObjectCreated:Put'], Filter: filter(prefix('images'), suffix('.png')) },
        ],
      },
    ],
    [
      'the same prefix for different event types (image/ for ObjectCreated:Put and ObjectRemoved:*)',
      {
        QueueConfigurations: [
          { Id: '1', QueueArn: QUEUE_A, Events: ['s3:ObjectCreated:Put'], Filter: filter(prefix('image/')) },
          { Id: '2', QueueArn: QUEUE_B, Events: ['s3:ObjectRemoved:*'], Filter: filter(prefix('image/')) },
        ],
      },
    ],
  ])('%s → no problems', (_, config) => {
    expect(validateNotificationConfig(config)).toEqual([]);
  });
});

describe('validateNotificationConfig: the invalid examples of the S3 filtering guide', () => {
  test('no prefix overlaps every prefix ("the root prefix overlaps with any other prefix")', () => {
    const problems = validateNotificationConfig({
      TopicConfigurations: [
        { TopicArn: 'arn:aws:sns:us-west-2:444455556666:sns-notification-one', Events: ['s3:ObjectCreated:*'] },
        { TopicArn: 'arn:aws:sns:us-west-2:444455556666:sns-notification-two', Events: ['s3:ObjectCreated:*'], Filter: filter(prefix('images')) },
      ],
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'OVERLAP', rules: [{ kind: 'topic', index: 0 }, { kind: 'topic', index: 1 }] });
    expect(problems[0]?.message).toContain('topic rule #1 (no Id)');
    expect(problems[0]?.message).toContain('topic rule #2 (no Id)');
    expect(problems[0]?.message).toContain('#1 has no prefix, which matches every key');
    expect(problems[0]?.message).toContain('ObjectCreated:Put');
  });

  test('suffixes jpg and pg overlap, and s3:ObjectCreated:* shares ObjectCreated:Put', () => {
    const problems = validateNotificationConfig({
      TopicConfigurations: [
        { Id: 'one', TopicArn: TOPIC_ONE, Events: ['s3:ObjectCreated:*'], Filter: filter(suffix('jpg')) },
        { Id: 'two', TopicArn: TOPIC_TWO, Events: ['s3:ObjectCreated:Put'], Filter: filter(suffix('pg')) },
      ],
    });
    expect(problems.map((p) => p.code)).toEqual(['OVERLAP']);
    expect(problems[0]?.message).toMatch(/topic rule "one" → arn:aws:sns:us-west-2:444455556666:sns-topic-one and topic rule "two" → .* overlap/);
    expect(problems[0]?.message).toContain('both receive ObjectCreated:Put');
    expect(problems[0]?.message).toContain('suffix "jpg" ends with "pg"');
    expect(problems[0]?.message).toContain('neither has a prefix');
  });

  test('prefix images + suffix jpg overlaps suffix jpg alone', () => {
    const problems = validateNotificationConfig({
      TopicConfigurations: [
        { Id: 'one', TopicArn: TOPIC_ONE, Events: ['s3:ObjectCreated:*'], Filter: filter(prefix('images'), suffix('jpg')) },
        { Id: 'two', TopicArn: TOPIC_TWO, Events: ['s3:ObjectCreated:Put'], Filter: filter(suffix('jpg')) },
      ],
    });
    expect(problems.map((p) => p.code)).toEqual(['OVERLAP']);
    expect(problems[0]?.message).toContain('"two" has no prefix, which matches every key');
    expect(problems[0]?.message).toContain('both have the suffix "jpg"');
  });
});

describe('validateNotificationConfig: other rules', () => {
  const queue = (overrides: Record<string, unknown>) => ({
    QueueConfigurations: [{ Id: 'q', QueueArn: QUEUE_A, Events: ['s3:ObjectCreated:*'], ...overrides }],
  }) as S3NotificationConfiguration;

  test('overlap is found across destination kinds (queue vs Lambda)', () => {
    const problems = validateNotificationConfig({
      QueueConfigurations: [{ Id: 'queue', QueueArn: QUEUE_A, Events: ['s3:ObjectRemoved:Delete'], Filter: filter(prefix('a/')) }],
      LambdaFunctionConfigurations: [{ Id: 'fn', LambdaFunctionArn: FUNCTION_A, Events: ['s3:ObjectRemoved:*'], Filter: filter(prefix('a/b/')) }],
    });
    expect(problems.map((p) => p.code)).toEqual(['OVERLAP']);
    expect(problems[0]?.message).toContain('queue rule "queue"');
    expect(problems[0]?.message).toContain('Lambda rule "fn"');
    expect(problems[0]?.message).toContain('prefix "a/b/" starts with "a/"');
  });

  test('filter rule names are compared case-insensitively, as S3 returns Prefix/Suffix', () => {
    const problems = validateNotificationConfig({
      QueueConfigurations: [
        { Id: 'a', QueueArn: QUEUE_A, Events: ['s3:ObjectCreated:*'], Filter: filter({ Name: 'Prefix', Value: 'x/' }) },
        { Id: 'b', QueueArn: QUEUE_B, Events: ['s3:ObjectCreated:*'], Filter: filter({ Name: 'Prefix', Value: 'y/' }) },
      ],
    });
    expect(problems).toEqual([]);
  });

  test('FIFO queues and topics are refused as S3 destinations', () => {
    const problems = validateNotificationConfig({
      QueueConfigurations: [{ Id: 'q', QueueArn: 'arn:aws:sqs:us-east-1:111122223333:jobs.fifo', Events: ['s3:ObjectCreated:*'] }],
      TopicConfigurations: [{ Id: 't', TopicArn: 'arn:aws:sns:us-east-1:111122223333:fan.fifo', Events: ['s3:ObjectRemoved:*'] }],
    });
    expect(problems.map((p) => p.code)).toEqual(['FIFO_DESTINATION', 'FIFO_DESTINATION']);
    expect(problems[0]?.message).toContain('FIFO queue');
    expect(problems[1]?.message).toContain('FIFO topic');
  });

  test('more than one prefix or suffix rule', () => {
    const problems = validateNotificationConfig(queue({ Filter: filter(suffix('.jpg'), suffix('.png')) }));
    expect(problems.map((p) => p.code)).toEqual(['MULTIPLE_FILTER_RULES']);
    expect(problems[0]?.message).toContain('2 suffix rules (".jpg", ".png")');
  });

  test('unknown filter rule names, empty and too long values', () => {
    const problems = validateNotificationConfig(
      queue({ Filter: filter({ Name: 'contains', Value: 'x' }, prefix(''), suffix('x'.repeat(1025))) }),
    );
    expect(problems.map((p) => p.code)).toEqual(['EMPTY_NAME', 'FILTER_VALUE_TOO_LONG', 'INVALID_FILTER_RULE']);
  });

  test('no events, empty names, record names without s3:, wildcards S3 does not offer', () => {
    expect(validateNotificationConfig(queue({ Events: [] })).map((p) => p.code)).toEqual(['NO_EVENTS']);
    expect(validateNotificationConfig(queue({ Events: undefined })).map((p) => p.code)).toEqual(['NO_EVENTS']);
    const problems = validateNotificationConfig(queue({ Id: '', Events: ['', 'ObjectCreated:Put', 's3:ObjectAcl:*', 's3:Nope'] }));
    expect(problems.map((p) => p.code)).toEqual(['EMPTY_NAME', 'EMPTY_NAME', 'UNKNOWN_EVENT', 'UNKNOWN_EVENT', 'UNKNOWN_EVENT']);
    expect(problems[2]?.message).toContain('write "s3:ObjectCreated:Put"');
    expect(problems[3]?.message).toContain('no wildcard for that family');
    expect(problems[4]?.message).toContain('See S3_CONFIG_EVENT_NAMES');
    expect(validateNotificationConfig(queue({ Events: ['s3:ObjectCreated:Puts'] }))[0]?.message).toContain('Did you mean "s3:ObjectCreated:Put"?');
  });

  test('ARNs of the wrong service, malformed ARNs and missing ARNs', () => {
    const problems = validateNotificationConfig({
      QueueConfigurations: [{ Id: 'q', QueueArn: TOPIC_ONE, Events: ['s3:ObjectCreated:*'] }],
      TopicConfigurations: [{ Id: 't', TopicArn: 'not-an-arn', Events: ['s3:ObjectRemoved:*'] }],
      LambdaFunctionConfigurations: [
        { Id: 'l', LambdaFunctionArn: QUEUE_A, Events: ['s3:ObjectRestore:*'] },
        { Id: 'm', LambdaFunctionArn: undefined, Events: ['s3:LifecycleTransition'] },
        { Id: 'n', LambdaFunctionArn: 'arn:aws:lambda:us-east-1:111122223333:layer:x:1', Events: ['s3:IntelligentTiering'] },
      ],
    });
    expect(problems.map((p) => [p.code, p.rules[0]?.id])).toEqual([
      ['WRONG_SERVICE_ARN', 'q'],
      ['INVALID_ARN', 't'],
      ['WRONG_SERVICE_ARN', 'l'],
      ['INVALID_ARN', 'm'],
      ['INVALID_ARN', 'n'],
    ]);
    expect(problems[0]?.message).toContain('names an SNS topic, but must be an SQS queue ARN. Move the rule to TopicConfigurations.');
    expect(problems[2]?.message).toContain('names an SQS queue, but must be a Lambda function ARN. Move the rule to QueueConfigurations.');
  });

  test('destinations in another Region than the bucket, when the Region is given', () => {
    const problems = validateNotificationConfig(queue({}), { region: 'eu-west-1' });
    expect(problems.map((p) => p.code)).toEqual(['REGION_MISMATCH']);
    expect(validateNotificationConfig(queue({}), { region: 'us-west-2' })).toEqual([]);
  });

  test('duplicate Ids name both rules', () => {
    const problems = validateNotificationConfig({
      QueueConfigurations: [{ Id: 'same', QueueArn: QUEUE_A, Events: ['s3:ObjectCreated:*'] }],
      TopicConfigurations: [{ Id: 'same', TopicArn: TOPIC_ONE, Events: ['s3:ObjectRemoved:*'] }],
    });
    expect(problems.map((p) => p.code)).toEqual(['DUPLICATE_ID']);
    expect(problems[0]?.rules.map((r) => r.kind)).toEqual(['queue', 'topic']);
  });

  test('an empty configuration is valid (it turns notifications off)', () => {
    expect(validateNotificationConfig({})).toEqual([]);
    expect(validateNotificationConfig({ EventBridgeConfiguration: {} })).toEqual([]);
  });
});
