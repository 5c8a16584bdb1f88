/**
 * The envelopes SQS and SNS put around an S3 event: Lambda event shapes, the SQS API message and
 * the SNS notification JSON.
 * @module
 */

/**
 * An SQS message attribute as Lambda presents it (camelCase keys; the list values are reserved and unused).
 *
 * @example
 * ```ts
 * import type { SqsLambdaMessageAttribute } from 's3-event-kit';
 * const attribute: SqsLambdaMessageAttribute = { stringValue: 'uploads', dataType: 'String' };
 * ```
 * @category Events
 */
export interface SqsLambdaMessageAttribute {
  stringValue?: string | undefined;
  binaryValue?: string | undefined;
  stringListValues?: string[] | undefined;
  binaryListValues?: string[] | undefined;
  dataType: string;
}

/**
 * One record of an SQS event source mapping's Lambda event (`eventSource: "aws:sqs"`).
 *
 * @example
 * ```ts
 * import type { SqsLambdaRecord } from 's3-event-kit';
 * declare const record: SqsLambdaRecord;
 * Number(record.attributes.ApproximateReceiveCount);
 * ```
 * @category Events
 */
export interface SqsLambdaRecord {
  messageId: string;
  receiptHandle: string;
  /** The message body: for S3 roads a JSON string. */
  body: string;
  /** All values are strings, timestamps included (epoch milliseconds). */
  attributes: {
    ApproximateReceiveCount: string;
    SentTimestamp: string;
    SenderId: string;
    ApproximateFirstReceiveTimestamp: string;
    AWSTraceHeader?: string | undefined;
    DeadLetterQueueSourceArn?: string | undefined;
    MessageGroupId?: string | undefined;
    MessageDeduplicationId?: string | undefined;
    SequenceNumber?: string | undefined;
  };
  messageAttributes: Record<string, SqsLambdaMessageAttribute>;
  md5OfBody: string;
  md5OfMessageAttributes?: string | null | undefined;
  eventSource: 'aws:sqs';
  eventSourceARN: string;
  awsRegion: string;
}

/**
 * The Lambda event of an SQS event source mapping.
 *
 * @example
 * ```ts
 * import type { SqsLambdaEvent } from 's3-event-kit';
 * export const handler = async (event: SqsLambdaEvent) => event.Records.map((r) => r.messageId);
 * ```
 * @category Events
 */
export interface SqsLambdaEvent {
  Records: SqsLambdaRecord[];
}

/**
 * A message returned by the SQS `ReceiveMessage` API (SDK v3 `Message`).
 *
 * @example
 * ```ts
 * import type { SqsMessage } from 's3-event-kit';
 * const message: SqsMessage = { MessageId: 'm1', ReceiptHandle: 'r1', Body: '{"Records":[]}' };
 * ```
 * @category Events
 */
export interface SqsMessage {
  MessageId?: string | undefined;
  ReceiptHandle?: string | undefined;
  MD5OfBody?: string | undefined;
  Body?: string | undefined;
  Attributes?: Record<string, string> | undefined;
  MD5OfMessageAttributes?: string | undefined;
  MessageAttributes?: Record<string, unknown> | undefined;
}

/**
 * The result of `ReceiveMessage`: `{ Messages: [...] }`.
 *
 * @example
 * ```ts
 * import type { ReceiveMessageResult } from 's3-event-kit';
 * const empty: ReceiveMessageResult = { Messages: [] };
 * ```
 * @category Events
 */
export interface ReceiveMessageResult {
  Messages?: SqsMessage[] | undefined;
}

/**
 * The SNS notification JSON: the SQS body of an SNS subscription without raw delivery (keys
 * `SigningCertURL` / `UnsubscribeURL`) and the `Sns` object of the Lambda event
 * (`SigningCertUrl` / `UnsubscribeUrl`). Both casings are accepted.
 *
 * @example
 * ```ts
 * import type { SnsNotification } from 's3-event-kit';
 * declare const sns: SnsNotification;
 * JSON.parse(sns.Message);
 * ```
 * @category Events
 */
export interface SnsNotification {
  Type: 'Notification';
  MessageId: string;
  TopicArn: string;
  /** `"Amazon S3 Notification"` for S3; absent (SQS form) or `null` (Lambda form) when unset. */
  Subject?: string | null | undefined;
  /** The published message: for S3 roads a JSON string. */
  Message: string;
  Timestamp: string;
  SignatureVersion?: string | undefined;
  Signature?: string | undefined;
  SigningCertURL?: string | undefined;
  UnsubscribeURL?: string | undefined;
  SigningCertUrl?: string | undefined;
  UnsubscribeUrl?: string | undefined;
  MessageAttributes?: Record<string, { Type: string; Value: string }> | undefined;
}

/**
 * One record of the Lambda event of an SNS subscription (`EventSource: "aws:sns"`).
 *
 * @example
 * ```ts
 * import type { SnsLambdaRecord } from 's3-event-kit';
 * declare const record: SnsLambdaRecord;
 * record.Sns.MessageId;
 * ```
 * @category Events
 */
export interface SnsLambdaRecord {
  EventSource: 'aws:sns';
  EventVersion: string;
  EventSubscriptionArn: string;
  Sns: SnsNotification;
}

/**
 * The Lambda event of an SNS subscription.
 *
 * @example
 * ```ts
 * import type { SnsLambdaEvent } from 's3-event-kit';
 * export const handler = async (event: SnsLambdaEvent) => event.Records[0]?.Sns.Message;
 * ```
 * @category Events
 */
export interface SnsLambdaEvent {
  Records: SnsLambdaRecord[];
}
