/**
 * `parse()` and `normalize()`: any S3 event, on any road, into `S3ObjectEvent`s.
 * @module
 */
import type { S3ObjectEvent, S3TestNotification, Via } from '../events/normalized.js';
import type { Carriers, Delivery } from './delivery.js';
import { readCarried, readSnsMessage, readSqsBody, type MessageContents } from './envelopes.js';
import { isS3EventParseError, S3EventParseError } from './errors.js';
import { isObject, object, optionalString, parseJson, Scope, show, type JsonObject } from './read.js';

/**
 * Options of {@link parse} and {@link normalize}.
 *
 * @example
 * ```ts
 * import { parse, type ParseOptions } from 's3-event-kit';
 * const options: ParseOptions = { roads: [['eventbridge', 'sqs']], decodeEventBridgeKeys: false };
 * declare const input: unknown;
 * parse(input, options);
 * ```
 * @category Normalize
 */
export interface ParseOptions {
  /**
   * Accept only these roads; an event that came another way is a failure with code
   * `UNEXPECTED_ROAD`. By default every road is accepted and detected from the shape.
   */
  readonly roads?: readonly Via[] | undefined;
  /**
   * Decode `detail.object.key` of EventBridge events like notification keys (`+` → space, then
   * percent-escapes). AWS does not document the encoding of EventBridge keys; Powertools and
   * LocalStack's AWS-checked emulation treat them as encoded. Set `false` to take them verbatim.
   * @defaultValue true
   */
  readonly decodeEventBridgeKeys?: boolean | undefined;
  /**
   * Decode `s3.object.key` of S3 notification records (`+` → space, then percent-escapes), as S3
   * encodes them. Set `false` when a middleware already decoded them in place —
   * `@middy/event-normalizer` does, on every road — and `true` to decode even keys inside a body
   * that arrived already parsed. Keys are decoded exactly once either way; see docs/keys.md.
   * @defaultValue decode keys that arrived as JSON text (every AWS road); take keys inside an SQS
   *   body or SNS `Message` that arrived as an object (parsed by a middleware) as already decoded,
   *   as `@middy/event-normalizer` leaves them. A direct S3 event carries no such trace: with that
   *   middleware in front of an S3 trigger, pass `false`.
   * @example
   * ```ts
   * import { normalize } from 's3-event-kit';
   * declare const eventAfterMiddyEventNormalizer: unknown;
   * normalize(eventAfterMiddyEventNormalizer, { decodeNotificationKeys: false });
   * ```
   */
  readonly decodeNotificationKeys?: boolean | undefined;
}

/**
 * What {@link parse} returns: the events, the `s3:TestEvent`s, and a failure per message that
 * could not be read (with its SQS/SNS message id, so a batch can report exactly which failed).
 *
 * @example
 * ```ts
 * import { parse, type ParseResult } from 's3-event-kit';
 * declare const input: unknown;
 * const { events, testEvents, failures }: ParseResult = parse(input);
 * for (const failure of failures) console.warn(failure.code, failure.path, failure.messageId);
 * ```
 * @category Normalize
 */
export interface ParseResult {
  readonly events: S3ObjectEvent[];
  readonly testEvents: S3TestNotification[];
  readonly failures: S3EventParseError[];
}

/**
 * What one message of the input yielded. A message that fails yields nothing but its failure.
 *
 * @example
 * ```ts
 * import { parseMessages, type ParsedMessage } from 's3-event-kit';
 * declare const sqsEvent: unknown;
 * const retry = (m: ParsedMessage) => m.failure !== undefined && m.failure.code !== 'NOT_S3_EVENT';
 * const toRetry = parseMessages(sqsEvent).messages.filter(retry).map((m) => m.messageId);
 * ```
 * @category Normalize
 */
export interface ParsedMessage extends MessageContents {
  readonly messageId: string | undefined;
  readonly receiptHandle: string | undefined;
  readonly failure: S3EventParseError | undefined;
  /** The SQS record or message, the SNS record, or the whole input. */
  readonly message: unknown;
}

/**
 * The input split into its messages, with the outermost carrier: `'sqs'` (a Lambda SQS event or
 * `ReceiveMessage` messages), `'sns'`, `'eventbridge'`, `'s3'`, or `undefined` when unknown.
 *
 * @example
 * ```ts
 * import { parseMessages, type ParsedBatch } from 's3-event-kit';
 * declare const event: unknown;
 * const batch: ParsedBatch = parseMessages(event);
 * if (batch.carrier === 'sqs') console.log(`${batch.messages.length} SQS messages`);
 * ```
 * @category Normalize
 */
export interface ParsedBatch {
  readonly carrier: 'sqs' | 'sns' | 'eventbridge' | 's3' | undefined;
  readonly messages: ParsedMessage[];
}

interface Settings {
  readonly roads: ReadonlySet<string> | undefined;
  readonly decodeEventBridgeKeys: boolean;
  readonly decodeNotificationKeys: boolean | undefined;
}

/**
 * Reads any input message by message. `parse()`, `normalize()` and `subscribe()` are built on it;
 * use it when you need to act per message (acknowledge, retry, report).
 *
 * @example
 * ```ts
 * import { parseMessages } from 's3-event-kit';
 * declare const sqsEvent: unknown;
 * const failed = parseMessages(sqsEvent).messages.filter((m) => m.failure).map((m) => m.messageId);
 * ```
 * @category Normalize
 */
export function parseMessages(input: unknown, options?: ParseOptions): ParsedBatch {
  const settings: Settings = {
    roads: options?.roads && new Set(options.roads.map((via) => via.join('/'))),
    decodeEventBridgeKeys: options?.decodeEventBridgeKeys ?? true,
    decodeNotificationKeys: options?.decodeNotificationKeys,
  };
  const root = Scope.root();
  let value = input;
  if (typeof input === 'string') {
    const parsed = attempt(input, undefined, undefined, '', settings, () => {
      value = parseJson(input, root, '');
    });
    if (parsed.failure) return { carrier: undefined, messages: [parsed] };
  }
  if (Array.isArray(value)) return { carrier: 'sqs', messages: eachMessage(value, root, settings, sqsListItem) };
  if (isObject(value)) {
    const records = value['Records'];
    if (Array.isArray(records)) return fromRecords(value, records, root, settings);
    const messages = value['Messages'];
    if (Array.isArray(messages)) return { carrier: 'sqs', messages: eachMessage(messages, root.child('Messages'), settings, sqsApiMessage) };
    if (messages === undefined && isEmptyReceiveResult(value)) return { carrier: 'sqs', messages: [] };
    if (isBody(value['Body']) && ('MessageId' in value || 'ReceiptHandle' in value)) {
      return { carrier: 'sqs', messages: [sqsApiMessage(value, root, '', settings)] };
    }
  }
  return single(value, root, settings);
}

type MessageReader = (message: unknown, list: Scope, index: number | '', settings: Settings) => ParsedMessage;

/** An SQS API message's `Body`: JSON text, or the object a middleware parsed it into. */
function isBody(body: unknown): boolean {
  return typeof body === 'string' || isObject(body);
}

/** Reads each message of a list (holes in a sparse array read as `undefined`, and fail). */
function eachMessage(list: readonly unknown[], scope: Scope, settings: Settings, read: MessageReader): ParsedMessage[] {
  const messages: ParsedMessage[] = [];
  for (let index = 0; index < list.length; index++) messages.push(read(list[index], scope, index, settings));
  return messages;
}

/** A lone event: an S3 notification, an EventBridge event, SNS JSON (HTTP), a test event, or junk. */
function single(value: unknown, root: Scope, settings: Settings): ParsedBatch {
  const carrier = !isObject(value)
    ? undefined
    : value['Type'] === 'Notification'
      ? 'sns'
      : 'detail-type' in value
        ? 'eventbridge'
        : 's3';
  const id = isObject(value) ? (carrier === 'sns' ? value['MessageId'] : value['id']) : undefined;
  const messageId = typeof id === 'string' ? id : undefined;
  const message = attempt(value, messageId, undefined, '', settings, (delivery, out) =>
    readCarried(value, delivery, root.child('', messageId), out),
  );
  return { carrier: message.failure ? undefined : carrier, messages: [message] };
}

/**
 * A `ReceiveMessage` result from an empty queue: SDK v3 leaves `Messages` out and keeps only
 * `$metadata`. Nothing else may be there, so a stray object is still a failure.
 */
function isEmptyReceiveResult(value: JsonObject): boolean {
  let keys = 0;
  for (const key in value) {
    if (key !== '$metadata' && key !== 'Messages') return false;
    keys++;
  }
  return keys > 0;
}

/** `{ Records }`: SQS or SNS Lambda records by the first record's source, else an S3 notification (or junk). */
function fromRecords(value: JsonObject, records: unknown[], root: Scope, settings: Settings): ParsedBatch {
  const first = records[0];
  if (isObject(first) && first['eventSource'] === 'aws:sqs') {
    return { carrier: 'sqs', messages: eachMessage(records, root.child('Records'), settings, sqsLambdaRecord) };
  }
  if (isObject(first) && first['EventSource'] === 'aws:sns') {
    return { carrier: 'sns', messages: eachMessage(records, root.child('Records'), settings, snsLambdaRecord) };
  }
  return single(value, root, settings);
}

function sqsLambdaRecord(record: unknown, list: Scope, index: number | '', settings: Settings): ParsedMessage {
  return sqsMessage(record, false, list, index, settings);
}

function sqsApiMessage(message: unknown, list: Scope, index: number | '', settings: Settings): ParsedMessage {
  return sqsMessage(message, true, list, index, settings);
}

/** An item of a bare array: SQS API messages (a `ReceiveMessage` list) or Lambda SQS records (an event's `Records`). */
function sqsListItem(message: unknown, list: Scope, index: number | '', settings: Settings): ParsedMessage {
  const lambda = isObject(message) && message['eventSource'] === 'aws:sqs';
  return sqsMessage(message, !lambda, list, index, settings);
}

/** An SQS message: a Lambda record (`messageId`, `body`) or an API message (`MessageId`, `Body`). */
function sqsMessage(message: unknown, api: boolean, list: Scope, index: number | '', settings: Settings): ParsedMessage {
  const fields = api ? API_FIELDS : LAMBDA_FIELDS;
  const id = isObject(message) ? message[fields.id] : undefined;
  const handle = isObject(message) ? message[fields.handle] : undefined;
  const messageId = typeof id === 'string' ? id : undefined;
  const receiptHandle = typeof handle === 'string' ? handle : undefined;
  return attempt(message, messageId, receiptHandle, 'sqs', settings, (delivery, out) => {
    if (!isObject(message)) return list.child('', messageId).fail('UNKNOWN_SHAPE', 'expected an SQS message object', index, message);
    const scope = list.child(index, messageId);
    if (!api && message['eventSource'] !== 'aws:sqs') {
      scope.fail('UNKNOWN_SHAPE', `eventSource is ${show(message['eventSource'])} in a batch of SQS records`, 'eventSource', message);
    }
    optionalString(id, scope, fields.id);
    optionalString(handle, scope, fields.handle);
    readSqsBody(message[fields.body], delivery, scope, fields.body, out);
  });
}

const API_FIELDS = { id: 'MessageId', handle: 'ReceiptHandle', body: 'Body' } as const;
const LAMBDA_FIELDS = { id: 'messageId', handle: 'receiptHandle', body: 'body' } as const;

function snsLambdaRecord(record: unknown, list: Scope, index: number | '', settings: Settings): ParsedMessage {
  const sns = isObject(record) ? record['Sns'] : undefined;
  const id = isObject(sns) ? sns['MessageId'] : undefined;
  const messageId = typeof id === 'string' ? id : undefined;
  return attempt(record, messageId, undefined, 'sns', settings, (delivery, out) => {
    if (!isObject(record)) return list.child('', messageId).fail('UNKNOWN_SHAPE', 'expected an SNS record object', index, record);
    const scope = list.child(index, messageId);
    if (record['EventSource'] !== 'aws:sns') {
      scope.fail('UNKNOWN_SHAPE', `EventSource is ${show(record['EventSource'])} in a batch of SNS records`, 'EventSource', record);
    }
    const notification = object(sns, scope, 'Sns');
    optionalString(id, scope, 'Sns.MessageId');
    readSnsMessage(notification, delivery, scope.child('Sns'), out);
  });
}

/** Reads one message; any failure inside it becomes its `failure`, and it yields no events. */
function attempt(
  message: unknown,
  messageId: string | undefined,
  receiptHandle: string | undefined,
  carriers: Carriers,
  settings: Settings,
  read: (delivery: Delivery, out: MessageContents) => void,
): ParsedMessage {
  const out: MessageContents = { events: [], testEvents: [] };
  const delivery: Delivery = {
    carriers,
    messageId,
    receiptHandle,
    decodeEventBridgeKeys: settings.decodeEventBridgeKeys,
    decodeNotificationKeys: settings.decodeNotificationKeys ?? true,
    notificationKeysOption: settings.decodeNotificationKeys,
  };
  try {
    read(delivery, out);
    if (settings.roads) checkRoads(out, settings.roads, messageId);
  } catch (error) {
    if (!isS3EventParseError(error)) throw error;
    return { messageId, receiptHandle, events: [], testEvents: [], failure: error, message };
  }
  return { messageId, receiptHandle, events: out.events, testEvents: out.testEvents, failure: undefined, message };
}

function checkRoads(out: MessageContents, roads: ReadonlySet<string>, messageId: string | undefined): void {
  for (const item of [...out.events, ...out.testEvents]) {
    const road = item.via.join('/');
    if (!roads.has(road)) {
      throw new S3EventParseError(`event came by road ${road}, which the roads option does not allow`, {
        code: 'UNEXPECTED_ROAD',
        path: '',
        input: item,
        messageId,
      });
    }
  }
}

/**
 * Reads whatever arrived, never throwing for bad input: the S3 object events, the
 * `s3:TestEvent`s, and one failure per message that could not be read. Good messages in the same
 * batch still yield their events.
 *
 * Accepts every road: a direct Lambda S3 event, an SQS Lambda event, SQS `ReceiveMessage`
 * messages (one, an array, or the `{ Messages }` result), an SNS Lambda event, SNS JSON (with or
 * without raw delivery), EventBridge events (direct, in SQS, in SNS, in SNS in SQS), or a JSON
 * string of any of these.
 *
 * @example
 * ```ts
 * import { parse } from 's3-event-kit';
 *
 * export const handler = async (event: unknown) => {
 *   const { events, failures } = parse(event);
 *   for (const e of events) console.log(e.via.join('→'), e.name, e.bucket, e.key);
 *   return { batchItemFailures: failures.map((f) => ({ itemIdentifier: f.messageId ?? '' })) };
 * };
 * ```
 * @category Normalize
 */
export function parse(input: unknown, options?: ParseOptions): ParseResult {
  const { messages } = parseMessages(input, options);
  if (messages.length === 1) {
    const [only] = messages as [ParsedMessage];
    return { events: only.events, testEvents: only.testEvents, failures: only.failure ? [only.failure] : [] };
  }
  const result: ParseResult = { events: [], testEvents: [], failures: [] };
  for (const message of messages) {
    if (message.failure) result.failures.push(message.failure);
    for (const event of message.events) result.events.push(event);
    for (const test of message.testEvents) result.testEvents.push(test);
  }
  return result;
}

/**
 * Turns whatever arrived into typed, decoded, validated `S3ObjectEvent`s, on any road (see
 * {@link parse}). `s3:TestEvent`s are skipped.
 *
 * @throws {@link S3EventParseError} for the first message that could not be read, with its JSON
 *   path and message id. Use {@link parse} to keep the good messages of a batch.
 * @example
 * ```ts
 * import { normalize } from 's3-event-kit';
 *
 * export const handler = async (event: unknown) => {
 *   for (const e of normalize(event)) {
 *     if (e.type === 'ObjectCreated') console.log(`new object s3://${e.bucket}/${e.key} (${e.size} bytes)`);
 *   }
 * };
 * ```
 * @category Normalize
 */
export function normalize(input: unknown, options?: ParseOptions): S3ObjectEvent[] {
  const { events, failures } = parse(input, options);
  const [first] = failures;
  if (first) throw first;
  return events;
}
