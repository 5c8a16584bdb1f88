/** `testEvent()`: the `s3:TestEvent` message S3 sends when a notification configuration is written. @module */
import type { S3TestEvent } from '../events/notification.js';
import { BUCKET, checkObject, idSource, isoMillis, optionalText, toMillis } from './defaults.js';
import { invalid } from './errors.js';

/**
 * What {@link testEvent} builds the message from.
 *
 * @example
 * ```ts
 * import { testEvent, type TestEventOptions } from 's3-event-kit/testing';
 * const options: TestEventOptions = { bucket: 'photos', time: '2014-10-13T15:57:02.089Z' };
 * testEvent(options).Time; //=> '2014-10-13T15:57:02.089Z'
 * ```
 * @category Testing
 */
export interface TestEventOptions {
  /** `Bucket` (the bucket name). Default `'amzn-s3-demo-bucket'`. */
  bucket?: string | undefined;
  /** `Time`, written as ISO-8601 with milliseconds. Default: now. */
  time?: string | number | Date | undefined;
  /** `RequestId`. Default: 16 random uppercase alphanumerics. */
  requestId?: string | undefined;
  /** `HostId`. Default: random base64. */
  hostId?: string | undefined;
  /**
   * Makes the message deterministic: `RequestId` and `HostId` come from the seed instead of
   * `node:crypto`, and `Time` defaults to `2024-01-01T00:00:00.000Z` instead of now.
   *
   * @example
   * ```ts
   * import { testEvent } from 's3-event-kit/testing';
   * testEvent({ seed: 'a' }).RequestId === testEvent({ seed: 'a' }).RequestId; //=> true
   * ```
   */
  seed?: string | number | undefined;
}

/**
 * The `s3:TestEvent` message S3 sends to every SQS and SNS destination each time a notification
 * configuration is written: PascalCase keys, no `Records`, no Region. It reaches SQS and SNS
 * (wrap it with `asSqs` / `asSns`), never Lambda directly and never EventBridge. `parse()` reports
 * it in `testEvents`; `normalize()` skips it.
 *
 * @example
 * ```ts
 * import { parse } from 's3-event-kit';
 * import { asSqs, testEvent } from 's3-event-kit/testing';
 *
 * const { events, testEvents } = parse(asSqs(testEvent({ bucket: 'photos' })));
 * events.length; //=> 0
 * testEvents[0]?.bucket; //=> 'photos'
 * ```
 * @category Testing
 */
export function testEvent(options?: TestEventOptions): S3TestEvent {
  const o: TestEventOptions = options ?? {};
  checkObject(o, 'options');
  for (const option of Object.keys(o)) {
    if (!['bucket', 'time', 'requestId', 'hostId', 'seed'].includes(option)) {
      invalid(option, 'unknown option; testEvent takes bucket, time, requestId, hostId, seed');
    }
  }
  const ids = idSource(o.seed);
  return {
    Service: 'Amazon S3',
    Event: 's3:TestEvent',
    Time: isoMillis(toMillis(o.time, 'time', ids.now())),
    Bucket: optionalText(o.bucket, 'bucket') ?? BUCKET,
    RequestId: optionalText(o.requestId, 'requestId') ?? ids.requestId('test'),
    HostId: optionalText(o.hostId, 'hostId') ?? ids.hostId('test'),
  };
}
