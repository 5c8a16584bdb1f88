/** `testEvent()`: the `s3:TestEvent` message S3 sends when a notification configuration is written. @module */
import type { S3TestEvent } from '../events/notification.js';
import { BUCKET, checkObject, hostId, isoMillis, optionalText, requestId, toMillis } from './defaults.js';
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
    if (!['bucket', 'time', 'requestId', 'hostId'].includes(option)) {
      invalid(option, 'unknown option; testEvent takes bucket, time, requestId, hostId');
    }
  }
  return {
    Service: 'Amazon S3',
    Event: 's3:TestEvent',
    Time: isoMillis(toMillis(o.time, 'time', Date.now())),
    Bucket: optionalText(o.bucket, 'bucket') ?? BUCKET,
    RequestId: optionalText(o.requestId, 'requestId') ?? requestId(),
    HostId: optionalText(o.hostId, 'hostId') ?? hostId(),
  };
}
