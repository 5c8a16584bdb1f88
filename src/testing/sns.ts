/** `asSns()`: a payload published to an SNS topic, as Lambda or SQS receives it. @module */
import type { SnsLambdaEvent, SnsLambdaRecord, SnsNotification } from '../events/envelopes.js';
import type { S3EventNotification, S3TestEvent } from '../events/notification.js';
import {
  ACCOUNT,
  describe,
  isoMillis,
  checkObject,
  isPlainObject,
  optionalText,
  REGION,
  SNS_CERT,
  toMillis,
  TOPIC_NAME,
  idSource,
} from './defaults.js';
import { invalid } from './errors.js';
import { inspectPayload, rawSnsDeliveries, type SnsPayload } from './payloads.js';

/**
 * How the SNS subscription delivers:
 * - `'lambda'`: the Lambda event of an SNS subscription (`Records[0].Sns`, keys `SigningCertUrl` /
 *   `UnsubscribeUrl`).
 * - `'sqs'`: the SNS notification JSON that an SQS subscription puts in the message body (keys
 *   `SigningCertURL` / `UnsubscribeURL`); pass it to `asSqs`, which pretty-prints it as SNS does.
 * - `'raw'`: raw message delivery to SQS: SNS strips its envelope and the body is the payload
 *   itself; pass it to `asSqs`.
 *
 * @example
 * ```ts
 * import { asS3Event, asSns, s3Record, type SnsDelivery } from 's3-event-kit/testing';
 * const delivery: SnsDelivery = 'sqs';
 * asSns(asS3Event(s3Record()), { delivery }).Type; //=> 'Notification'
 * ```
 * @category Testing
 */
export type SnsDelivery = 'lambda' | 'sqs' | 'raw';

/**
 * Options of {@link asSns}, besides `delivery` (which picks the return type: see {@link SnsDelivery}).
 *
 * @example
 * ```ts
 * import { asS3Event, asSns, s3Record, type SnsOptions } from 's3-event-kit/testing';
 * const options: SnsOptions = { messageId: 'n1', topicArn: 'arn:aws:sns:eu-west-1:111122223333:uploads', subscriptionId: 's1' };
 * asSns(asS3Event(s3Record()), options).Records[0]?.EventSubscriptionArn; //=> 'arn:aws:sns:eu-west-1:111122223333:uploads:s1'
 * ```
 * @category Testing
 */
export interface SnsOptions {
  /** `MessageId`. Default: a random UUID. */
  messageId?: string | undefined;
  /** `TopicArn`. Default `arn:aws:sns:<region>:<account>:s3-events`. */
  topicArn?: string | undefined;
  /** Region of the topic. Default: the payload's Region (S3 publishes only to topics in the bucket's Region), else `us-east-1`. */
  region?: string | undefined;
  /** Account of the topic. Default `'123456789012'`. */
  account?: string | undefined;
  /**
   * `Subject`. Default `'Amazon S3 Notification'` for S3 notifications and test events, none for
   * EventBridge events and strings. Without a subject the Lambda form has `Subject: null` and the
   * SQS form has no `Subject` key, as SNS writes them. `null` means no subject.
   */
  subject?: string | null | undefined;
  /** `Timestamp`, ISO-8601 with milliseconds. Default: half a second after the payload's time, else now. */
  timestamp?: string | number | Date | undefined;
  /** The subscription's id, the last part of `EventSubscriptionArn` and of the unsubscribe URL. Default: a random UUID. */
  subscriptionId?: string | undefined;
  /** `SignatureVersion`. @defaultValue '1' */
  signatureVersion?: string | undefined;
  /** `Signature`. Default: 344 random base64 characters (not a valid signature). */
  signature?: string | undefined;
  /** `SigningCertUrl` / `SigningCertURL`. Default: SNS's certificate URL in the topic's Region. */
  signingCertUrl?: string | undefined;
  /** `UnsubscribeUrl` / `UnsubscribeURL`. Default: SNS's unsubscribe URL for the subscription. */
  unsubscribeUrl?: string | undefined;
  /** `MessageAttributes`. S3 and EventBridge set none: `{}` in the Lambda form, absent in the SQS form. */
  messageAttributes?: Record<string, { Type: string; Value: string }> | undefined;
  /**
   * Makes the notification deterministic without naming every id: `MessageId`, the subscription
   * id and `Signature` are derived from the seed instead of `node:crypto`, and `Timestamp` of a
   * payload without a time (a string) is `2024-01-01T00:00:00.000Z` instead of now. The same seed
   * and payload give the same output.
   *
   * @example
   * ```ts
   * import { asS3Event, asSns, s3Record } from 's3-event-kit/testing';
   * const message = asS3Event(s3Record({ seed: 7 }));
   * JSON.stringify(asSns(message, { seed: 7 })) === JSON.stringify(asSns(message, { seed: 7 })); //=> true
   * ```
   */
  seed?: string | number | undefined;
}

/**
 * The SNS Lambda event {@link asSns} builds: every field SNS writes is there (`Signature`,
 * `SigningCertUrl`, `UnsubscribeUrl`, `MessageAttributes`), and `Subject` is a string, or `null`
 * when SNS had none (EventBridge events and strings, unless you give `subject`). With a string
 * subject (the default for S3 notifications and test events) it fits `SNSEvent` of
 * `@types/aws-lambda`, which does not know the `null`.
 *
 * @example
 * ```ts
 * import type { SNSEvent } from 'aws-lambda';
 * import { asEventBridge, asS3Event, asSns, s3Record, type BuiltSnsEvent } from 's3-event-kit/testing';
 * const fromS3: SNSEvent = asSns(asS3Event(s3Record()));
 * const fromRule: BuiltSnsEvent = asSns(asEventBridge());
 * fromRule.Records[0]?.Sns.Subject; //=> null
 * fromS3.Records[0]?.Sns.Subject; //=> 'Amazon S3 Notification'
 * ```
 * @category Testing
 */
export interface BuiltSnsEvent<Subject extends string | null = string | null> extends SnsLambdaEvent {
  Records: Array<
    SnsLambdaRecord & {
      Sns: SnsNotification & {
        Subject: Subject;
        SignatureVersion: string;
        Signature: string;
        SigningCertUrl: string;
        UnsubscribeUrl: string;
        MessageAttributes: Record<string, { Type: string; Value: string }>;
      };
    }
  >;
}

const OPTIONS: readonly (keyof SnsOptions | 'delivery')[] = [
  'delivery',
  'messageId',
  'topicArn',
  'region',
  'account',
  'subject',
  'timestamp',
  'subscriptionId',
  'signatureVersion',
  'signature',
  'signingCertUrl',
  'unsubscribeUrl',
  'messageAttributes',
  'seed',
];

/**
 * Publishes a payload to an SNS topic and gives what the subscriber receives:
 * - by default (`delivery: 'lambda'`) the Lambda event of an SNS subscription: S3 → SNS → Lambda
 *   (`via` `['s3', 'sns']`), EventBridge → SNS → Lambda (`['eventbridge', 'sns']`);
 * - with `delivery: 'sqs'` the SNS notification JSON an SQS subscription receives; wrap it with
 *   `asSqs` for S3 → SNS → SQS (`['s3', 'sns', 'sqs']`) or EventBridge → SNS → SQS;
 * - with `delivery: 'raw'` the payload itself (raw message delivery strips the SNS envelope); wrap
 *   it with `asSqs`: the road then looks like S3 → SQS (`['s3', 'sqs']`).
 *
 * The payload is the S3 notification message (`asS3Event`), an EventBridge event (`asEventBridge`),
 * an `s3:TestEvent` (`testEvent`) or any string (to test messages that are not S3 events).
 *
 * @throws {@link S3EventFactoryError} when the payload cannot be published (e.g. an SNS Lambda
 *   event) or an option is invalid.
 * @example
 * ```ts
 * import { normalize } from 's3-event-kit';
 * import { asS3Event, asSns, asSqs, s3Record } from 's3-event-kit/testing';
 *
 * const message = asS3Event(s3Record({ key: 'in/report.csv' }));
 * normalize(asSns(message, { messageId: 'sns-1' }))[0]?.messageId; //=> 'sns-1'
 * normalize(asSqs(asSns(message, { delivery: 'sqs' })))[0]?.via; //=> ['s3', 'sns', 'sqs']
 * normalize(asSqs(asSns(message, { delivery: 'raw' })))[0]?.via; //=> ['s3', 'sqs']
 * ```
 * @category Testing
 */
export function asSns(
  payload: S3EventNotification | S3TestEvent,
  options?: SnsOptions & { delivery?: 'lambda' | undefined; subject?: string | undefined },
): BuiltSnsEvent<string>;
export function asSns(payload: SnsPayload, options: SnsOptions & { delivery?: 'lambda' | undefined; subject: string }): BuiltSnsEvent<string>;
export function asSns(payload: SnsPayload, options?: SnsOptions & { delivery?: 'lambda' | undefined }): BuiltSnsEvent;
export function asSns(payload: SnsPayload, options: SnsOptions & { delivery: 'sqs' }): SnsNotification;
export function asSns<const Payload extends SnsPayload>(payload: Payload, options: { delivery: 'raw' }): Payload;
export function asSns(
  payload: SnsPayload,
  options?: SnsOptions & { delivery?: SnsDelivery | undefined },
): BuiltSnsEvent | SnsNotification | SnsPayload {
  const o: SnsOptions & { delivery?: SnsDelivery | undefined } = options ?? {};
  checkObject(o, 'options');
  for (const option of Object.keys(o)) {
    if (!(OPTIONS as readonly string[]).includes(option)) invalid(option, `unknown option; asSns takes ${OPTIONS.join(', ')}`);
  }
  const delivery = o.delivery ?? 'lambda';
  if (delivery !== 'lambda' && delivery !== 'sqs' && delivery !== 'raw') {
    invalid('delivery', `expected 'lambda', 'sqs' or 'raw', got ${describe(delivery)}`);
  }
  const info = inspectPayload(payload, 'asSns', false);

  if (delivery === 'raw') {
    const extra = Object.keys(o).filter((option) => option !== 'delivery');
    if (extra.length > 0) {
      invalid(extra[0] as string, 'raw message delivery strips the SNS envelope, so SNS options do not apply; set SQS options on asSqs');
    }
    if (typeof payload === 'string') return payload;
    const copy = { ...payload };
    rawSnsDeliveries.add(copy);
    return copy;
  }

  const ids = idSource(o.seed);
  const region = optionalText(o.region, 'region') ?? info.region ?? REGION;
  const account = optionalText(o.account, 'account') ?? ACCOUNT;
  const topicArn = optionalText(o.topicArn, 'topicArn') ?? `arn:aws:sns:${region}:${account}:${TOPIC_NAME}`;
  const subscriptionArn = `${topicArn}:${optionalText(o.subscriptionId, 'subscriptionId') ?? ids.uuid('sns.subscriptionId')}`;
  const subject =
    o.subject === null
      ? null
      : (optionalText(o.subject, 'subject') ?? (info.kind === 's3' || info.kind === 'test' ? 'Amazon S3 Notification' : null));
  const timestamp = isoMillis(toMillis(o.timestamp, 'timestamp', info.timeMs === undefined ? ids.now() : info.timeMs + 500));
  const certUrl = optionalText(o.signingCertUrl, 'signingCertUrl') ?? `https://sns.${region}.amazonaws.com/${SNS_CERT}`;
  const unsubscribeUrl =
    optionalText(o.unsubscribeUrl, 'unsubscribeUrl') ??
    `https://sns.${region}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn}`;
  const attributes = checkAttributes(o.messageAttributes);
  const common = {
    Type: 'Notification' as const,
    MessageId: optionalText(o.messageId, 'messageId') ?? ids.uuid('sns.messageId'),
    TopicArn: topicArn,
  };
  const message = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const signed = {
    Timestamp: timestamp,
    SignatureVersion: optionalText(o.signatureVersion, 'signatureVersion') ?? '1',
    Signature: optionalText(o.signature, 'signature') ?? ids.signature('sns'),
  };

  if (delivery === 'sqs') {
    return {
      ...common,
      ...(subject !== null && { Subject: subject }),
      Message: message,
      ...signed,
      SigningCertURL: certUrl,
      UnsubscribeURL: unsubscribeUrl,
      ...(attributes !== undefined && Object.keys(attributes).length > 0 && { MessageAttributes: attributes }),
    };
  }
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: subscriptionArn,
        Sns: {
          ...common,
          Subject: subject,
          Message: message,
          ...signed,
          SigningCertUrl: certUrl,
          UnsubscribeUrl: unsubscribeUrl,
          MessageAttributes: attributes ?? {},
        },
      },
    ],
  };
}

function checkAttributes(value: unknown): Record<string, { Type: string; Value: string }> | undefined {
  if (value === undefined) return undefined;
  if (!isPlainObject(value)) return invalid('messageAttributes', `expected an object, got ${describe(value)}`);
  const out: Record<string, { Type: string; Value: string }> = {};
  for (const [name, attribute] of Object.entries(value)) {
    if (!isPlainObject(attribute) || typeof attribute['Type'] !== 'string' || typeof attribute['Value'] !== 'string') {
      invalid('messageAttributes', `${JSON.stringify(name)} must be { Type: string, Value: string }`);
    }
    out[name] = { Type: attribute['Type'], Value: attribute['Value'] };
  }
  return out;
}
