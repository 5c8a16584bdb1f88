/**
 * The real S3Client, with an HTTP handler that records each request and answers with recorded S3
 * responses (XML bodies as S3 sends them). This proves the SDK's own parsing meets the helpers:
 * `Prefix`/`Suffix` read back capitalised, the empty `EventBridgeConfiguration` element, and S3
 * error documents mapped to typed errors.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { AwsAccessDeniedError, NotificationOverlapError, applyNotificationConfig, getNotificationConfig, notificationConfig } from 's3-event-kit/config';
import { describe, expect, test } from 'vitest';

interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, unknown>;
  body: string;
}

interface RecordedResponse {
  status: number;
  body: string;
}

function s3WithRecordedHttp(responses: RecordedResponse[]) {
  const requests: RecordedRequest[] = [];
  const client = new S3Client({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    maxAttempts: 1,
    requestHandler: {
      async handle(request: { method: string; path: string; query?: Record<string, unknown>; body?: unknown }) {
        const body = typeof request.body === 'string' ? request.body : request.body instanceof Uint8Array ? Buffer.from(request.body).toString('utf8') : '';
        requests.push({ method: request.method, path: request.path, query: request.query ?? {}, body });
        const next = responses.shift();
        if (next === undefined) throw new Error(`unexpected request ${request.method} ${request.path}`);
        return {
          response: {
            statusCode: next.status,
            reason: next.status === 200 ? 'OK' : 'Error',
            headers: { 'content-type': 'application/xml', 'x-amz-request-id': 'C3D13FE58DE4C810', 'x-amz-id-2': 'FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S' },
            body: Readable.from([Buffer.from(next.body)]),
          },
        };
      },
    } as never,
  });
  return { client, requests };
}

const XML = '<?xml version="1.0" encoding="UTF-8"?>\n';
/** A configuration as S3 returns it: filter rule names capitalised, EventBridge as an empty element. */
const STORED = `${XML}<NotificationConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><QueueConfiguration><Id>uploads</Id><Queue>arn:aws:sqs:us-east-1:111122223333:uploads</Queue><Event>s3:ObjectCreated:*</Event><Filter><S3Key><FilterRule><Name>Prefix</Name><Value>uploads/</Value></FilterRule></S3Key></Filter></QueueConfiguration><EventBridgeConfiguration></EventBridgeConfiguration></NotificationConfiguration>`;
const EMPTY = `${XML}<NotificationConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>`;
const OVERLAP = `${XML}<Error><Code>InvalidArgument</Code><Message>Configurations overlap. Configurations on the same bucket cannot share a common event type.</Message><ArgumentName>Event</ArgumentName><ArgumentValue>null</ArgumentValue><RequestId>C3D13FE58DE4C810</RequestId><HostId>FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S</HostId></Error>`;
const DENIED = `${XML}<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>C3D13FE58DE4C810</RequestId><HostId>FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S</HostId></Error>`;

const uploads = notificationConfig()
  .queue({ id: 'uploads', queueArn: 'arn:aws:sqs:us-east-1:111122223333:uploads', events: ['s3:ObjectCreated:*'], prefix: 'uploads/' })
  .build();

describe('S3Client with recorded S3 HTTP responses', () => {
  test('reads a stored configuration: Prefix becomes prefix, EventBridge stays on, no $metadata', async () => {
    const { client, requests } = s3WithRecordedHttp([{ status: 200, body: STORED }]);
    const config = await getNotificationConfig(client, 'photos');
    expect(config).toEqual({ ...uploads, EventBridgeConfiguration: {} });
    expect(requests[0]).toMatchObject({ method: 'GET', query: { notification: '' } });
  });

  test('applying what is already stored sends only the GET (idempotent at the wire)', async () => {
    const { client, requests } = s3WithRecordedHttp([{ status: 200, body: STORED }]);
    const result = await applyNotificationConfig(client, 'photos', uploads);
    expect(result.written).toBe(false);
    expect(requests.map((r) => r.method)).toEqual(['GET']);
  });

  test('the PUT body keeps the EventBridgeConfiguration element and adds the new rule', async () => {
    const { client, requests } = s3WithRecordedHttp([
      { status: 200, body: STORED },
      { status: 200, body: '' },
    ]);
    const change = notificationConfig().topic({ id: 'deletes', topicArn: 'arn:aws:sns:us-east-1:111122223333:deletes', events: ['s3:ObjectRemoved:*'] }).build();
    await applyNotificationConfig(client, 'photos', change);
    const put = requests[1];
    expect(put?.method).toBe('PUT');
    expect(put?.body).toContain('<EventBridgeConfiguration');
    expect(put?.body).toContain('<Topic>arn:aws:sns:us-east-1:111122223333:deletes</Topic>');
    expect(put?.body).toContain('<Queue>arn:aws:sqs:us-east-1:111122223333:uploads</Queue>');
    expect(put?.body).toContain('<Name>prefix</Name><Value>uploads/</Value>');
  });

  test('S3\'s "Configurations overlap" error document becomes NotificationOverlapError with the AWS message', async () => {
    const { client } = s3WithRecordedHttp([
      { status: 200, body: EMPTY },
      { status: 400, body: OVERLAP },
    ]);
    const error = await applyNotificationConfig(client, 'photos', uploads).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotificationOverlapError);
    expect(error).toMatchObject({
      code: 'CONFIGURATIONS_OVERLAP',
      awsCode: 'InvalidArgument',
      awsMessage: 'Configurations overlap. Configurations on the same bucket cannot share a common event type.',
      httpStatus: 400,
    });
  });

  test("S3's AccessDenied error document becomes AwsAccessDeniedError", async () => {
    const { client } = s3WithRecordedHttp([{ status: 403, body: DENIED }]);
    await expect(getNotificationConfig(client, 'photos')).rejects.toBeInstanceOf(AwsAccessDeniedError);
  });
});
