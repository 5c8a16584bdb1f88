/** Key decoding inside a payload, with the failure attributed to its path and message. @internal @module */
import { isS3EventParseError } from './errors.js';
import { decodeKey } from './key.js';
import type { Scope } from './read.js';

export function decodeKeyAt(rawKey: string, scope: Scope, step: string): string {
  try {
    return decodeKey(rawKey);
  } catch (error) {
    if (!isS3EventParseError(error)) throw error;
    return scope.fail('MALFORMED_KEY', error.message, step, rawKey, error.cause);
  }
}
