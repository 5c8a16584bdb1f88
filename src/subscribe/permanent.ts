/**
 * Permanent failures: the marker a handler throws when a retry cannot help (`PermanentError`),
 * the predicate that finds it in a cause chain (`isPermanent`), and the dead-letter sender of the
 * `permanent: { deadLetterQueueUrl }` policy.
 * @module
 */
import { importPeer } from '../optional-peer.js';
import type { SqsClientLike } from './consumer-types.js';
import type { S3EventHandlerError } from './errors.js';

const BRAND = Symbol.for('s3-event-kit.PermanentError');

/**
 * Thrown by a handler (or anything it calls) when a retry cannot fix the failure: the object is
 * gone, the file type is unsupported, the content is corrupt. The subscription then does not retry
 * the message: by default (`permanent: 'drop'`) it logs the failure once at error level and
 * acknowledges it (outcome `'dropped'`); with `permanent: { deadLetterQueueUrl }` it first sends
 * the message to that queue. `S3ObjectGoneError` from `s3-event-kit/aws` is one.
 *
 * Not the same as `onInvalid`, which is about messages that are not S3 events at all.
 *
 * @example
 * ```ts
 * import { PermanentError, subscribe } from 's3-event-kit';
 * export const handler = subscribe({ events: ['ObjectCreated:*'] }, async (event) => {
 *   if (!event.key.endsWith('.jpg')) throw new PermanentError(`unsupported file type: ${event.key}`);
 *   // … a thrown Error here is retried as usual
 * });
 * ```
 * @category Subscribe
 */
export class PermanentError extends Error {
  override readonly name: string = 'PermanentError';

  constructor(message: string, options?: { readonly cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
  }

  /** @internal cross-realm brand, see {@link isPermanent}. */
  get [BRAND](): true {
    return true;
  }
}

/** How deep `isPermanent` follows `cause` (a cycle or a very long chain ends there). */
const MAX_CAUSES = 16;

/**
 * Whether an error means "a retry cannot fix this": a {@link PermanentError} (of any copy of the
 * package), or an error whose `cause` chain holds one.
 *
 * @example
 * ```ts
 * import { isPermanent, PermanentError } from 's3-event-kit';
 * isPermanent(new PermanentError('corrupt PDF')); //=> true
 * isPermanent(new Error('wrapped', { cause: new PermanentError('gone') })); //=> true
 * isPermanent(new Error('timeout')); //=> false
 * ```
 * @category Subscribe
 */
export function isPermanent(error: unknown): boolean {
  let current = error;
  for (let depth = 0; depth < MAX_CAUSES && typeof current === 'object' && current !== null; depth++) {
    if ((current as Record<symbol, unknown>)[BRAND] === true) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * What a subscription does with a permanent failure (see {@link PermanentError}): `'drop'`
 * acknowledges the message after logging it; `{ deadLetterQueueUrl }` sends the message to that
 * SQS queue first (its body, its message attributes, and the error as attributes), and fails it
 * normally if the send fails, so nothing is lost. `client` sends it (default: the subscription's
 * `sqsClient`, else the consumer's own client in `start()`, else an `SQSClient` from
 * `@aws-sdk/client-sqs`).
 *
 * @example
 * ```ts
 * import { subscribe, type PermanentPolicy } from 's3-event-kit';
 * const permanent: PermanentPolicy = { deadLetterQueueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/thumbnails-rejected' };
 * export const handler = subscribe({ permanent }, async (event) => console.log(event.key));
 * ```
 * @category Subscribe
 */
export type PermanentPolicy =
  | 'drop'
  | {
      readonly deadLetterQueueUrl: string;
      readonly client?: SqsClientLike | undefined;
    };

/** The message attributes SQS allows on one message. */
const MAX_ATTRIBUTES = 10;
/** The attributes the dead-letter send adds (they win over the message's own when there is no room). */
const ERROR_ATTRIBUTES = 4;
/** SQS message attribute values may be long, but a log-sized error message is enough. */
const MAX_ERROR_TEXT = 1024;

interface AttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: Uint8Array;
}

interface SendMessageModule {
  SendMessageCommand: new (input: object) => object;
}

/** `SendMessage` for a client that is not the SDK's, when the SDK is not installed. */
class SendMessageCommand {
  constructor(readonly input: object) {}
}

/** Sends a permanently failed message to the dead-letter queue of the policy. */
export class DeadLetterSender {
  private client: SqsClientLike | undefined;

  constructor(
    readonly queueUrl: string,
    client: SqsClientLike | undefined,
  ) {
    this.client = client;
  }

  /** Uses `client` when the policy named none (the consumer's own). */
  withDefaultClient(client: SqsClientLike): DeadLetterSender {
    return this.client === undefined ? new DeadLetterSender(this.queueUrl, client) : this;
  }

  /** Sends the message; rejects when SQS (or loading the SDK) fails. */
  async send(message: unknown, error: S3EventHandlerError, group: string | undefined): Promise<string | undefined> {
    const module = await importPeer<SendMessageModule>('@aws-sdk/client-sqs', 'permanent: { deadLetterQueueUrl } without a client').catch(
      (loadError: unknown) => {
        if (this.client !== undefined && !('middlewareStack' in this.client)) return { SendMessageCommand };
        throw loadError;
      },
    );
    if (this.client === undefined) {
      const sdk = (await importPeer('@aws-sdk/client-sqs', 'permanent: { deadLetterQueueUrl } without a client')) as {
        SQSClient: new (config: object) => SqsClientLike;
      };
      this.client = new sdk.SQSClient({});
    }
    const input: Record<string, unknown> = {
      QueueUrl: this.queueUrl,
      MessageBody: bodyOf(message),
      MessageAttributes: attributesFor(message, error),
    };
    if (this.queueUrl.endsWith('.fifo')) {
      input['MessageGroupId'] = group ?? 'permanent-failures';
      input['MessageDeduplicationId'] = dedupeIdOf(error.messageId ?? `${error.event.bucket}/${error.event.key}`);
    }
    const output = (await this.client.send(new module.SendMessageCommand(input))) as { MessageId?: string } | undefined;
    return output?.MessageId;
  }
}

/** The message body as it arrived: the SQS body, else the message (SNS record, EventBridge event, S3 event) as JSON. */
function bodyOf(message: unknown): string {
  const m = message as Partial<Record<'body' | 'Body', unknown>> | null;
  const body = typeof m === 'object' && m !== null ? (m.body ?? m.Body) : undefined;
  return typeof body === 'string' ? body : JSON.stringify(message);
}

/** The error as attributes, then as many of the message's own String/Number/Binary attributes as fit. */
function attributesFor(message: unknown, error: S3EventHandlerError): Record<string, AttributeValue> {
  const cause = error.cause instanceof Error ? error.cause : undefined;
  const attributes: Record<string, AttributeValue> = {
    'S3EventKit.ErrorName': text(cause?.name ?? 'Error'),
    'S3EventKit.ErrorMessage': text((cause?.message ?? String(error.cause)).slice(0, MAX_ERROR_TEXT) || '(no message)'),
    'S3EventKit.Event': text(`${error.event.name} s3://${error.event.bucket}/${error.event.key}`.slice(0, MAX_ERROR_TEXT)),
    'S3EventKit.SourceMessageId': text(error.messageId ?? '(none)'),
  };
  let room = MAX_ATTRIBUTES - ERROR_ATTRIBUTES;
  for (const [name, value] of Object.entries(ownAttributes(message))) {
    if (room === 0) break;
    if (name in attributes) continue;
    attributes[name] = value;
    room--;
  }
  return attributes;
}

const text = (value: string): AttributeValue => ({ DataType: 'String', StringValue: value });

/** The SQS message attributes of a Lambda SQS record (`messageAttributes`) or an API message (`MessageAttributes`). */
function ownAttributes(message: unknown): Record<string, AttributeValue> {
  const m = message as { messageAttributes?: unknown; MessageAttributes?: unknown } | null;
  const raw = typeof m === 'object' && m !== null ? (m.messageAttributes ?? m.MessageAttributes) : undefined;
  if (typeof raw !== 'object' || raw === null) return {};
  const out: Record<string, AttributeValue> = {};
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    const v = value as Partial<Record<'dataType' | 'DataType' | 'stringValue' | 'StringValue' | 'binaryValue' | 'BinaryValue', unknown>>;
    const type = v.dataType ?? v.DataType;
    const string = v.stringValue ?? v.StringValue;
    const binary = v.binaryValue ?? v.BinaryValue;
    if (typeof type !== 'string') continue;
    if (typeof string === 'string') out[name] = { DataType: type, StringValue: string };
    else if (binary instanceof Uint8Array) out[name] = { DataType: type, BinaryValue: binary };
    else if (typeof binary === 'string') out[name] = { DataType: type, BinaryValue: Uint8Array.from(atob(binary), (c) => c.charCodeAt(0)) };
  }
  return out;
}

/** A FIFO deduplication id: at most 128 characters of `[A-Za-z0-9!-~]`. */
function dedupeIdOf(id: string): string {
  const safe = id.replace(/[^!-~]/g, '_');
  return safe.length <= 128 ? safe : safe.slice(0, 128);
}
