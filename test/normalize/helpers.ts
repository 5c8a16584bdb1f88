/**
 * Inline builders of exact AWS payloads for the normalizer's tests. Shapes follow
 * shared/research/event-shapes.md (§1 records, §3 test event, §6 EventBridge, §7 envelopes).
 * Deliberately independent of src/testing: these tests check the library, not its factories.
 */
import { readFileSync } from 'node:fs';

/** Reads a fixture copied from shared/fixtures, as text. */
export function fixtureText(name: string): string {
  return readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
}

/** Reads and parses a fixture. */
export function fixture(name: string): Record<string, unknown> {
  return JSON.parse(fixtureText(name)) as Record<string, unknown>;
}

export interface RecordOptions {
  readonly eventName?: string;
  readonly key?: string;
  readonly bucket?: string;
  readonly object?: Record<string, unknown>;
  readonly extra?: Record<string, unknown>;
}

/** One S3 notification record (event version 2.1), as S3 sends it; `key` is the raw (encoded) key. */
export function s3Record(options: RecordOptions = {}): Record<string, unknown> {
  const bucket = options.bucket ?? 'photos';
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: 'eu-west-1',
    eventTime: '2024-03-14T19:02:45.087Z',
    eventName: options.eventName ?? 'ObjectCreated:Put',
    userIdentity: { principalId: 'AWS:AIDAINPONIXQXHT3IKHL2' },
    requestParameters: { sourceIPAddress: '203.0.113.7' },
    responseElements: { 'x-amz-request-id': 'C3D13FE58DE4C810', 'x-amz-id-2': 'FMyUVURIY8/IgAtTv8xRjsk=' },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'ZDM3MGVjY2MtZTlmNC00ZTk0LThiNjItMWJiNTMwOTYwY2Rl',
      bucket: { name: bucket, ownerIdentity: { principalId: 'A3I5XTEXAMAI3E' }, arn: `arn:aws:s3:::${bucket}` },
      object: options.object ?? {
        key: options.key ?? 'uploads/red+flower.jpg',
        size: 1024,
        eTag: 'd41d8cd98f00b204e9800998ecf8427e',
        sequencer: '0055AED6DCD90281E5',
      },
    },
    ...options.extra,
  };
}

/** The S3 notification message `{ Records }`. */
export function s3Message(...records: Record<string, unknown>[]): { Records: Record<string, unknown>[] } {
  return { Records: records.length === 0 ? [s3Record()] : records };
}

/** The `s3:TestEvent` message (UG-ECS). */
export function testEvent(bucket = 'photos'): Record<string, unknown> {
  return {
    Service: 'Amazon S3',
    Event: 's3:TestEvent',
    Time: '2014-10-13T15:57:02.089Z',
    Bucket: bucket,
    RequestId: '5582815E1AEA5ADF',
    HostId: '8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE',
  };
}

/** One record of an SQS Lambda event (§7.3). */
export function sqsRecord(messageId: string, body: string): Record<string, unknown> {
  return {
    messageId,
    receiptHandle: `AQEB-${messageId}`,
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '1710442965100',
      SenderId: 'AROA4R74ZO52XAB5OD7T4:S3-PROD-END',
      ApproximateFirstReceiveTimestamp: '1710442965110',
    },
    messageAttributes: {},
    md5OfBody: '16f4460f4477d8d693a5abe94fdbbd73',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:uploads',
    awsRegion: 'eu-west-1',
  };
}

/** The SQS Lambda event. */
export function sqsEvent(...records: Record<string, unknown>[]): { Records: Record<string, unknown>[] } {
  return { Records: records };
}

/** A message of the SQS `ReceiveMessage` API (§7.2). */
export function sqsApiMessage(messageId: string, body: string): Record<string, unknown> {
  return { MessageId: messageId, ReceiptHandle: `AQEB-${messageId}`, MD5OfBody: '16f4460f4477d8d693a5abe94fdbbd73', Body: body };
}

/**
 * The SNS notification JSON as an SQS body (§7.4): `…URL` casing, no `Subject` unless given,
 * pretty-printed with `"Type" : "Notification"` like the recordings.
 */
export function snsJson(messageId: string, message: string): string {
  const notification = {
    Type: 'Notification',
    MessageId: messageId,
    TopicArn: 'arn:aws:sns:eu-west-1:123456789012:uploads',
    Subject: 'Amazon S3 Notification',
    Message: message,
    Timestamp: '2024-03-14T19:02:45.301Z',
    SignatureVersion: '1',
    Signature: 'tEo2i6Lw6/Dr7Jdlulh0sXgnkF0idd3hqs8QZCorQpzkIWVOuu583NT0Gv0epuZD1Bo==',
    SigningCertURL: 'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-010a507c1833636cd94bdb98bd93083a.pem',
    UnsubscribeURL: 'https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:eu-west-1:123456789012:uploads:15189ad7',
  };
  return JSON.stringify(notification, null, 2).replace(/": /g, '" : ');
}

/** One record of an SNS Lambda event (§7.6); `casing` picks `SigningCertUrl` (recorded) or `SigningCertURL`. */
export function snsRecord(messageId: string, message: string, casing: 'Url' | 'URL' = 'Url'): Record<string, unknown> {
  return {
    EventSource: 'aws:sns',
    EventVersion: '1.0',
    EventSubscriptionArn: 'arn:aws:sns:eu-west-1:123456789012:uploads:e3ddc7d5-2f86-40b8-a13d-3362f94fd8dd',
    Sns: {
      Type: 'Notification',
      MessageId: messageId,
      TopicArn: 'arn:aws:sns:eu-west-1:123456789012:uploads',
      Subject: 'Amazon S3 Notification',
      Message: message,
      Timestamp: '2024-03-14T19:02:45.301Z',
      SignatureVersion: '1',
      Signature: 'UWnPpkqPAphyr+6PXzUF9++4zJcw==',
      [`SigningCert${casing}`]: 'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-a86cb10b4e1f29c941702d737128f7b6.pem',
      [`Unsubscribe${casing}`]: 'https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe',
      MessageAttributes: {},
    },
  };
}

/** The SNS Lambda event. */
export function snsEvent(...records: Record<string, unknown>[]): { Records: Record<string, unknown>[] } {
  return { Records: records };
}

/** An EventBridge S3 event (§6.2) with the given detail-type and detail fields on top of a PutObject detail. */
export function eventBridge(detailType = 'Object Created', detail: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: '0',
    id: '17793124-05d4-b198-2fde-7ededc63b103',
    'detail-type': detailType,
    source: 'aws.s3',
    account: '111122223333',
    time: '2021-11-12T00:00:00Z',
    region: 'ca-central-1',
    resources: ['arn:aws:s3:::photos'],
    detail: {
      version: '0',
      bucket: { name: 'photos' },
      object: { key: 'example-key', size: 5, etag: 'b1946ac92492d2347c6235b4d2611184', sequencer: '00617F08299329D189' },
      'request-id': 'N4N7GDK58NMKJ12R',
      requester: '123456789012',
      'source-ip-address': '1.2.3.4',
      reason: 'PutObject',
      ...detail,
    },
  };
}

/** A deep copy with every object frozen. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  }
  return value;
}

/** The error `fn` throws (fails the test when it returns). */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}
