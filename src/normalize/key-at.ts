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
