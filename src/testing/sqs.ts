/** `asSqs()`, `sqsRecord()`, `sqsMessage()`: payloads delivered to an SQS queue. @module */
import { createHash } from 'node:crypto';
import type {
  ReceiveMessageResult,
  SqsLambdaEvent,
  SqsLambdaMessageAttribute,
  SqsLambdaRecord,
  SqsMessage,
} from '../events/envelopes.js';
import {
  ACCOUNT,
  accountOfArn,
  describe,
  checkObject,
  isPlainObject,
  md5,
  optionalText,
  QUEUE_NAME,
  REGION,
  regionOfArn,
  SENDER_IDS,
  toMillis,
  idSource,
} from './defaults.js';
import { invalid } from './errors.js';
import { inspectPayload, rawSnsDeliveries, type PayloadInfo, type SqsPayload } from './payloads.js';

/**
 * A message attribute to put on the SQS message (S3, SNS and EventBridge set none).
 *
 * @example
 * ```ts
 * import { sqsRecord, type SqsMessageAttributeInput } from 's3-event-kit/testing';
 * const attribute: SqsMessageAttributeInput = { dataType: 'String', stringValue: 'sample-value' };
 * sqsRecord('body', { messageAttributes: { 'sample-attribute': attribute } }).md5OfMessageAttributes; //=> '7c815262be77a62f56671125069ca888'
 * ```
 * @category Testing
 */
export interface SqsMessageAttributeInput {
  /** `String`, `Number`, `Binary`, or a custom type such as `String.json`. */
  dataType: string;
  stringValue?: string | undefined;
  /** Base64. */
  binaryValue?: string | undefined;
}

/**
 * Options of {@link sqsRecord}, {@link sqsMessage} and {@link asSqs}.
 *
 * @example
 * ```ts
 * import { asS3Event, s3Record, sqsRecord, type SqsOptions } from 's3-event-kit/testing';
 * const redelivered: SqsOptions = { messageId: 'm1', receiveCount: 3, queueArn: 'arn:aws:sqs:eu-west-1:111122223333:uploads' };
 * sqsRecord(asS3Event(s3Record()), redelivered).attributes.ApproximateReceiveCount; //=> '3'
 * ```
 * @category Testing
 */
export interface SqsOptions {
  /** `messageId` / `MessageId`. Default: a random UUID. With several payloads, use `sqsRecord` per message instead. */
  messageId?: string | undefined;
  /** `receiptHandle` / `ReceiptHandle`. Default: `AQEB` and random base64. */
  receiptHandle?: string | undefined;
  /** The queue's ARN (`eventSourceARN`). Default `arn:aws:sqs:<region>:<account>:s3-events`. */
  queueArn?: string | undefined;
  /** `awsRegion`. Default: the queue ARN's Region, else the payload's, else `us-east-1`. */
  region?: string | undefined;
  /** Account of the queue. Default: the queue ARN's, else `'123456789012'`. */
  account?: string | undefined;
  /** `SentTimestamp`. Default: one second after the payload's time, else now. */
  sentTimestamp?: string | number | Date | undefined;
  /** `ApproximateReceiveCount`: above 1 for a redelivered message. @defaultValue 1 */
  receiveCount?: number | undefined;
  /**
   * `SenderId`. Default: the principal recorded for the sender (S3, SNS or EventBridge; SNS also
   * for raw delivery). It is Region- and time-dependent in reality: never branch on it.
   */
  senderId?: string | undefined;
  /** More message system attributes, or overrides (e.g. `AWSTraceHeader`, `ApproximateFirstReceiveTimestamp`). */
  attributes?: Record<string, string> | undefined;
  /** Message attributes, with the matching `md5OfMessageAttributes`. None by default, as S3, SNS and EventBridge send none. */
  messageAttributes?: Record<string, SqsMessageAttributeInput> | undefined;
  /**
   * Makes the message deterministic without naming every id: `messageId` and `receiptHandle` are
   * derived from the seed (and, with several payloads, the payload's position) instead of
   * `node:crypto`, and `SentTimestamp` of a payload without a time (a string) is
   * `2024-01-01T00:00:00.000Z` instead of now. The same seed and payloads give the same output;
   * give each message of a batch you build with `sqsRecord` its own seed.
   *
   * @example
   * ```ts
   * import { asSqs, testEvent } from 's3-event-kit/testing';
   * const payload = testEvent({ seed: 1 });
   * asSqs(payload, { seed: 1 }).Records[0]?.messageId === asSqs(payload, { seed: 1 }).Records[0]?.messageId; //=> true
   * ```
   */
  seed?: string | number | undefined;
}

/**
 * One record of the SQS Lambda event as {@link sqsRecord} and {@link asSqs} build it: an
 * `SqsLambdaRecord` whose `md5OfMessageAttributes` is there only with message attributes (never
 * `null`), so it fits `SQSRecord` of `@types/aws-lambda`.
 *
 * @example
 * ```ts
 * import { asS3Event, s3Record, sqsRecord, type BuiltSqsRecord } from 's3-event-kit/testing';
 * const record: BuiltSqsRecord = sqsRecord(asS3Event(s3Record()), { messageId: 'm1' });
 * record.eventSource; //=> 'aws:sqs'
 * ```
 * @category Testing
 */
export interface BuiltSqsRecord extends SqsLambdaRecord {
  md5OfMessageAttributes?: string;
}

/**
 * The SQS Lambda event {@link asSqs} builds: its records are {@link BuiltSqsRecord}s, so it fits
 * `SQSEvent` of `@types/aws-lambda` (and a subscription called with it answers `{ batchItemFailures }`).
 *
 * @example
 * ```ts
 * import type { SQSEvent } from 'aws-lambda';
 * import { asS3Event, asSqs, s3Record, type BuiltSqsEvent } from 's3-event-kit/testing';
 * const event: BuiltSqsEvent = asSqs(asS3Event(s3Record()), { seed: 'x' });
 * const typed: SQSEvent = event;
 * typed.Records.length; //=> 1
 * ```
 * @category Testing
 */
export interface BuiltSqsEvent extends SqsLambdaEvent {
  Records: BuiltSqsRecord[];
}

/**
 * A `ReceiveMessage` message as {@link sqsMessage} builds it: an `SqsMessage` whose id, receipt
 * handle, MD5 and body are always present.
 *
 * @example
 * ```ts
 * import { sqsMessage, testEvent, type SqsApiMessage } from 's3-event-kit/testing';
 * const message: SqsApiMessage = sqsMessage(testEvent(), { messageId: 'm1' });
 * message.MessageId; //=> 'm1'
 * ```
 * @category Testing
 */
export type SqsApiMessage = SqsMessage & { MessageId: string; ReceiptHandle: string; MD5OfBody: string; Body: string };

/**
 * The `ReceiveMessage` result {@link asSqs} builds with `shape: 'api'`.
 *
 * @example
 * ```ts
 * import { asSqs, testEvent, type SqsReceiveResult } from 's3-event-kit/testing';
 * const result: SqsReceiveResult = asSqs([testEvent(), testEvent()], { shape: 'api' });
 * result.Messages.length; //=> 2
 * ```
 * @category Testing
 */
export type SqsReceiveResult = ReceiveMessageResult & { Messages: SqsApiMessage[] };

/**
 * Which shape {@link asSqs} builds: the Lambda event (`Records`) or the `ReceiveMessage` result (`Messages`).
 *
 * @example
 * ```ts
 * import { asSqs, testEvent, type SqsShape } from 's3-event-kit/testing';
 * const shape: SqsShape = 'lambda';
 * 'Records' in asSqs(testEvent(), { shape }); //=> true
 * ```
 * @category Testing
 */
export type SqsShape = 'lambda' | 'api';

const OPTIONS: readonly (keyof SqsOptions)[] = [
  'messageId',
  'receiptHandle',
  'queueArn',
  'region',
  'account',
  'sentTimestamp',
  'receiveCount',
  'senderId',
  'attributes',
  'messageAttributes',
  'seed',
];

interface Built {
  readonly body: string;
  readonly md5OfBody: string;
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly attributes: SqsLambdaRecord['attributes'] & Record<string, string>;
  readonly messageAttributes: Record<string, SqsMessageAttributeInput> | undefined;
  readonly md5OfMessageAttributes: string | undefined;
  readonly queueArn: string;
  readonly region: string;
}

function build(
  payload: SqsPayload,
  options: SqsOptions | undefined,
  where: string,
  allowed: readonly string[] = OPTIONS,
  position = '',
): Built {
  const o: SqsOptions = options ?? {};
  checkObject(o, 'options');
  for (const option of Object.keys(o)) {
    if (!allowed.includes(option)) invalid(option, `unknown option; ${where} takes ${allowed.join(', ')}`);
  }
  const info = inspectPayload(payload, where, true);
  const ids = idSource(o.seed);
  const body = bodyOf(payload, info);
  const givenArn = optionalText(o.queueArn, 'queueArn');
  const region = optionalText(o.region, 'region') ?? (givenArn && regionOfArn(givenArn)) ?? info.region ?? REGION;
  const account = optionalText(o.account, 'account') ?? (givenArn && accountOfArn(givenArn)) ?? ACCOUNT;
  const sent = toMillis(o.sentTimestamp, 'sentTimestamp', info.timeMs === undefined ? ids.now() : info.timeMs + 1000);
  if (o.receiveCount !== undefined && (!Number.isSafeInteger(o.receiveCount) || o.receiveCount < 1)) {
    invalid('receiveCount', `expected a whole number ≥ 1, got ${describe(o.receiveCount)}`);
  }
  const attributes = checkStrings(o.attributes, 'attributes');
  const messageAttributes = checkMessageAttributes(o.messageAttributes);
  return {
    body,
    md5OfBody: md5(body),
    messageId: optionalText(o.messageId, 'messageId') ?? ids.uuid(`sqs.messageId${position}`),
    receiptHandle: optionalText(o.receiptHandle, 'receiptHandle') ?? ids.receiptHandle(`sqs${position}`),
    attributes: {
      ApproximateReceiveCount: String(o.receiveCount ?? 1),
      SentTimestamp: String(sent),
      SenderId: optionalText(o.senderId, 'senderId') ?? senderOf(payload, info, account),
      ApproximateFirstReceiveTimestamp: String(sent + 10),
      ...attributes,
    },
    messageAttributes,
    md5OfMessageAttributes: messageAttributes && Object.keys(messageAttributes).length > 0 ? md5OfAttributes(messageAttributes) : undefined,
    queueArn: givenArn ?? `arn:aws:sqs:${region}:${account}:${QUEUE_NAME}`,
    region,
  };
}

function senderOf(payload: SqsPayload, info: PayloadInfo, account: string): string {
  if (typeof payload === 'object' && rawSnsDeliveries.has(payload)) return SENDER_IDS.sns;
  switch (info.kind) {
    case 's3':
    case 'test':
      return SENDER_IDS.s3;
    case 'eventbridge':
      return SENDER_IDS.eventbridge;
    case 'sns':
      return SENDER_IDS.sns;
    default:
      return account;
  }
}

function bodyOf(payload: SqsPayload, info: PayloadInfo): string {
  if (typeof payload === 'string') return payload;
  return info.kind === 'sns' ? snsJson(payload as unknown as Record<string, unknown>) : JSON.stringify(payload);
}

/**
 * The SNS notification JSON as SNS writes it into an SQS body: pretty-printed, two-space indent,
 * a space before each colon (`"Type" : "Notification"`), nested attribute values compact.
 */
function snsJson(notification: Record<string, unknown>): string {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(notification)) {
    if (value === undefined) continue;
    const rendered = isPlainObject(value)
      ? Object.keys(value).length === 0
        ? '{ }'
        : `{\n${Object.entries(value)
            .map(([name, inner]) => `    ${JSON.stringify(name)} : ${JSON.stringify(inner)}`)
            .join(',\n')}\n  }`
      : JSON.stringify(value);
    lines.push(`  ${JSON.stringify(key)} : ${rendered}`);
  }
  return `{\n${lines.join(',\n')}\n}`;
}

function checkStrings(value: unknown, option: string): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (!isPlainObject(value)) return invalid(option, `expected an object of strings, got ${describe(value)}`);
  for (const [name, inner] of Object.entries(value)) {
    if (typeof inner !== 'string') invalid(option, `${JSON.stringify(name)} is ${describe(inner)}; SQS attributes are strings`);
  }
  return value as Record<string, string>;
}

function checkMessageAttributes(value: unknown): Record<string, SqsMessageAttributeInput> | undefined {
  if (value === undefined) return undefined;
  if (!isPlainObject(value)) return invalid('messageAttributes', `expected an object, got ${describe(value)}`);
  for (const [name, attribute] of Object.entries(value)) {
    const ok =
      isPlainObject(attribute) &&
      typeof attribute['dataType'] === 'string' &&
      (typeof attribute['stringValue'] === 'string') !== (typeof attribute['binaryValue'] === 'string');
    if (!ok) invalid('messageAttributes', `${JSON.stringify(name)} must be { dataType, stringValue } or { dataType, binaryValue }`);
  }
  return value as Record<string, SqsMessageAttributeInput>;
}

/** SQS's MD5 of message attributes: length-prefixed name, type, transport byte and value, sorted by name. */
function md5OfAttributes(attributes: Record<string, SqsMessageAttributeInput>): string {
  const hash = createHash('md5');
  const field = (bytes: Uint8Array): void => {
    const length = new Uint8Array(4);
    new DataView(length.buffer).setUint32(0, bytes.length);
    hash.update(length);
    hash.update(bytes);
  };
  const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
  for (const name of Object.keys(attributes).sort()) {
    const attribute = attributes[name] as SqsMessageAttributeInput;
    field(utf8(name));
    field(utf8(attribute.dataType));
    if (attribute.stringValue !== undefined) {
      hash.update(Uint8Array.of(1));
      field(utf8(attribute.stringValue));
    } else {
      hash.update(Uint8Array.of(2));
      field(Uint8Array.from(atob(attribute.binaryValue ?? ''), (c) => c.charCodeAt(0)));
    }
  }
  return hash.digest('hex');
}

function lambdaRecord(m: Built): BuiltSqsRecord {
  const attributes: Record<string, SqsLambdaMessageAttribute> = {};
  for (const [name, a] of Object.entries(m.messageAttributes ?? {})) {
    attributes[name] = {
      ...(a.stringValue !== undefined && { stringValue: a.stringValue }),
      ...(a.binaryValue !== undefined && { binaryValue: a.binaryValue }),
      stringListValues: [],
      binaryListValues: [],
      dataType: a.dataType,
    };
  }
  return {
    messageId: m.messageId,
    receiptHandle: m.receiptHandle,
    body: m.body,
    attributes: m.attributes,
    messageAttributes: attributes,
    md5OfBody: m.md5OfBody,
    ...(m.md5OfMessageAttributes !== undefined && { md5OfMessageAttributes: m.md5OfMessageAttributes }),
    eventSource: 'aws:sqs',
    eventSourceARN: m.queueArn,
    awsRegion: m.region,
  };
}

function apiMessage(m: Built): SqsApiMessage {
  const attributes: Record<string, unknown> = {};
  for (const [name, a] of Object.entries(m.messageAttributes ?? {})) {
    attributes[name] = {
      ...(a.stringValue !== undefined && { StringValue: a.stringValue }),
      ...(a.binaryValue !== undefined && { BinaryValue: a.binaryValue }),
      DataType: a.dataType,
    };
  }
  return {
    MessageId: m.messageId,
    ReceiptHandle: m.receiptHandle,
    MD5OfBody: m.md5OfBody,
    Body: m.body,
    Attributes: { ...m.attributes },
    ...(m.md5OfMessageAttributes !== undefined && {
      MD5OfMessageAttributes: m.md5OfMessageAttributes,
      MessageAttributes: attributes,
    }),
  };
}

/**
 * One record of the Lambda event of an SQS event source mapping, carrying `payload` as its body
 * (the real MD5 in `md5OfBody`). Use it to build batches with chosen ids:
 * `{ Records: [sqsRecord(a, { messageId: 'm1' }), sqsRecord(b, { messageId: 'm2' })] }`.
 *
 * @throws {@link S3EventFactoryError} when the payload cannot be an SQS body or an option is invalid.
 * @example
 * ```ts
 * import { parse } from 's3-event-kit';
 * import { asS3Event, s3Record, sqsRecord } from 's3-event-kit/testing';
 *
 * const batch = {
 *   Records: [sqsRecord(asS3Event(s3Record()), { messageId: 'good' }), sqsRecord('not json', { messageId: 'poison' })],
 * };
 * parse(batch).failures.map((f) => f.messageId); //=> ['poison']
 * ```
 * @category Testing
 */
export function sqsRecord(payload: SqsPayload, options?: SqsOptions): BuiltSqsRecord {
  return lambdaRecord(build(payload, options, 'sqsRecord'));
}

/**
 * One message as the SQS `ReceiveMessage` API returns it (`MessageId`, `ReceiptHandle`,
 * `MD5OfBody`, `Body`, `Attributes` — as when `MessageSystemAttributeNames: ['All']` is asked for),
 * carrying `payload` as its body. What a worker polling the queue sees.
 *
 * @throws {@link S3EventFactoryError} when the payload cannot be an SQS body or an option is invalid.
 * @example
 * ```ts
 * import { normalize } from 's3-event-kit';
 * import { asS3Event, s3Record, sqsMessage } from 's3-event-kit/testing';
 *
 * const message = sqsMessage(asS3Event(s3Record()), { messageId: 'm1', receiptHandle: 'r1' });
 * normalize(message)[0]?.receiptHandle; //=> 'r1'
 * ```
 * @category Testing
 */
export function sqsMessage(payload: SqsPayload, options?: SqsOptions): SqsApiMessage {
  return apiMessage(build(payload, options, 'sqsMessage'));
}

/**
 * Delivers payloads to an SQS queue, one message each, and gives what the consumer receives:
 * the Lambda event of an SQS event source mapping (default, `{ Records }`) or, with
 * `shape: 'api'`, the `ReceiveMessage` result a polling worker gets (`{ Messages }`).
 *
 * A payload is what the sender put in the body: the S3 notification message (`asS3Event`, for
 * S3 → SQS), an EventBridge event (`asEventBridge`, for a rule with an SQS target), the SNS
 * notification JSON (`asSns(…, { delivery: 'sqs' })`, pretty-printed as SNS writes it), a raw SNS
 * delivery (`asSns(…, { delivery: 'raw' })`), an `s3:TestEvent`, or any string (to test bodies
 * that are not S3 events).
 *
 * @throws {@link S3EventFactoryError} when a payload cannot be an SQS body (an SNS Lambda event,
 *   an SQS event), when `messageId` or `receiptHandle` is given for several payloads, or when an
 *   option is invalid.
 * @example
 * ```ts
 * import { normalize } from 's3-event-kit';
 * import { asEventBridge, asS3Event, asSns, asSqs, s3Record } from 's3-event-kit/testing';
 *
 * const record = s3Record({ name: 'ObjectCreated:Copy', key: 'a b.txt' });
 * normalize(asSqs(asS3Event(record), { messageId: 'm1' }))[0]?.messageId; //=> 'm1'
 * normalize(asSqs(asS3Event(record), { shape: 'api' }))[0]?.via; //=> ['s3', 'sqs']
 * normalize(asSqs(asSns(asS3Event(record), { delivery: 'sqs' })))[0]?.via; //=> ['s3', 'sns', 'sqs']
 * normalize(asSqs(asSns(asEventBridge(record), { delivery: 'sqs' })))[0]?.via; //=> ['eventbridge', 'sns', 'sqs']
 * ```
 * @category Testing
 */
export function asSqs(
  payloads: SqsPayload | readonly SqsPayload[],
  options?: SqsOptions & { shape?: 'lambda' | undefined },
): BuiltSqsEvent;
export function asSqs(payloads: SqsPayload | readonly SqsPayload[], options: SqsOptions & { shape: 'api' }): SqsReceiveResult;
export function asSqs(
  payloads: SqsPayload | readonly SqsPayload[],
  options?: SqsOptions & { shape?: SqsShape | undefined },
): BuiltSqsEvent | SqsReceiveResult;
export function asSqs(
  payloads: SqsPayload | readonly SqsPayload[],
  options?: SqsOptions & { shape?: SqsShape | undefined },
): BuiltSqsEvent | SqsReceiveResult {
  const { shape = 'lambda', ...rest } = options ?? {};
  if (shape !== 'lambda' && shape !== 'api') invalid('shape', `expected 'lambda' or 'api', got ${describe(shape)}`);
  const list: readonly SqsPayload[] = Array.isArray(payloads) ? payloads : [payloads as SqsPayload];
  if (list.length === 0) invalid('payloads', 'give at least one payload (Lambda never delivers an empty SQS batch)');
  if (list.length > 1) {
    for (const option of ['messageId', 'receiptHandle'] as const) {
      if (rest[option] !== undefined) invalid(option, `one ${option} cannot name ${list.length} messages; build each with sqsRecord/sqsMessage`);
    }
  }
  const built = list.map((payload, index) =>
    list.length > 1
      ? build(payload, rest, `asSqs (payload ${index + 1})`, [...OPTIONS, 'shape'], `#${index}`)
      : build(payload, rest, 'asSqs', [...OPTIONS, 'shape']),
  );
  return shape === 'api' ? { Messages: built.map(apiMessage) } : { Records: built.map(lambdaRecord) };
}
