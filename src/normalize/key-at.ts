/** Key decoding inside a payload, with the failure attributed to its path and message. @internal @module */
import type { S3EventParseError } from './errors.js';
import { decodeKey } from './key.js';
import type { Scope } from './read.js';

/** {@link decodeKey}, with its `MALFORMED_KEY` error (the only error it throws) placed at `step`. */
export function decodeKeyAt(rawKey: string, scope: Scope, step: string): string {
  try {
    return decodeKey(rawKey);
  } catch (error) {
    return scope.fail('MALFORMED_KEY', (error as S3EventParseError).message, step, rawKey, (error as S3EventParseError).cause);
  }
}

const DECODED_ALREADY =
  'if a middleware already decoded it (@middy/event-normalizer decodes S3 keys in place), pass decodeNotificationKeys: false';

/**
 * {@link decodeKeyAt} for `s3.object.key` of a notification record, which S3 always encodes (a
 * space is sent as `+`). A key that changes when decoded yet holds a space was decoded already:
 * decoding it again would corrupt it silently (`a b+c` → `a b c`), so it is an error, as is a
 * broken escape, both with a pointer to `decodeNotificationKeys`. Both checks run only on keys
 * that hold `+` or `%`.
 */
export function decodeNotificationKeyAt(rawKey: string, scope: Scope, step: string): string {
  let key: string;
  try {
    key = decodeKey(rawKey);
  } catch (error) {
    const problem = `${(error as S3EventParseError).message}; ${DECODED_ALREADY}`;
    return scope.fail('MALFORMED_KEY', problem, step, rawKey, (error as S3EventParseError).cause);
  }
  if (key !== rawKey && rawKey.indexOf(' ') !== -1) {
    const problem = `object key ${JSON.stringify(rawKey)} holds a space, which S3 sends as "+": it was decoded already, and decoding it again would change it; ${DECODED_ALREADY}`;
    scope.fail('MALFORMED_KEY', problem, step, rawKey);
  }
  return key;
}
