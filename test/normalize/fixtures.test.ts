/**
 * Every real-JSON sample of test/fixtures (copied from shared/fixtures), with exact expected fields
 * or the exact failure. The decision for each sample that carries an author mistake is recorded in
 * docs/fixtures.md.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalize, parse, type S3EventParseError } from 's3-event-kit';
import { fixture, fixtureText } from './helpers.js';

function recordsOf(name: string): unknown[] {
  return fixture(name)['Records'] as unknown[];
}

function onlyFailure(input: unknown): Pick<S3EventParseError, 'name' | 'code' | 'path' | 'messageId'> {
  const { events, testEvents, failures } = parse(input);
  expect(events).toEqual([]);
  expect(testEvents).toEqual([]);
  expect(failures).toHaveLength(1);
  const [failure] = failures as [S3EventParseError];
  return { name: failure.name, code: failure.code, path: failure.path, messageId: failure.messageId };
}

/** The fixture with one object field replaced, to check the rest of a sample that fails on that field. */
function withObjectField(name: string, field: string, value: unknown): unknown {
  const message = fixture(name) as { Records: { s3: { object: Record<string, unknown> } }[] };
  const record = message.Records[0]!;
  return { Records: [{ ...record, s3: { ...record.s3, object: { ...record.s3.object, [field]: value } } }] };
}

const EXAMPLE_IDENTITY = { requester: 'EXAMPLE', sourceIp: '127.0.0.1' } as const;

describe('S3 → Lambda samples', () => {
  it('aws-lambda-go__s3-event.json: the non-hex "Happy Sequencer" is an INVALID_FIELD failure', () => {
    expect(onlyFailure(fixture('aws-lambda-go__s3-event.json'))).toEqual({
      name: 'S3EventParseError',
      code: 'INVALID_FIELD',
      path: 'Records[0].s3.object.sequencer',
      messageId: undefined,
    });
    expect(() => normalize(fixture('aws-lambda-go__s3-event.json'))).toThrow(/hexadecimal sequencer/);
  });

  it('aws-lambda-go__s3-event.json with a hex sequencer: every other field reads as AWS would send it', () => {
    const input = withObjectField('aws-lambda-go__s3-event.json', 'sequencer', '0A1B2C3D4E5F678901');
    expect(normalize(input)).toEqual([
      {
        name: 'ObjectCreated:Put',
        type: 'ObjectCreated',
        bucket: 'sourcebucket', // bucket.name wins over the mismatching ARN
        key: 'HappyFace.jpg',
        rawKey: 'HappyFace.jpg',
        size: 1024,
        eTag: 'd41d8cd98f00b204e9800998ecf8427e',
        versionId: 'version',
        sequencer: '0A1B2C3D4E5F678901',
        time: '1970-01-01T00:00:00.123Z',
        region: 'us-east-1',
        ...EXAMPLE_IDENTITY,
        requestId: 'C3D13FE58DE4C810',
        via: ['s3'],
        record: (input as { Records: unknown[] }).Records[0],
      },
    ]);
  });

  it('aws-lambda-go__s3-event-with-decoded.json: fails on its sequencer, and its %20 key decodes to a space', () => {
    expect(onlyFailure(fixture('aws-lambda-go__s3-event-with-decoded.json'))).toEqual({
      name: 'S3EventParseError',
      code: 'INVALID_FIELD',
      path: 'Records[0].s3.object.sequencer',
      messageId: undefined,
    });
    const [event] = normalize(withObjectField('aws-lambda-go__s3-event-with-decoded.json', 'sequencer', '0A'));
    expect(event).toMatchObject({ key: 'Happy Face.jpg', rawKey: 'Happy%20Face.jpg', size: 1024, versionId: 'version' });
    // urlDecodedKey is not an AWS field: it is ignored, and left untouched in the record.
    expect(event).not.toHaveProperty('urlDecodedKey');
    expect((event?.record as unknown as { s3: { object: Record<string, unknown> } }).s3.object['urlDecodedKey']).toBe('Happy Face.jpg');
  });

  it('aws-lambda-rust-runtime__example-s3-event.json: fails on its sequencer like the Go sample', () => {
    expect(onlyFailure(fixtureText('aws-lambda-rust-runtime__example-s3-event.json'))).toEqual({
      name: 'S3EventParseError',
      code: 'INVALID_FIELD',
      path: 'Records[0].s3.object.sequencer',
      messageId: undefined,
    });
    const [event] = normalize(withObjectField('aws-lambda-rust-runtime__example-s3-event.json', 'sequencer', undefined));
    expect(event).toMatchObject({ key: 'Happy Face.jpg', rawKey: 'Happy%20Face.jpg', sequencer: undefined });
  });

  it('aws-lambda-go__s3-glacier-event.json: the s3: prefix is dropped, %2D decodes, glacierEventData is read', () => {
    const input = fixture('aws-lambda-go__s3-glacier-event.json');
    expect(normalize(input)).toEqual([
      {
        name: 'ObjectRestore:Completed',
        type: 'ObjectRestore',
        bucket: 'example-bucket',
        key: 'glacier-test.txt',
        rawKey: 'glacier%2Dtest.txt',
        size: 1024,
        eTag: '0123456789abcdef0123456789abcdef',
        versionId: 'abcdeH0Xp66ep__QDjR76LK7Gc9X4wKO',
        sequencer: '0A1B2C3D4E5F678901',
        time: '2023-05-10T15:00:00.123Z',
        region: 'us-west-2',
        ...EXAMPLE_IDENTITY,
        requestId: 'EXAMPLE123456789',
        restoreExpiryTime: '2023-05-17T15:00:00.456Z',
        sourceStorageClass: 'STANDARD',
        via: ['s3'],
        record: recordsOf('aws-lambda-go__s3-glacier-event.json')[0],
      },
    ]);
    // The record stays untouched: it still carries the author's prefix.
    expect((normalize(input)[0]?.record as { eventName: string }).eventName).toBe('s3:ObjectRestore:Completed');
  });

  it('aws-lambda-dotnet__s3-event.json: two records, the second key form-decoded (New+File.jpg)', () => {
    const records = recordsOf('aws-lambda-dotnet__s3-event.json');
    const common = {
      name: 'ObjectCreated:Put',
      type: 'ObjectCreated',
      bucket: 'sourcebucket',
      size: 1024,
      eTag: '0123456789abcdef0123456789abcdef',
      versionId: undefined,
      sequencer: '0A1B2C3D4E5F678901',
      time: '1970-01-01T00:00:00.000Z',
      region: 'us-east-1',
      ...EXAMPLE_IDENTITY,
      requestId: 'EXAMPLE123456789',
      via: ['s3'],
    };
    expect(normalize(fixtureText('aws-lambda-dotnet__s3-event.json'))).toEqual([
      { ...common, key: 'HappyFace.jpg', rawKey: 'HappyFace.jpg', record: records[0] },
      { ...common, key: 'New File.jpg', rawKey: 'New+File.jpg', record: records[1] },
    ]);
  });

  it('aws-lambda-java-libs__s3_event.json: versionId "" reads as absent, the unencoded / is kept', () => {
    const [event] = normalize(fixture('aws-lambda-java-libs__s3_event.json'));
    expect(event).toEqual({
      name: 'ObjectCreated:Put',
      type: 'ObjectCreated',
      bucket: 'example-bucket',
      key: 'test/key',
      rawKey: 'test/key',
      size: 1024,
      eTag: '0123456789abcdef0123456789abcdef',
      sequencer: '0A1B2C3D4E5F678901',
      time: '1970-01-01T00:00:00.000Z',
      region: 'eu-central-1',
      ...EXAMPLE_IDENTITY,
      requestId: 'EXAMPLE123456789',
      via: ['s3'],
      record: recordsOf('aws-lambda-java-libs__s3_event.json')[0],
    });
    expect(event?.versionId).toBeUndefined();
  });

  it('powertools-python__s3Event.json: an unversioned put', () => {
    expect(normalize(fixture('powertools-python__s3Event.json'))).toEqual([
      {
        name: 'ObjectCreated:Put',
        type: 'ObjectCreated',
        bucket: 'lambda-artifacts-deafc19498e3f2df',
        key: 'b21b84d653bb07b05b1e6b33684dc11b',
        rawKey: 'b21b84d653bb07b05b1e6b33684dc11b',
        size: 1305107,
        eTag: 'b21b84d653bb07b05b1e6b33684dc11b',
        versionId: undefined,
        sequencer: '0C0F6F405D6ED209E1',
        time: '2019-09-03T19:37:27.192Z',
        region: 'us-east-2',
        requester: 'AWS:AIDAINPONIXQXHT3IKHL2',
        sourceIp: '205.255.255.255',
        requestId: 'D82B88E5F771F645',
        via: ['s3'],
        record: recordsOf('powertools-python__s3Event.json')[0],
      },
    ]);
  });

  it('powertools-python__s3EventDeleteObject.json: a permanent delete, no size and no eTag', () => {
    const [event] = normalize(fixtureText('powertools-python__s3EventDeleteObject.json'));
    expect(event).toEqual({
      name: 'ObjectRemoved:Delete',
      type: 'ObjectRemoved',
      deletionType: 'Permanently Deleted',
      bucket: 'lambda-artifacts-deafc19498e3f2df',
      key: 'b21b84d653bb07b05b1e6b33684dc11b',
      rawKey: 'b21b84d653bb07b05b1e6b33684dc11b',
      sequencer: '0C0F6F405D6ED209E1',
      time: '2019-09-03T19:37:27.192Z',
      region: 'us-east-2',
      requester: 'AWS:AIDAINPONIXQXHT3IKHL2',
      sourceIp: '205.255.255.255',
      requestId: 'D82B88E5F771F645',
      via: ['s3'],
      record: recordsOf('powertools-python__s3EventDeleteObject.json')[0],
    });
    expect(event?.size).toBeUndefined();
    expect(event?.eTag).toBeUndefined();
  });

  it('powertools-python__s3EventGlacier.json: an ObjectCreated:Put whose stray glacierEventData is ignored', () => {
    const [event] = normalize(fixture('powertools-python__s3EventGlacier.json'));
    expect(event).toEqual({
      name: 'ObjectCreated:Put',
      type: 'ObjectCreated',
      bucket: 'lambda-artifacts-deafc19498e3f2df',
      key: 'b21b84d653bb07b05b1e6b33684dc11b',
      rawKey: 'b21b84d653bb07b05b1e6b33684dc11b',
      size: 1305107,
      eTag: 'b21b84d653bb07b05b1e6b33684dc11b',
      sequencer: '0C0F6F405D6ED209E1',
      time: '2019-09-03T19:37:27.192Z',
      region: 'us-east-2',
      requester: 'AWS:AIDAINPONIXQXHT3IKHL2',
      sourceIp: '205.255.255.255',
      requestId: 'D82B88E5F771F645',
      via: ['s3'],
      record: recordsOf('powertools-python__s3EventGlacier.json')[0],
    });
    expect(event).not.toHaveProperty('restoreExpiryTime');
    expect(event).not.toHaveProperty('sourceStorageClass');
  });

  it('powertools-ts__s3-lifecycle-event.json: a lifecycle expiration by s3.amazonaws.com', () => {
    expect(normalize(fixture('powertools-ts__s3-lifecycle-event.json'))).toEqual([
      {
        name: 'LifecycleExpiration:Delete',
        type: 'LifecycleExpiration',
        deletionType: 'Permanently Deleted',
        bucket: 'amzn-s3-demo-bucket',
        key: 'expiration/delete',
        rawKey: 'expiration/delete',
        sequencer: '0055AED6DCD90281E5',
        time: '1970-01-01T00:00:00.000Z',
        region: 'us-west-2',
        requester: 's3.amazonaws.com',
        sourceIp: 's3.amazonaws.com',
        requestId: 'C3D13FE58DE4C810',
        via: ['s3'],
        record: recordsOf('powertools-ts__s3-lifecycle-event.json')[0],
      },
    ]);
  });

  it('awsdocs__…OperationFailedReplication.json: replication data in camelCase', () => {
    expect(normalize(fixture('awsdocs__replication-metrics-events__OperationFailedReplication.json'))).toEqual([
      {
        name: 'Replication:OperationFailedReplication',
        type: 'Replication',
        bucket: 'amzn-s3-demo-bucket1',
        key: 'replication-object-put-test.png',
        rawKey: 'replication-object-put-test.png',
        size: 520080,
        eTag: 'e12345ca7e88a38428305d3ff7fcb99f',
        versionId: 'abcdeH0Xp66ep__QDjR76LK7Gc9X4wKO',
        sequencer: '0066DA1CBF104C0D51',
        time: '2024-09-05T21:04:32.527Z',
        region: 'us-east-1',
        requester: 's3.amazonaws.com',
        sourceIp: 's3.amazonaws.com',
        requestId: '123bf045-2b4b-4ca8-a211-c34a63c59426',
        replication: {
          ruleId: 'notification-test-replication-rule',
          destinationBucket: 'arn:aws:s3:::amzn-s3-demo-bucket2',
          operation: 'OBJECT_PUT',
          requestTime: '2024-09-05T21:03:59.168Z',
          failureReason: 'AssumeRoleNotPermitted',
        },
        via: ['s3'],
        record: recordsOf('awsdocs__replication-metrics-events__OperationFailedReplication.json')[0],
      },
    ]);
  });
});

/** Renders a SAM `{{{name}}}` template; values are inserted as JSON string contents (escaped). */
function render(template: string, values: Record<string, string>): string {
  return fixtureText(template).replace(/\{\{\{(\w+)\}\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for {{{${name}}}} in ${template}`);
    return JSON.stringify(value).slice(1, -1);
  });
}

const SAM_VALUES = {
  region: 'eu-west-1',
  partition: 'aws',
  bucket: 'photos',
  key: 'year%3D2025/red+flower.jpg',
  accountId: '123456789012',
  account_id: '123456789012',
  topic: 'uploads',
  subject: 'Amazon S3 Notification',
  queue_name: 'uploads',
  md5_of_body: '16f4460f4477d8d693a5abe94fdbbd73',
};

describe('SAM templates (rendered)', () => {
  it('aws-sam-cli__S3Delete.json.tmpl: an ObjectRemoved:Delete with the URL-encoded key SAM writes', () => {
    const text = render('aws-sam-cli__S3Delete.json.tmpl', SAM_VALUES);
    expect(normalize(text)).toEqual([
      {
        name: 'ObjectRemoved:Delete',
        type: 'ObjectRemoved',
        deletionType: 'Permanently Deleted',
        bucket: 'photos',
        key: 'year=2025/red flower.jpg',
        rawKey: 'year%3D2025/red+flower.jpg',
        sequencer: '0A1B2C3D4E5F678901',
        time: '1970-01-01T00:00:00.000Z',
        region: 'eu-west-1',
        ...EXAMPLE_IDENTITY,
        requestId: 'EXAMPLE123456789',
        via: ['s3'],
        record: (JSON.parse(text) as { Records: unknown[] }).Records[0],
      },
    ]);
  });

  it('aws-sam-cli__Sns.json.tmpl carrying the S3 delete: one event by SNS, with the SNS message id', () => {
    const s3 = render('aws-sam-cli__S3Delete.json.tmpl', SAM_VALUES);
    const [event, ...rest] = normalize(render('aws-sam-cli__Sns.json.tmpl', { ...SAM_VALUES, message: s3 }));
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      name: 'ObjectRemoved:Delete',
      key: 'year=2025/red flower.jpg',
      via: ['s3', 'sns'],
      messageId: '95df01b4-ee98-5cb9-9903-4c221d41eb5e',
      receiptHandle: undefined,
    });
  });

  it('aws-sam-cli__Sns.json.tmpl with a plain-text message: INVALID_JSON for that SNS message', () => {
    const text = render('aws-sam-cli__Sns.json.tmpl', { ...SAM_VALUES, message: 'hello' });
    expect(onlyFailure(text)).toEqual({
      name: 'S3EventParseError',
      code: 'INVALID_JSON',
      path: 'Records[0].Sns.Message',
      messageId: '95df01b4-ee98-5cb9-9903-4c221d41eb5e',
    });
  });

  it('aws-sam-cli__Sqs.json.tmpl carrying the S3 delete: one event by SQS, with id and receipt handle', () => {
    const s3 = render('aws-sam-cli__S3Delete.json.tmpl', SAM_VALUES);
    const [event, ...rest] = normalize(render('aws-sam-cli__Sqs.json.tmpl', { ...SAM_VALUES, body: s3 }));
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      name: 'ObjectRemoved:Delete',
      key: 'year=2025/red flower.jpg',
      region: 'eu-west-1',
      via: ['s3', 'sqs'],
      messageId: '19dd0b57-b21e-4ac1-bd88-01bbb068cb78',
      receiptHandle: 'MessageReceiptHandle',
    });
  });
});

describe('EventBridge samples', () => {
  it('powertools-python__s3EventBridgeNotificationObjectCreatedEvent.json: PutObject, unversioned', () => {
    const input = fixture('powertools-python__s3EventBridgeNotificationObjectCreatedEvent.json');
    expect(normalize(input)).toEqual([
      {
        name: 'ObjectCreated:Put',
        type: 'ObjectCreated',
        bucket: 'example-bucket',
        key: 'IMG_m7fzo3.jpg',
        rawKey: 'IMG_m7fzo3.jpg',
        size: 184662,
        eTag: '4e68adba0abe2dc8653dc3354e14c01d',
        versionId: undefined,
        sequencer: '006408CAD69598B05E',
        time: '2023-03-08T17:50:14Z',
        region: 'eu-west-1',
        requester: '123456789012',
        sourceIp: '34.252.34.74',
        requestId: '57H08PA84AB1JZW0',
        via: ['eventbridge'],
        messageId: 'f5f1e65c-dc3a-93ca-6c1e-b1647eac7963',
        record: input,
      },
    ]);
  });

  it('powertools-python__s3EventBridgeNotificationObjectDeletedEvent.json: DeleteObject + Delete Marker Created', () => {
    const input = fixture('powertools-python__s3EventBridgeNotificationObjectDeletedEvent.json');
    expect(normalize(input)).toEqual([
      {
        name: 'ObjectRemoved:DeleteMarkerCreated',
        type: 'ObjectRemoved',
        deletionType: 'Delete Marker Created',
        bucket: 'example-bucket',
        key: 'IMG_m7fzo3.jpg',
        rawKey: 'IMG_m7fzo3.jpg',
        sequencer: '006408CAD69598B05E',
        time: '2021-11-12T00:00:00Z',
        region: 'ca-central-1',
        requester: '123456789012',
        sourceIp: '34.252.34.74',
        requestId: '0BH729840619AG5K',
        via: ['eventbridge'],
        messageId: '2ee9cc15-d022-99ea-1fb8-1b1bac4850f9',
        record: input,
      },
    ]);
  });

  it('powertools-python__s3EventBridgeNotificationObjectExpiredEvent.json: Lifecycle Expiration, with size and etag', () => {
    const input = fixture('powertools-python__s3EventBridgeNotificationObjectExpiredEvent.json');
    expect(normalize(input)).toEqual([
      {
        name: 'LifecycleExpiration:DeleteMarkerCreated',
        type: 'LifecycleExpiration',
        deletionType: 'Delete Marker Created',
        bucket: 'example-bucket',
        key: 'IMG_m7fzo3.jpg',
        rawKey: 'IMG_m7fzo3.jpg',
        size: 184662,
        eTag: '4e68adba0abe2dc8653dc3354e14c01d',
        sequencer: '006408CAD69598B05E',
        time: '2021-11-12T00:00:00Z',
        region: 'ca-central-1',
        requester: 's3.amazonaws.com',
        sourceIp: undefined,
        requestId: '20EB74C14654DC47',
        via: ['eventbridge'],
        messageId: 'ad1de317-e409-eba2-9552-30113f8d88e3',
        record: input,
      },
    ]);
  });

  it('powertools-python__s3EventBridgeNotificationObjectRestoreCompletedEvent.json: expiry time and source class', () => {
    const input = fixture('powertools-python__s3EventBridgeNotificationObjectRestoreCompletedEvent.json');
    expect(normalize(input)).toEqual([
      {
        name: 'ObjectRestore:Completed',
        type: 'ObjectRestore',
        bucket: 'example-bucket',
        key: 'IMG_m7fzo3.jpg',
        rawKey: 'IMG_m7fzo3.jpg',
        size: 184662,
        eTag: '4e68adba0abe2dc8653dc3354e14c01d',
        sequencer: '006408CAD69598B05E',
        time: '2021-11-12T00:00:00Z',
        region: 'ca-central-1',
        requester: 's3.amazonaws.com',
        requestId: '189F19CB7FB1B6A4',
        restoreExpiryTime: '2021-11-13T00:00:00Z',
        sourceStorageClass: 'GLACIER',
        via: ['eventbridge'],
        messageId: '6924de0d-13e2-6bbf-c0c1-b903b753565e',
        record: input,
      },
    ]);
  });

  it('aws-lambda-dotnet__cloudwatchevents-s3objectcreated.json: the docs example, versioned, 16-digit sequencer', () => {
    const input = fixture('aws-lambda-dotnet__cloudwatchevents-s3objectcreated.json');
    expect(normalize(input)).toEqual([
      {
        name: 'ObjectCreated:Put',
        type: 'ObjectCreated',
        bucket: 'DOC-EXAMPLE-BUCKET1',
        key: 'example-key',
        rawKey: 'example-key',
        size: 5,
        eTag: 'b1946ac92492d2347c6235b4d2611184',
        versionId: 'IYV3p45BT0ac8hjHg1houSdS1a.Mro8e',
        sequencer: '617f08299329d189',
        time: '2021-11-12T00:00:00Z',
        region: 'ca-central-1',
        requester: '123456789012',
        sourceIp: '1.2.3.4',
        requestId: 'N4N7GDK58NMKJ12R',
        via: ['eventbridge'],
        messageId: '17793124-05d4-b198-2fde-7ededc63b103',
        record: input,
      },
    ]);
  });

  it('aws-lambda-dotnet__cloudwatchevents-s3objectdeleted.json: a delete marker with an etag and a version', () => {
    const input = fixture('aws-lambda-dotnet__cloudwatchevents-s3objectdeleted.json');
    expect(normalize(input)).toEqual([
      {
        name: 'ObjectRemoved:DeleteMarkerCreated',
        type: 'ObjectRemoved',
        deletionType: 'Delete Marker Created',
        bucket: 'DOC-EXAMPLE-BUCKET1',
        key: 'example-key',
        rawKey: 'example-key',
        eTag: 'd41d8cd98f00b204e9800998ecf8427e',
        versionId: '1QW9g1Z99LUNbvaaYVpW9xDlOLU.qxgF',
        sequencer: '617f0837b476e463',
        time: '2021-11-12T00:00:00Z',
        region: 'ca-central-1',
        requester: '123456789012',
        sourceIp: '1.2.3.4',
        requestId: '0BH729840619AG5K',
        via: ['eventbridge'],
        messageId: '2ee9cc15-d022-99ea-1fb8-1b1bac4850f9',
        record: input,
      },
    ]);
  });

  it('aws-lambda-dotnet__cloudwatchevents-s3objectrestore.json: no sequencer, no source IP', () => {
    const input = fixture('aws-lambda-dotnet__cloudwatchevents-s3objectrestore.json');
    expect(normalize(input)).toEqual([
      {
        name: 'ObjectRestore:Completed',
        type: 'ObjectRestore',
        bucket: 'DOC-EXAMPLE-BUCKET1',
        key: 'example-key',
        rawKey: 'example-key',
        size: 5,
        eTag: 'b1946ac92492d2347c6235b4d2611184',
        versionId: 'KKsjUC1.6gIjqtvhfg5AdMI0eCePIiT3',
        time: '2021-11-12T00:00:00Z',
        region: 'ca-central-1',
        requester: 's3.amazonaws.com',
        requestId: '189F19CB7FB1B6A4',
        restoreExpiryTime: '2021-11-13T00:00:00Z',
        sourceStorageClass: 'GLACIER',
        via: ['eventbridge'],
        messageId: '6924de0d-13e2-6bbf-c0c1-b903b753565e',
        record: input,
      },
    ]);
  });
});

describe('SQS and SNS samples', () => {
  it('powertools-python__s3SqsEvent.json: S3 → SQS → Lambda, with message id and receipt handle', () => {
    const input = fixture('powertools-python__s3SqsEvent.json');
    const sqs = (input['Records'] as { body: string; receiptHandle: string }[])[0]!;
    expect(normalize(input)).toEqual([
      {
        name: 'ObjectCreated:Put',
        type: 'ObjectCreated',
        bucket: 'xxx',
        key: 'test.pdf',
        rawKey: 'test.pdf',
        size: 104681,
        eTag: '2e3ad1e983318bbd8e73b080e2997980',
        versionId: 'yd3d4HaWOT2zguDLvIQLU6ptDTwKBnQV',
        sequencer: '00643717F9F8B85354',
        time: '2023-04-12T20:43:38.021Z',
        region: 'us-east-1',
        requester: 'A1YQ72UWCM96UF',
        sourceIp: '93.108.161.96',
        requestId: 'YMSSR8BZJ2Y99K6P',
        via: ['s3', 'sqs'],
        messageId: 'ca3e7a89-c358-40e5-8aa0-5da01403c267',
        receiptHandle: sqs.receiptHandle,
        record: (JSON.parse(sqs.body) as { Records: unknown[] }).Records[0],
      },
    ]);
  });

  // Samples that carry no S3 event: each is one failure, attributed to its SQS/SNS message.
  it.each([
    ['powertools-python__snsSqsEvent.json', 'an SNS message about something else', 'NOT_S3_EVENT', 'Records[0].body → Message', '79406a00-bf15-46ca-978c-22c3613fcb30'],
    ['aws-lambda-go__sqs-event.json', 'a body that is not JSON', 'INVALID_JSON', 'Records[0].body', 'MessageID_1'],
    ['aws-lambda-go__sns-event.json', 'a plain-text SNS message', 'INVALID_JSON', 'Records[0].Sns.Message', '95df01b4-ee98-5cb9-9903-4c221d41eb5e'],
    ['aws-lambda-rust-runtime__example-sns-event.json', 'SNS with …URL casing, plain-text message', 'INVALID_JSON', 'Records[0].Sns.Message', '82833b5c-8d5d-56d0-b0e1-7511f8253eb8'],
    ['aws-lambda-java-libs__sns_event.json', 'JSON about something else', 'NOT_S3_EVENT', 'Records[0].Sns.Message', 'dc918f50-80c6-56a2-ba33-d8a9bbf013ab'],
  ])('%s (%s): %s at %s', (file, _what, code, path, messageId) => {
    // As text too: a pasted payload must fail the same way.
    for (const input of [fixture(file), fixtureText(file)]) {
      expect(onlyFailure(input)).toEqual({ name: 'S3EventParseError', code, path, messageId });
    }
  });
});

describe('all samples', () => {
  const names = readdirSync(new URL('../fixtures/', import.meta.url)).filter((name) => name.endsWith('.json'));

  it('covers every JSON sample of test/fixtures in this file', () => {
    const source = fixtureText('../normalize/fixtures.test.ts');
    expect(names.length).toBeGreaterThanOrEqual(24);
    for (const name of names) expect(source, name).toContain(`'${name}'`);
  });

  it.each(names)('%s reads the same from its JSON text as from the parsed value', (name) => {
    const fromText = parse(fixtureText(name));
    const fromValue = parse(fixture(name));
    expect(fromText.events).toEqual(fromValue.events);
    expect(fromText.failures.map((f) => [f.code, f.path, f.messageId])).toEqual(
      fromValue.failures.map((f) => [f.code, f.path, f.messageId]),
    );
  });
});
