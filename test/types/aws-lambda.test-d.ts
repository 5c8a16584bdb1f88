/** Values typed with @types/aws-lambda pass to normalize/parse without casts. */
import type {
  EventBridgeEvent,
  Handler,
  S3Event,
  S3NotificationEvent,
  SNSEvent,
  SQSEvent,
  SQSHandler,
  SQSBatchResponse,
} from 'aws-lambda';
import { describe, expectTypeOf, it } from 'vitest';
import { normalize, parse, parseMessages, type S3ObjectEvent } from 's3-event-kit';

declare const s3: S3Event;
declare const sqs: SQSEvent;
declare const sns: SNSEvent;
declare const eventBridge: EventBridgeEvent<'Object Created', unknown>;
declare const s3EventBridge: S3NotificationEvent;

describe('@types/aws-lambda inputs', () => {
  it('are accepted by normalize, parse and parseMessages', () => {
    expectTypeOf(normalize(s3)).toEqualTypeOf<S3ObjectEvent[]>();
    expectTypeOf(normalize(sqs)).toEqualTypeOf<S3ObjectEvent[]>();
    expectTypeOf(normalize(sns)).toEqualTypeOf<S3ObjectEvent[]>();
    expectTypeOf(normalize(eventBridge)).toEqualTypeOf<S3ObjectEvent[]>();
    expectTypeOf(normalize(s3EventBridge)).toEqualTypeOf<S3ObjectEvent[]>();
    expectTypeOf(parse(sqs).events).toEqualTypeOf<S3ObjectEvent[]>();
    expectTypeOf(parseMessages(sqs).messages[0]?.messageId).toEqualTypeOf<string | undefined>();
  });

  it('fit Lambda handler types', () => {
    const onS3: Handler<S3Event, void> = async (event) => {
      for (const e of normalize(event)) expectTypeOf(e.key).toEqualTypeOf<string>();
    };
    const onSqs: SQSHandler = async (event): Promise<SQSBatchResponse> => {
      const { failures } = parse(event);
      return { batchItemFailures: failures.map((f) => ({ itemIdentifier: f.messageId ?? '' })) };
    };
    expectTypeOf(onS3).toBeFunction();
    expectTypeOf(onSqs).toBeFunction();
  });
});
