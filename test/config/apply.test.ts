/**
 * applyNotificationConfig / enableEventBridge against a client whose `send` records the commands
 * and returns recorded AWS responses (S3 has no local server here).
 */
import {
  AwsAccessDeniedError,
  DestinationValidationError,
  InvalidNotificationConfigError,
  NotificationOverlapError,
  S3ConfigError,
  applyNotificationConfig,
  enableEventBridge,
  getNotificationConfig,
  notificationConfig,
} from 's3-event-kit/config';
import { describe, expect, test } from 'vitest';
import { RECORDED_ERRORS, fakeS3Bucket, metadata, recordingClient } from './support/recording-client.js';

const QUEUE = 'arn:aws:sqs:us-east-1:111122223333:uploads';
const TOPIC = 'arn:aws:sns:us-east-1:111122223333:deletes';
const FUNCTION = 'arn:aws:lambda:us-east-1:111122223333:function:thumbs';

const existing = {
  LambdaFunctionConfigurations: [
    {
      Id: 'thumbs',
      LambdaFunctionArn: FUNCTION,
      Events: ['s3:ObjectCreated:*'],
      Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'images/' }, { Name: 'suffix', Value: '.jpg' }] } },
    },
  ],
  EventBridgeConfiguration: {},
};

const change = notificationConfig()
  .queue({ id: 'uploads', queueArn: QUEUE, events: ['s3:ObjectCreated:*'], prefix: 'uploads/' })
  .topic({ id: 'deletes', topicArn: TOPIC, events: ['s3:ObjectRemoved:*'] })
  .build();

describe('applyNotificationConfig (recording client, recorded S3 responses)', () => {
  test('reads, merges by Id, keeps the Lambda rule and EventBridge, writes once, returns the diff', async () => {
    const bucket = fakeS3Bucket(existing);

    const result = await applyNotificationConfig(bucket.client, 'photos', change);

    expect(bucket.client.calls.map((c) => c.name)).toEqual(['GetBucketNotificationConfigurationCommand', 'PutBucketNotificationConfigurationCommand']);
    expect(bucket.client.calls[0]?.input).toEqual({ Bucket: 'photos' });
    expect(bucket.client.calls[1]?.input).toEqual({
      Bucket: 'photos',
      NotificationConfiguration: {
        QueueConfigurations: change.QueueConfigurations,
        TopicConfigurations: change.TopicConfigurations,
        LambdaFunctionConfigurations: existing.LambdaFunctionConfigurations,
        EventBridgeConfiguration: {},
      },
    });
    expect(result).toMatchObject({ bucket: 'photos', written: true, changed: true, eventBridge: 'unchanged', replaced: [], removed: [] });
    expect(result.added.map((r) => r.id)).toEqual(['uploads', 'deletes']);
    expect(result.kept.map((r) => r.id)).toEqual(['thumbs']);
    expect(result.previous).toEqual(existing);
  });

  test('is idempotent: the second apply of the same change writes nothing (S3 reads back Prefix/Suffix)', async () => {
    const bucket = fakeS3Bucket(existing);
    await applyNotificationConfig(bucket.client, 'photos', change);

    const second = await applyNotificationConfig(bucket.client, 'photos', change);

    expect(second).toMatchObject({ written: false, changed: false, added: [], replaced: [], removed: [] });
    expect(bucket.client.calls.map((c) => c.name)).toEqual([
      'GetBucketNotificationConfigurationCommand',
      'PutBucketNotificationConfigurationCommand',
      'GetBucketNotificationConfigurationCommand',
    ]);
  });

  test('validates the merged result before writing: an overlap with an existing rule throws and writes nothing', async () => {
    const bucket = fakeS3Bucket(existing);
    const overlapping = notificationConfig().queue({ id: 'jpgs', queueArn: QUEUE, events: ['s3:ObjectCreated:Put'], prefix: 'images/2025/' }).build();

    const error = await applyNotificationConfig(bucket.client, 'photos', overlapping).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InvalidNotificationConfigError);
    expect(error).toMatchObject({ name: 'InvalidNotificationConfigError', code: 'INVALID_CONFIGURATION', resource: 'photos' });
    expect((error as InvalidNotificationConfigError).problems.map((p) => p.code)).toEqual(['OVERLAP']);
    expect((error as Error).message).toContain('queue rule "jpgs"');
    expect((error as Error).message).toContain('Lambda rule "thumbs"');
    expect(bucket.client.calls.map((c) => c.name)).toEqual(['GetBucketNotificationConfigurationCommand']);
  });

  test('mode "replace" is explicit: it drops the rules and the EventBridge switch the change does not hold', async () => {
    const bucket = fakeS3Bucket(existing);
    const result = await applyNotificationConfig(bucket.client, 'photos', change, { mode: 'replace' });
    expect(result.eventBridge).toBe('disabled');
    expect(result.removed.map((r) => r.id)).toEqual(['thumbs']);
    expect(bucket.stored()).toEqual({ QueueConfigurations: change.QueueConfigurations, TopicConfigurations: change.TopicConfigurations });
  });

  test('dryRun computes and validates but writes nothing; options reach the SDK input', async () => {
    const bucket = fakeS3Bucket({});
    const dry = await applyNotificationConfig(bucket.client, 'photos', change, { dryRun: true, expectedBucketOwner: '111122223333' });
    expect(dry).toMatchObject({ written: false, changed: true });
    expect(bucket.client.calls).toEqual([{ name: 'GetBucketNotificationConfigurationCommand', input: { Bucket: 'photos', ExpectedBucketOwner: '111122223333' } }]);

    await applyNotificationConfig(bucket.client, 'photos', change, { skipDestinationValidation: true, expectedBucketOwner: '111122223333' });
    expect(bucket.client.calls.at(-1)?.input).toMatchObject({ ExpectedBucketOwner: '111122223333', SkipDestinationValidation: true });
  });

  test('remove drops a rule by Id', async () => {
    const bucket = fakeS3Bucket(existing);
    const result = await applyNotificationConfig(bucket.client, 'photos', {}, { remove: ['thumbs'] });
    expect(result.removed.map((r) => r.id)).toEqual(['thumbs']);
    expect(bucket.stored()).toEqual({ EventBridgeConfiguration: {} });
  });

  test('maps the recorded "Configurations overlap" InvalidArgument to NotificationOverlapError, AWS message kept', async () => {
    const client = recordingClient({
      GetBucketNotificationConfigurationCommand: [{ $metadata: metadata() }],
      PutBucketNotificationConfigurationCommand: [RECORDED_ERRORS.overlap()],
    });
    const error = await applyNotificationConfig(client, 'photos', change).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotificationOverlapError);
    expect(error).toMatchObject({
      name: 'NotificationOverlapError',
      code: 'CONFIGURATIONS_OVERLAP',
      awsCode: 'InvalidArgument',
      awsMessage: 'Configurations overlap. Configurations on the same bucket cannot share a common event type.',
      operation: 'PutBucketNotificationConfiguration',
      resource: 'photos',
      httpStatus: 400,
    });
    expect((error as Error).cause).toMatchObject({ name: 'InvalidArgument', ArgumentName: 'Event' });
  });

  test('maps the recorded "ambiguously defined" InvalidArgument to NotificationOverlapError too', async () => {
    const client = recordingClient({
      GetBucketNotificationConfigurationCommand: [{ $metadata: metadata() }],
      PutBucketNotificationConfigurationCommand: [RECORDED_ERRORS.ambiguous()],
    });
    await expect(applyNotificationConfig(client, 'photos', change)).rejects.toBeInstanceOf(NotificationOverlapError);
  });

  test('maps the recorded destination validation failure to DestinationValidationError', async () => {
    const client = recordingClient({
      GetBucketNotificationConfigurationCommand: [{ $metadata: metadata() }],
      PutBucketNotificationConfigurationCommand: [RECORDED_ERRORS.destination()],
    });
    const error = await applyNotificationConfig(client, 'photos', change).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DestinationValidationError);
    expect(error).toMatchObject({ code: 'DESTINATION_VALIDATION_FAILED', awsMessage: 'Unable to validate the following destination configurations' });
    expect((error as Error).message).toContain('ensureQueuePolicy');
  });

  test('maps a recorded AccessDenied on the read to AwsAccessDeniedError naming s3:GetBucketNotification', async () => {
    const client = recordingClient({ GetBucketNotificationConfigurationCommand: [RECORDED_ERRORS.accessDenied()] });
    const error = await applyNotificationConfig(client, 'photos', change).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsAccessDeniedError);
    expect(error).toBeInstanceOf(S3ConfigError);
    expect(error).toMatchObject({ name: 'AwsAccessDeniedError', code: 'ACCESS_DENIED', awsCode: 'AccessDenied', awsMessage: 'Access Denied', httpStatus: 403 });
    expect((error as Error).message).toContain('s3:GetBucketNotification on photos');
  });

  test('maps a recorded AccessDenied on the write to AwsAccessDeniedError naming s3:PutBucketNotification', async () => {
    const client = recordingClient({
      GetBucketNotificationConfigurationCommand: [{ $metadata: metadata() }],
      PutBucketNotificationConfigurationCommand: [RECORDED_ERRORS.accessDenied()],
    });
    const error = await applyNotificationConfig(client, 'photos', change).catch((e: unknown) => e);
    expect((error as Error).message).toContain('s3:PutBucketNotification');
  });

  test('maps a recorded NoSuchBucket to code NOT_FOUND', async () => {
    const client = recordingClient({ GetBucketNotificationConfigurationCommand: [RECORDED_ERRORS.noSuchBucket()] });
    await expect(getNotificationConfig(client, 'missing-bucket')).rejects.toMatchObject({ name: 'S3ConfigError', code: 'NOT_FOUND', awsCode: 'NoSuchBucket' });
  });
});

describe('enableEventBridge (recording client, recorded S3 responses)', () => {
  test('adds EventBridgeConfiguration and keeps every rule', async () => {
    const bucket = fakeS3Bucket({ QueueConfigurations: change.QueueConfigurations });
    const result = await enableEventBridge(bucket.client, 'photos');
    expect(result).toMatchObject({ written: true, eventBridge: 'enabled' });
    expect(bucket.stored()).toEqual({ QueueConfigurations: change.QueueConfigurations, EventBridgeConfiguration: {} });
  });

  test('writes nothing when it is already on', async () => {
    const bucket = fakeS3Bucket({ EventBridgeConfiguration: {} });
    expect(await enableEventBridge(bucket.client, 'photos')).toMatchObject({ written: false, changed: false });
    expect(bucket.client.calls.map((c) => c.name)).toEqual(['GetBucketNotificationConfigurationCommand']);
  });
});
