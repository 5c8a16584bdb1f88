/**
 * Events for the dedupe/latestOnly/backfill tests, built by normalizing exact S3 records (so the
 * tests exercise the real `normalize`), independent of src/testing.
 */
import { encodeKey, normalize, type S3EventName, type S3ObjectEvent } from 's3-event-kit';

export interface EventOptions {
  readonly name?: S3EventName;
  readonly bucket?: string;
  /** Decoded key. */
  readonly key?: string;
  readonly sequencer?: string | null;
  readonly versionId?: string;
  readonly eTag?: string;
  readonly time?: string;
  readonly requestId?: string;
  /** Wrap in an SQS Lambda record with this message id. */
  readonly messageId?: string;
}

/** One normalized event from an exact S3 record (optionally carried by SQS). */
export function event(options: EventOptions = {}): S3ObjectEvent {
  const name = options.name ?? 'ObjectCreated:Put';
  const bucket = options.bucket ?? 'photos';
  const created = name.startsWith('ObjectCreated');
  const object: Record<string, unknown> = { key: encodeKey(options.key ?? 'uploads/red flower.jpg') };
  if (created) object['size'] = 1024;
  if (created || options.eTag !== undefined) object['eTag'] = options.eTag ?? 'd41d8cd98f00b204e9800998ecf8427e';
  if (options.versionId !== undefined) object['versionId'] = options.versionId;
  if (options.sequencer !== null) object['sequencer'] = options.sequencer ?? '0055AED6DCD90281E5';
  const record = {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: 'eu-west-1',
    eventTime: options.time ?? '2024-03-14T19:02:45.087Z',
    eventName: name,
    userIdentity: { principalId: 'AWS:AIDAINPONIXQXHT3IKHL2' },
    requestParameters: { sourceIPAddress: '203.0.113.7' },
    responseElements: { 'x-amz-request-id': options.requestId ?? 'C3D13FE58DE4C810', 'x-amz-id-2': 'FMyUVURIY8/IgAtTv8xRjsk=' },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'uploads',
      bucket: { name: bucket, ownerIdentity: { principalId: 'A3I5XTEXAMAI3E' }, arn: `arn:aws:s3:::${bucket}` },
      object,
    },
  };
  const message = { Records: [record] };
  const input =
    options.messageId === undefined
      ? message
      : {
          Records: [
            {
              messageId: options.messageId,
              receiptHandle: `AQEB-${options.messageId}`,
              body: JSON.stringify(message),
              attributes: {
                ApproximateReceiveCount: '1',
                SentTimestamp: '1710442965087',
                SenderId: 'AIDAJHIPRHEMV73VRJEBU',
                ApproximateFirstReceiveTimestamp: '1710442965099',
              },
              messageAttributes: {},
              md5OfBody: '00000000000000000000000000000000',
              eventSource: 'aws:sqs',
              eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:uploads',
              awsRegion: 'eu-west-1',
            },
          ],
        };
  const [only] = normalize(input);
  if (only === undefined) throw new Error('expected one event');
  return only;
}

/** A sequencer of 18 upper-case hex digits for a number. */
export function sequencer(n: number | bigint): string {
  return n.toString(16).toUpperCase().padStart(18, '0');
}

/** A controllable clock. */
export function clock(start = Date.UTC(2024, 2, 14)): { now: () => number; advance: (ms: number) => void } {
  let at = start;
  return { now: () => at, advance: (ms) => void (at += ms) };
}
