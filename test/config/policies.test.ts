import fc from 'fast-check';
import {
  evaluatePolicy,
  eventBridgeQueuePolicyStatement,
  mergePolicyStatements,
  parsePolicy,
  s3KmsKeyPolicyStatement,
  s3LambdaPermission,
  s3QueuePolicy,
  s3QueuePolicyStatement,
  s3TopicPolicy,
  sameStatement,
  snsQueuePolicyStatement,
  type PolicyStatement,
} from 's3-event-kit/config';
import { describe, expect, test } from 'vitest';

const QUEUE = 'arn:aws:sqs:us-east-1:111122223333:uploads';
const TOPIC = 'arn:aws:sns:us-east-1:111122223333:uploads';

describe('policy documents (the S3 user guide\'s "grant destinations permissions" policies)', () => {
  test('SQS: s3.amazonaws.com may SQS:SendMessage, with aws:SourceArn and aws:SourceAccount', () => {
    expect(s3QueuePolicy({ queueArn: QUEUE, bucket: 'photos' })).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: expect.stringMatching(/^S3SendMessagephotos[0-9a-f]{8}$/),
          Effect: 'Allow',
          Principal: { Service: 's3.amazonaws.com' },
          Action: 'SQS:SendMessage',
          Resource: QUEUE,
          Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::photos' }, StringEquals: { 'aws:SourceAccount': '111122223333' } },
        },
      ],
    });
  });

  test('SNS: s3.amazonaws.com may SNS:Publish, same conditions; the bucket owner can be another account', () => {
    expect(s3TopicPolicy({ topicArn: TOPIC, bucket: 'arn:aws:s3:::photos', sourceAccount: '444455556666' }).Statement[0]).toMatchObject({
      Principal: { Service: 's3.amazonaws.com' },
      Action: 'SNS:Publish',
      Resource: TOPIC,
      Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::photos' }, StringEquals: { 'aws:SourceAccount': '444455556666' } },
    });
  });

  test('Sids are stable per bucket, letters and digits only, and distinct for look-alike names', () => {
    const a = s3QueuePolicyStatement({ queueArn: QUEUE, bucket: 'my-bucket' }).Sid;
    expect(a).toBe(s3QueuePolicyStatement({ queueArn: QUEUE, bucket: 'arn:aws:s3:::my-bucket' }).Sid);
    expect(a).toMatch(/^[A-Za-z0-9]+$/);
    expect(a).not.toBe(s3QueuePolicyStatement({ queueArn: QUEUE, bucket: 'mybucket' }).Sid);
  });

  test('KMS key statement: kms:GenerateDataKey and kms:Decrypt for s3.amazonaws.com, optionally scoped', () => {
    expect(s3KmsKeyPolicyStatement()).toEqual({
      Sid: 'AllowS3ToUseTheKey',
      Effect: 'Allow',
      Principal: { Service: 's3.amazonaws.com' },
      Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
      Resource: '*',
    });
    expect(s3KmsKeyPolicyStatement({ bucket: 'photos', sourceAccount: '111122223333' }).Condition).toEqual({
      ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::photos' },
      StringEquals: { 'aws:SourceAccount': '111122223333' },
    });
  });

  test('Lambda AddPermission input: lambda:InvokeFunction for s3.amazonaws.com from the bucket and its owner', () => {
    expect(s3LambdaPermission({ functionArn: 'arn:aws:lambda:us-east-1:111122223333:function:thumbs', bucket: 'photos', qualifier: 'live' })).toEqual({
      FunctionName: 'arn:aws:lambda:us-east-1:111122223333:function:thumbs',
      StatementId: expect.stringMatching(/^S3Invokephotos/),
      Action: 'lambda:InvokeFunction',
      Principal: 's3.amazonaws.com',
      SourceArn: 'arn:aws:s3:::photos',
      SourceAccount: '111122223333',
      Qualifier: 'live',
    });
  });

  test('SNS → SQS and EventBridge → SQS statements use the service principal and ArnEquals aws:SourceArn', () => {
    expect(snsQueuePolicyStatement({ queueArn: QUEUE, topicArn: TOPIC })).toMatchObject({
      Principal: { Service: 'sns.amazonaws.com' },
      Action: 'sqs:SendMessage',
      Resource: QUEUE,
      Condition: { ArnEquals: { 'aws:SourceArn': TOPIC } },
    });
    expect(eventBridgeQueuePolicyStatement({ queueArn: QUEUE, ruleArn: 'arn:aws:events:us-east-1:111122223333:rule/r' })).toMatchObject({
      Principal: { Service: 'events.amazonaws.com' },
      Action: 'sqs:SendMessage',
      Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:events:us-east-1:111122223333:rule/r' } },
    });
  });
});

describe('mergePolicyStatements', () => {
  const consumers: PolicyStatement = { Sid: 'Consumers', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/worker' }, Action: 'sqs:ReceiveMessage', Resource: QUEUE };
  const ours = s3QueuePolicyStatement({ queueArn: QUEUE, bucket: 'photos' });

  test('appends to an existing policy and keeps its statements, Id and Version', () => {
    const existing = JSON.stringify({ Version: '2008-10-17', Id: `${QUEUE}/SQSDefaultPolicy`, Statement: [consumers] });
    const merged = mergePolicyStatements(existing, [ours]);
    expect(merged).toMatchObject({ changed: true, added: [ours.Sid], replaced: [] });
    expect(merged.policy).toEqual({ Version: '2008-10-17', Id: `${QUEUE}/SQSDefaultPolicy`, Statement: [consumers, ours] });
  });

  test('is idempotent, also when AWS reads the policy back with arrays and other key order', () => {
    const first = mergePolicyStatements(undefined, [ours]).policy;
    const readBack = JSON.stringify({
      Statement: [{ Condition: ours.Condition, Resource: [QUEUE], Action: ['sqs:SendMessage'], Principal: { Service: ['s3.amazonaws.com'] }, Effect: 'Allow', Sid: ours.Sid }],
      Version: '2012-10-17',
    });
    expect(mergePolicyStatements(first, [ours]).changed).toBe(false);
    expect(mergePolicyStatements(readBack, [ours]).changed).toBe(false);
  });

  test('replaces a different statement with the same Sid', () => {
    const stale = { ...ours, Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::old' } } };
    const merged = mergePolicyStatements({ Version: '2012-10-17', Statement: [stale, consumers] }, [ours]);
    expect(merged).toMatchObject({ changed: true, added: [], replaced: [ours.Sid] });
    expect(merged.policy.Statement).toEqual([ours, consumers]);
  });

  test('a single Statement object and an empty policy are read as lists', () => {
    expect(parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: consumers })).Statement).toEqual([consumers]);
    expect(parsePolicy('')).toEqual({ Version: '2012-10-17', Statement: [] });
    expect(() => parsePolicy('{not json')).toThrow(expect.objectContaining({ code: 'INVALID_POLICY' }));
  });

  test('sameStatement ignores "a" vs ["a"] and the case of actions and condition keys', () => {
    expect(sameStatement(ours, { ...ours, Action: ['sqs:sendmessage'], Condition: { StringEquals: { 'AWS:SourceAccount': '111122223333' }, ArnLike: { 'aws:sourcearn': ['arn:aws:s3:::photos'] } } })).toBe(true);
    expect(sameStatement(ours, { ...ours, Resource: 'arn:aws:sqs:us-east-1:111122223333:other' })).toBe(false);
  });

  test('property: merging keeps every unrelated statement of a random policy and is idempotent', () => {
    const statementArb = fc.record({
      Sid: fc.option(fc.stringMatching(/^[A-Za-z0-9]{1,12}$/), { nil: undefined }),
      Effect: fc.constantFrom<'Allow' | 'Deny'>('Allow', 'Deny'),
      Principal: fc.constantFrom<PolicyStatement['Principal']>('*', { AWS: '111122223333' }, { Service: 'sns.amazonaws.com' }),
      Action: fc.constantFrom('sqs:SendMessage', 'sqs:ReceiveMessage', ['sqs:DeleteMessage', 'sqs:ChangeMessageVisibility']),
      Resource: fc.constant(QUEUE),
    });
    fc.assert(
      fc.property(fc.uniqueArray(statementArb, { maxLength: 6, selector: (s) => s.Sid ?? Symbol() }), (statements) => {
        const existing = statements.filter((s) => s.Sid !== ours.Sid);
        const once = mergePolicyStatements({ Version: '2012-10-17', Statement: existing }, [ours]);
        expect(once.policy.Statement.slice(0, existing.length)).toEqual(existing);
        expect(once.policy.Statement).toContainEqual(ours);
        expect(mergePolicyStatements(once.policy, [ours]).changed).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

describe('evaluatePolicy', () => {
  const request = {
    principalService: 's3.amazonaws.com',
    action: 'sqs:SendMessage',
    resource: QUEUE,
    sourceArn: 'arn:aws:s3:::photos',
    sourceAccount: '111122223333',
  };

  test('the generated policy allows S3 for its bucket only', () => {
    const policy = s3QueuePolicy({ queueArn: QUEUE, bucket: 'photos' });
    expect(evaluatePolicy(policy, request)).toMatchObject({ allowed: true, deniedBy: undefined });
    expect(evaluatePolicy(policy, { ...request, sourceArn: 'arn:aws:s3:::other' }).allowed).toBe(false);
    expect(evaluatePolicy(policy, { ...request, sourceAccount: '999999999999' }).allowed).toBe(false);
    expect(evaluatePolicy(policy, { ...request, principalService: 'sns.amazonaws.com' }).allowed).toBe(false);
  });

  test('the user guide\'s form with a wildcard SourceArn (arn:aws:s3:*:*:bucket) and StringLike is understood', () => {
    const policy = {
      Version: '2012-10-17' as const,
      Statement: [
        {
          Effect: 'Allow' as const,
          Principal: { Service: 's3.amazonaws.com' },
          Action: ['SQS:SendMessage'],
          Resource: QUEUE,
          Condition: { StringLike: { 'aws:SourceArn': 'arn:aws:s3:*:*:photos' }, StringEquals: { 'aws:SourceAccount': '111122223333' } },
        },
      ],
    };
    expect(evaluatePolicy(policy, request).allowed).toBe(true);
  });

  test('an empty policy grants nothing; a Deny wins; unknown conditions are reported, not guessed', () => {
    expect(evaluatePolicy(undefined, request)).toMatchObject({ allowed: false, uncertain: [] });
    const withDeny = mergePolicyStatements(s3QueuePolicy({ queueArn: QUEUE, bucket: 'photos' }), [
      { Sid: 'NoS3', Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: '*' },
    ]).policy;
    expect(evaluatePolicy(withDeny, request)).toMatchObject({ allowed: false, deniedBy: 'NoS3' });
    const vpcOnly = { Version: '2012-10-17' as const, Statement: [{ Sid: 'Vpc', Effect: 'Allow' as const, Principal: '*' as const, Action: 'sqs:*', Resource: QUEUE, Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } } }] };
    expect(evaluatePolicy(vpcOnly, request)).toMatchObject({ allowed: false, uncertain: ['Vpc'] });
  });
});
