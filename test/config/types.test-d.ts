import type { Event, NotificationConfiguration, PutBucketNotificationConfigurationRequest } from '@aws-sdk/client-s3';
import { S3Client } from '@aws-sdk/client-s3';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import {
  notificationConfig,
  s3EventPattern,
  type AwsClientLike,
  type EventPattern,
  type S3ConfigEventName,
  type S3EventBridgeEventName,
  type S3EventBridgeEventPattern,
  type S3NotificationConfiguration,
} from 's3-event-kit/config';
import type { S3EventName, S3EventPattern } from 's3-event-kit';
import { describe, expectTypeOf, test } from 'vitest';

describe('s3-event-kit/config types', () => {
  test('configuration names are exactly the SDK Event enum', () => {
    expectTypeOf<S3ConfigEventName>().toEqualTypeOf<Event>();
  });

  test('every configuration name is a pattern of the one matcher', () => {
    expectTypeOf<S3ConfigEventName>().toMatchTypeOf<S3EventPattern>();
  });

  test('the builder rejects record names and empty event lists at compile time', () => {
    const queueArn = 'arn:aws:sqs:us-east-1:111122223333:q';
    notificationConfig().queue({ id: 'q', queueArn, events: ['s3:ObjectCreated:*'] });
    // @ts-expect-error a record name, not a configuration name
    notificationConfig().queue({ id: 'q', queueArn, events: ['ObjectCreated:Put'] });
    // @ts-expect-error S3 has no s3:ObjectAcl:* wildcard
    notificationConfig().queue({ id: 'q', queueArn, events: ['s3:ObjectAcl:*'] });
    // @ts-expect-error at least one event
    notificationConfig().queue({ id: 'q', queueArn, events: [] });
    // @ts-expect-error the Id is required (merging works by Id)
    notificationConfig().queue({ queueArn, events: ['s3:ObjectCreated:*'] });
  });

  test('the builder output can be handed to the SDK as is', () => {
    const config = notificationConfig().queue({ id: 'q', queueArn: 'arn:aws:sqs:us-east-1:1:q', events: ['s3:ObjectCreated:*'] }).build();
    expectTypeOf(config).toMatchTypeOf<NotificationConfiguration>();
    const request: PutBucketNotificationConfigurationRequest = { Bucket: 'b', NotificationConfiguration: config };
    expectTypeOf(request).not.toBeAny();
  });

  test("the SDK's configuration is accepted wherever a configuration is taken", () => {
    expectTypeOf<NotificationConfiguration>().toMatchTypeOf<S3NotificationConfiguration>();
  });

  test('SDK v3 clients are AwsClientLike', () => {
    expectTypeOf<S3Client>().toMatchTypeOf<AwsClientLike>();
    expectTypeOf<SQSClient>().toMatchTypeOf<AwsClientLike>();
    expectTypeOf<SNSClient>().toMatchTypeOf<AwsClientLike>();
    expectTypeOf<EventBridgeClient>().toMatchTypeOf<AwsClientLike>();
    expectTypeOf({ send: async (_command: { input: object }) => ({}) }).toMatchTypeOf<AwsClientLike>();
  });

  test('EventBridge names exclude the events EventBridge never carries', () => {
    expectTypeOf<'Replication:OperationFailedReplication'>().not.toMatchTypeOf<S3EventBridgeEventName>();
    expectTypeOf<'ReducedRedundancyLostObject'>().not.toMatchTypeOf<S3EventBridgeEventName>();
    expectTypeOf<'ObjectRemoved:DeleteMarkerCreated'>().toMatchTypeOf<S3EventBridgeEventName>();
    expectTypeOf<S3EventBridgeEventName>().toMatchTypeOf<S3EventName>();
    expectTypeOf<S3EventBridgeEventPattern>().toMatchTypeOf<S3EventPattern>();
    // @ts-expect-error EventBridge never carries replication events
    s3EventPattern({ events: ['Replication:*'] });
    s3EventPattern({ events: ['ObjectCreated:*', 's3:ObjectRemoved:DeleteMarkerCreated', '*'] });
  });

  test('an S3 pattern is an EventPattern', () => {
    expectTypeOf(s3EventPattern()).toMatchTypeOf<EventPattern>();
  });
});
