/** Real payloads to mutate: every JSON fixture, and each S3 payload wrapped on every road. */
import { readdirSync, readFileSync } from 'node:fs';

const dir = new URL('../test/fixtures/', import.meta.url);

const sqsRecord = (body: string, id: number): unknown => ({
  messageId: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
  receiptHandle: 'AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a',
  body,
  attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1545082649183', SenderId: 'AIDAIENQZJOLO23YVJ4VO', ApproximateFirstReceiveTimestamp: '1545082649185' },
  messageAttributes: {},
  md5OfBody: 'e4e68fb7bd0e697a0ae8f1bb342846b3',
  eventSource: 'aws:sqs',
  eventSourceARN: 'arn:aws:sqs:us-east-2:123456789012:my-queue',
  awsRegion: 'us-east-2',
});

const snsJson = (message: string): string =>
  JSON.stringify(
    {
      Type: 'Notification',
      MessageId: 'f7bdc1b0-8c5c-5d0a-8d45-1c5e2f9b1a11',
      TopicArn: 'arn:aws:sns:us-east-2:123456789012:s3-events',
      Subject: 'Amazon S3 Notification',
      Message: message,
      Timestamp: '2024-03-14T19:02:45.123Z',
      SignatureVersion: '1',
      Signature: 'EXAMPLE',
      SigningCertURL: 'https://sns.us-east-2.amazonaws.com/SimpleNotificationService-0000.pem',
      UnsubscribeURL: 'https://sns.us-east-2.amazonaws.com/?Action=Unsubscribe',
    },
    null,
    2,
  ).replace(/": /g, '" : ');

export function loadSeeds(): unknown[] {
  const fixtures = readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as unknown);
  const origins = fixtures.filter((value) => {
    const record = (value as { Records?: Array<{ eventSource?: string }> }).Records?.[0];
    return record?.eventSource === 'aws:s3' || (value as { source?: string }).source === 'aws.s3';
  });
  const testEvent = { Service: 'Amazon S3', Event: 's3:TestEvent', Time: '2014-10-13T15:57:02.089Z', Bucket: 'b', RequestId: '5582815E1AEA5ADF', HostId: 'h' };
  const wrapped = [...origins, testEvent].flatMap((origin, index) => {
    const body = JSON.stringify(origin);
    return [
      { Records: [sqsRecord(body, index), sqsRecord(snsJson(body), index + 1000)] },
      { Messages: [{ MessageId: `m-${index}`, ReceiptHandle: 'r', Body: snsJson(body) }] },
      { Records: [{ EventSource: 'aws:sns', EventVersion: '1.0', EventSubscriptionArn: 'arn:aws:sns:us-east-2:123456789012:s3-events:1', Sns: { ...(JSON.parse(snsJson(body)) as object), Subject: null } }] },
    ];
  });
  return [...fixtures, testEvent, ...wrapped];
}
