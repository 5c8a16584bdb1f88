/**
 * The benchmark inputs: a 10-record S3 → SQS Lambda batch and the same batch on the
 * S3 → SNS → SQS road, both built from the real recording
 * `test/fixtures/powertools-python__s3SqsEvent.json` (a copy of the shared sample) (one S3 record per SQS message, as S3
 * sends it; compact S3 JSON in the body; SNS JSON pretty-printed the way SNS writes it into SQS).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const FIXTURE = fileURLToPath(new URL('../test/fixtures/powertools-python__s3SqsEvent.json', import.meta.url));

/** Raw keys as S3 writes them (form-encoded) and what they decode to. 6 of 10 need decoding. */
export const KEYS: readonly { readonly raw: string; readonly decoded: string }[] = [
  { raw: 'photos/red+flower%3D1.jpg', decoded: 'photos/red flower=1.jpg' },
  { raw: 'test.pdf', decoded: 'test.pdf' },
  { raw: 'reports/2025/q1-summary.csv', decoded: 'reports/2025/q1-summary.csv' },
  { raw: 'uploads/caf%C3%A9+menu.pdf', decoded: 'uploads/café menu.pdf' },
  { raw: 'logs/app/2025-01-01T00%3A00%3A00Z.log.gz', decoded: 'logs/app/2025-01-01T00:00:00Z.log.gz' },
  { raw: 'data/year%3D2025/month%3D01/part-00000.parquet', decoded: 'data/year=2025/month=01/part-00000.parquet' },
  { raw: 'images/IMG_0001.JPG', decoded: 'images/IMG_0001.JPG' },
  { raw: 'docs/My+Document+%281%29.docx', decoded: 'docs/My Document (1).docx' },
  { raw: 'a/b/c/d/e/f/g.txt', decoded: 'a/b/c/d/e/f/g.txt' },
  { raw: '%E6%97%A5%E6%9C%AC%E8%AA%9E/%E3%83%95%E3%82%A1%E3%82%A4%E3%83%AB.txt', decoded: '日本語/ファイル.txt' },
];

type Json = Record<string, unknown>;

function obj(value: unknown, what: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`fixture: ${what} is not an object`);
  return value as Json;
}

function loadSample(): { sqsRecord: Json; s3Message: Json } {
  const sample = obj(JSON.parse(readFileSync(FIXTURE, 'utf8')), 'the sample');
  const records = sample['Records'];
  if (!Array.isArray(records)) throw new Error('fixture: Records is not an array');
  const sqsRecord = obj(records[0], 'Records[0]');
  const body = sqsRecord['body'];
  if (typeof body !== 'string') throw new Error('fixture: Records[0].body is not a string');
  return { sqsRecord, s3Message: obj(JSON.parse(body), 'the S3 message') };
}

const md5 = (text: string): string => createHash('md5').update(text).digest('hex');
const hex = (n: number, width: number): string => n.toString(16).toUpperCase().padStart(width, '0');
/** A deterministic UUID-shaped id, so every run reads the same bytes. */
const uuid = (seed: number, salt: number): string => {
  const h = md5(`${salt}:${seed}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/** The S3 notification JSON of record `i` (compact, as S3 sends it). */
function s3Body(s3Message: Json, i: number): string {
  const message = structuredClone(s3Message);
  const record = obj((message['Records'] as unknown[])[0], 'S3 record');
  const s3 = obj(record['s3'], 's3');
  const object = obj(s3['object'], 's3.object');
  const key = KEYS[i];
  if (!key) throw new Error(`no key ${i}`);
  object['key'] = key.raw;
  object['size'] = 104681 + i * 7919;
  object['eTag'] = md5(`etag${i}`);
  object['sequencer'] = `00643717F9F8B853${hex(0x54 + i, 2)}`;
  record['eventTime'] = `2023-04-12T20:43:${String(38 + i).padStart(2, '0')}.021Z`;
  return JSON.stringify(message);
}

/** SNS notification JSON exactly as SNS writes it into an SQS body (`"Key" : value`, 2 spaces). */
function snsBody(s3Json: string, i: number): string {
  const fields: [string, string][] = [
    ['Type', 'Notification'],
    ['MessageId', uuid(i, 2)],
    ['TopicArn', 'arn:aws:sns:us-east-1:123456789012:s3-events'],
    ['Subject', 'Amazon S3 Notification'],
    ['Message', s3Json],
    ['Timestamp', `2023-04-12T20:43:${String(38 + i).padStart(2, '0')}.287Z`],
    ['SignatureVersion', '1'],
    ['Signature', Buffer.from(md5(`sig${i}`).repeat(8), 'hex').toString('base64') + '=='],
    ['SigningCertURL', 'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-010a507c1833636cd94bdb98bd93083a.pem'],
    [
      'UnsubscribeURL',
      'https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:us-east-1:123456789012:s3-events:15189ad7-870e-40e5-a7dd-a48898cd9f86',
    ],
  ];
  return `{\n${fields.map(([k, v]) => `  ${JSON.stringify(k)} : ${JSON.stringify(v)}`).join(',\n')}\n}`;
}

function sqsEvent(bodies: readonly string[], sqsRecord: Json): { Records: Json[] } {
  return {
    Records: bodies.map((body, i) => ({
      ...structuredClone(sqsRecord),
      messageId: uuid(i, 1),
      body,
      md5OfBody: md5(body),
    })),
  };
}

export interface Scenario {
  readonly name: string;
  /** The Lambda SQS event, as the runtime hands it over (fresh from `JSON.parse`); never mutated. */
  readonly event: { readonly Records: readonly Json[] };
}

export function scenarios(): { s3Sqs: Scenario; s3SnsSqs: Scenario } {
  const { sqsRecord, s3Message } = loadSample();
  const s3Bodies = KEYS.map((_, i) => s3Body(s3Message, i));
  return {
    s3Sqs: { name: 'S3→SQS', event: asDelivered(sqsEvent(s3Bodies, sqsRecord)) },
    s3SnsSqs: { name: 'S3→SNS→SQS', event: asDelivered(sqsEvent(s3Bodies.map(snsBody), sqsRecord)) },
  };
}

/** The Lambda runtime `JSON.parse`s the invocation payload: give every contestant objects of that shape. */
function asDelivered<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
