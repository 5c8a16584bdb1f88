import { S3EventParseError } from './errors.js';

const PLUS = /\+/g;

/**
 * Decodes an object key as S3 encodes it in event notifications
 * (`application/x-www-form-urlencoded`): `+` is a space, then UTF-8 percent-escapes.
 * Decode exactly once, and never a key from `ListObjectsV2` or `GetObject` (those are not encoded).
 *
 * @throws {@link S3EventParseError} with code `MALFORMED_KEY` and the raw key as `input` when an
 *   escape is broken; never a bare `URIError`.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html
 * @example
 * ```ts
 * import { decodeKey } from 's3-event-kit';
 * decodeKey('red+flower.jpg'); //=> 'red flower.jpg'
 * decodeKey('this+im+%2B+age.txt'); //=> 'this im + age.txt'
 * decodeKey('year%3D2025/caf%C3%A9.csv'); //=> 'year=2025/café.csv'
 * ```
 * @category Normalize
 */
export function decodeKey(rawKey: string): string {
  const plus = rawKey.indexOf('+') !== -1;
  if (!plus && rawKey.indexOf('%') === -1) return rawKey;
  try {
    return decodeURIComponent(plus ? rawKey.replace(PLUS, ' ') : rawKey);
  } catch (cause) {
    throw new S3EventParseError(`object key ${JSON.stringify(rawKey)} is not valid URL-encoding`, {
      code: 'MALFORMED_KEY',
      path: '',
      input: rawKey,
      cause,
    });
  }
}

/**
 * Encodes a key the way S3 writes it into event notifications: the inverse of {@link decodeKey}
 * (`encodeURIComponent`, then `%20` → `+`; `/` stays as it is, as in every modern recording).
 *
 * @example
 * ```ts
 * import { encodeKey } from 's3-event-kit';
 * encodeKey('red flower.jpg'); //=> 'red+flower.jpg'
 * encodeKey('a+b=c/d.txt'); //=> 'a%2Bb%3Dc/d.txt'
 * ```
 * @category Normalize
 */
export function encodeKey(key: string): string {
  let encoded: string;
  try {
    encoded = encodeURIComponent(key);
  } catch (cause) {
    throw new S3EventParseError(`object key ${JSON.stringify(key)} is not valid Unicode (a lone surrogate)`, {
      code: 'MALFORMED_KEY',
      path: '',
      input: key,
      cause,
    });
  }
  return encoded.replace(/%20/g, '+').replace(/%2F/g, '/');
}
