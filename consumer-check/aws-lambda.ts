// A user's unit test of @types/aws-lambda-typed code: the testing factories' payloads pass as
// SQSEvent, S3Event, SNSEvent and EventBridgeEvent, and a subscription is each road's handler
// type, without casts. Type-checked (not run) under a strict and a loose tsconfig.
import type {
  EventBridgeEvent,
  EventBridgeHandler,
  KinesisStreamHandler,
  S3Event,
  S3Handler,
  SNSEvent,
  SNSHandler,
  SQSEvent,
  SQSHandler,
} from 'aws-lambda';
import { subscribe } from 's3-event-kit';
import { asEventBridge, asS3Event, asSns, asSqs, s3Record, sqsRecord, testEvent } from 's3-event-kit/testing';

const record = s3Record({ key: 'photos/cat.jpg', seed: 'consumer' });
export const s3: S3Event = asS3Event(record);
export const sqs: SQSEvent = asSqs(asS3Event(record), { seed: 'consumer' });
export const sqsBatch: SQSEvent = { Records: [sqsRecord(testEvent({ seed: 1 }), { seed: 1 }), sqsRecord('x', { seed: 2 })] };
export const sns: SNSEvent = asSns(asS3Event(record), { seed: 'consumer' });
export const rule: EventBridgeEvent<'Object Created', unknown> = asEventBridge(record, { seed: 'consumer' });

const subscription = subscribe({ events: ['ObjectCreated:*'] }, async (event) => {
  console.log(event.key, event.size);
});
export const onS3: S3Handler = subscription;
export const onSqs: SQSHandler = subscription;
export const onSns: SNSHandler = subscription;
export const onRule: EventBridgeHandler<'Object Created', unknown, void> = subscription;
export const onStream: KinesisStreamHandler = subscription;
export const answer: Promise<{ batchItemFailures: Array<{ itemIdentifier: string }> }> = subscription(sqs);
export const nothing: Promise<void> = subscription(s3);
