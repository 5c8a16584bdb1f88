/** `deliver()` and `ROADS`: one record, sent down any road. @module */
import type { S3EventBridgeEvent } from '../events/eventbridge.js';
import type { Via } from '../events/normalized.js';
import type { S3EventNotification, S3EventRecord } from '../events/notification.js';
import { checkObject, describe } from './defaults.js';
import { invalid } from './errors.js';
import { asEventBridge, type EventBridgeOptions } from './eventbridge.js';
import { asS3Event } from './s3-record.js';
import { asSns, type BuiltSnsEvent, type SnsOptions } from './sns.js';
import { asSqs, type BuiltSqsEvent, type SqsOptions, type SqsReceiveResult, type SqsShape } from './sqs.js';

/**
 * A road an S3 event can take to your code (every {@link Via} but `['list']`).
 *
 * @example
 * ```ts
 * import type { S3Road } from 's3-event-kit/testing';
 * const road: S3Road = ['s3', 'sns', 'sqs'];
 * ```
 * @category Testing
 */
export type S3Road = Exclude<Via, readonly ['list']>;

/**
 * Every road, origin first, in the order of the DESIGN table: handy for `it.each`.
 *
 * @example
 * ```ts
 * import { normalize } from 's3-event-kit';
 * import { deliver, ROADS, s3Record } from 's3-event-kit/testing';
 *
 * const record = s3Record({ key: 'a b.txt' });
 * ROADS.map((road) => normalize(deliver(record, road))[0]?.key).every((key) => key === 'a b.txt'); //=> true
 * ```
 * @category Testing
 */
export const ROADS: readonly S3Road[] = Object.freeze([
  Object.freeze(['s3'] as const),
  Object.freeze(['s3', 'sqs'] as const),
  Object.freeze(['s3', 'sns'] as const),
  Object.freeze(['s3', 'sns', 'sqs'] as const),
  Object.freeze(['eventbridge'] as const),
  Object.freeze(['eventbridge', 'sqs'] as const),
  Object.freeze(['eventbridge', 'sns'] as const),
  Object.freeze(['eventbridge', 'sns', 'sqs'] as const),
]);

/**
 * What arrives at the end of a road: the S3 message, the EventBridge event, an SNS Lambda event, or
 * an SQS Lambda event (`{ Records }`) / `ReceiveMessage` result (`{ Messages }`).
 *
 * @example
 * ```ts
 * import { deliver, s3Record, type RoadPayload } from 's3-event-kit/testing';
 * const payload: RoadPayload<['s3', 'sns']> = deliver(s3Record(), ['s3', 'sns']);
 * payload.Records[0]?.EventSource; //=> 'aws:sns'
 * ```
 * @category Testing
 */
export type RoadPayload<Road extends S3Road> = Road extends readonly ['s3']
  ? S3EventNotification
  : Road extends readonly ['eventbridge']
    ? S3EventBridgeEvent
    : Road extends readonly [...unknown[], 'sns']
      ? BuiltSnsEvent
      : BuiltSqsEvent | SqsReceiveResult;

/**
 * Options of {@link deliver}, per hop.
 *
 * @example
 * ```ts
 * import { deliver, s3Record, type DeliverOptions } from 's3-event-kit/testing';
 * const options: DeliverOptions = { sqs: { shape: 'api', messageId: 'm1' }, rawSns: true };
 * deliver(s3Record(), ['s3', 'sqs'], options); // a ReceiveMessage result whose message SNS delivered raw
 * ```
 * @category Testing
 */
export interface DeliverOptions {
  /** For roads through EventBridge. */
  eventBridge?: EventBridgeOptions | undefined;
  /** For roads through SNS (the road chooses the delivery). */
  sns?: SnsOptions | undefined;
  /** For roads ending in SQS; `shape: 'api'` gives the `ReceiveMessage` result. */
  sqs?: (SqsOptions & { shape?: SqsShape | undefined }) | undefined;
  /**
   * On `['s3', 'sqs']` and `['eventbridge', 'sqs']`: go through an SNS topic with raw message
   * delivery (the body is the same; only the sender differs).
   */
  rawSns?: boolean | undefined;
  /**
   * The `seed` of every hop whose options give none (see `S3RecordOptions.seed`): with a seeded
   * record, the whole payload is the same on every run.
   *
   * @example
   * ```ts
   * import { deliver, s3Record } from 's3-event-kit/testing';
   * const once = () => JSON.stringify(deliver(s3Record({ seed: 1 }), ['s3', 'sns', 'sqs'], { seed: 1 }));
   * once() === once(); //=> true
   * ```
   */
  seed?: string | number | undefined;
}

const KEY_OF = (road: readonly string[]): string => road.join('>');
const KNOWN: ReadonlySet<string> = new Set(ROADS.map(KEY_OF));

/**
 * Sends one record down a road and gives what arrives at the end: the composition of `asS3Event`,
 * `asEventBridge`, `asSns` and `asSqs` that the road stands for. `normalize()` of the result has
 * `via` equal to `road`.
 *
 * @throws {@link S3EventFactoryError} for an unknown road, or `UNSUPPORTED_ROAD` when the event
 *   name never goes to EventBridge and the road starts there.
 * @example
 * ```ts
 * import { normalize } from 's3-event-kit';
 * import { deliver, s3Record } from 's3-event-kit/testing';
 *
 * const payload = deliver(s3Record({ name: 'ObjectRemoved:Delete', key: 'old.txt' }), ['eventbridge', 'sns', 'sqs'], {
 *   sqs: { messageId: 'm1' },
 * });
 * const [event] = normalize(payload);
 * event?.via; //=> ['eventbridge', 'sns', 'sqs']
 * event?.messageId; //=> 'm1'
 * ```
 * @category Testing
 */
export function deliver<const Road extends S3Road>(record: S3EventRecord, road: Road, options?: DeliverOptions): RoadPayload<Road>;
export function deliver(record: S3EventRecord, road: S3Road, options?: DeliverOptions): RoadPayload<S3Road> {
  if (!Array.isArray(road) || !KNOWN.has(KEY_OF(road))) {
    invalid('road', `expected one of ${ROADS.map((r) => JSON.stringify(r)).join(', ')}, got ${describe(road)}`);
  }
  const o: DeliverOptions = options ?? {};
  checkObject(o, 'options');
  const [origin, ...hops] = road;
  const seed = o.seed === undefined ? {} : { seed: o.seed };
  let payload: S3EventNotification | S3EventBridgeEvent =
    origin === 's3' ? asS3Event(record) : asEventBridge(record, { ...seed, ...o.eventBridge });
  if (hops.length === 0) return payload;
  if (hops[0] === 'sns' && hops.length === 1) return asSns(payload, { ...seed, ...o.sns });
  if (hops[0] === 'sns') return asSqs(asSns(payload, { ...seed, ...o.sns, delivery: 'sqs' }), { ...seed, ...o.sqs });
  if (o.rawSns === true) payload = asSns(payload, { delivery: 'raw' });
  return asSqs(payload, { ...seed, ...o.sqs });
}
