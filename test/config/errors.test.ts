import { SNSServiceException } from '@aws-sdk/client-sns';
import { SQSServiceException } from '@aws-sdk/client-sqs';
import fc from 'fast-check';
import {
  AwsAccessDeniedError,
  NotificationOverlapError,
  S3ConfigError,
  isS3ConfigError,
  toS3ConfigError,
  validateNotificationConfig,
  type S3NotificationConfiguration,
} from 's3-event-kit/config';
import { describe, expect, test } from 'vitest';
import { RECORDED_ERRORS, metadata } from './support/recording-client.js';

describe('toS3ConfigError', () => {
  test('keeps a stable name, the AWS code and message, the operation and the original error', () => {
    const original = RECORDED_ERRORS.overlap();
    const error = toS3ConfigError(original, { operation: 'PutBucketNotificationConfiguration', resource: 'photos' });
    expect(error).toBeInstanceOf(NotificationOverlapError);
    expect(error).toBeInstanceOf(S3ConfigError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('NotificationOverlapError');
    expect(error.cause).toBe(original);
    expect(error.message).toContain('Configurations overlap. Configurations on the same bucket cannot share a common event type.');
    expect(error.message).toContain('validateNotificationConfig()');
  });

  test('SQS and SNS access-denied errors become AwsAccessDeniedError naming the IAM action', () => {
    const sqsDenied = new SQSServiceException({ name: 'AccessDeniedException', $fault: 'client', $metadata: metadata(403), message: 'Access to the resource https://sqs.us-east-1.amazonaws.com/111122223333/uploads is denied.' });
    const snsDenied = new SNSServiceException({ name: 'AuthorizationErrorException', $fault: 'client', $metadata: metadata(403), message: 'User is not authorized to perform: SNS:SetTopicAttributes' });
    const a = toS3ConfigError(sqsDenied, { operation: 'SetQueueAttributes', resource: 'https://sqs.us-east-1.amazonaws.com/111122223333/uploads' });
    const b = toS3ConfigError(snsDenied, { operation: 'SetTopicAttributes' });
    expect(a).toBeInstanceOf(AwsAccessDeniedError);
    expect(a.message).toContain('sqs:SetQueueAttributes');
    expect(b).toBeInstanceOf(AwsAccessDeniedError);
    expect(b.message).toContain('sns:SetTopicAttributes');
  });

  test('a bare HTTP 403 is access denied too; other AWS errors keep their code', () => {
    expect(toS3ConfigError(Object.assign(new Error('Forbidden'), { name: 'Unknown', $metadata: { httpStatusCode: 403 } }), { operation: 'X' })).toBeInstanceOf(AwsAccessDeniedError);
    expect(toS3ConfigError(Object.assign(new Error('Slow down'), { name: 'SlowDown', $metadata: { httpStatusCode: 503 } }), { operation: 'X' })).toMatchObject({
      code: 'AWS_ERROR',
      awsCode: 'SlowDown',
      httpStatus: 503,
    });
    expect(toS3ConfigError(Object.assign(new Error('bad'), { name: 'InvalidArgument', $metadata: {} }), { operation: 'X' })).toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  test('non-AWS errors are wrapped; S3ConfigErrors pass through', () => {
    const network = toS3ConfigError(new Error('socket hang up'), { operation: 'GetBucketNotificationConfiguration', resource: 'photos' });
    expect(network).toMatchObject({ name: 'S3ConfigError', code: 'AWS_ERROR', awsCode: undefined, message: 'GetBucketNotificationConfiguration on photos failed: socket hang up' });
    const mine = new S3ConfigError('x', { code: 'INVALID_INPUT' });
    expect(toS3ConfigError(mine, { operation: 'X' })).toBe(mine);
  });

  test('isS3ConfigError recognises errors from another copy of the package by name and code', () => {
    const foreign = Object.assign(new Error('x'), { name: 'NotificationOverlapError', code: 'CONFIGURATIONS_OVERLAP' });
    expect(isS3ConfigError(foreign)).toBe(true);
    expect(isS3ConfigError(new Error('x'))).toBe(false);
    expect(isS3ConfigError({ name: 'S3ConfigError', code: 'X' })).toBe(false);
  });
});

describe('validateNotificationConfig never throws', () => {
  test('property: any JSON-ish input gives a list of problems', () => {
    const junk = fc.oneof(fc.anything(), fc.record({ QueueConfigurations: fc.array(fc.anything()) }), fc.record({ TopicConfigurations: fc.array(fc.dictionary(fc.constantFrom('Id', 'TopicArn', 'Events', 'Filter'), fc.anything())) }));
    fc.assert(
      fc.property(junk, (value) => {
        expect(Array.isArray(validateNotificationConfig((value ?? {}) as S3NotificationConfiguration))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
