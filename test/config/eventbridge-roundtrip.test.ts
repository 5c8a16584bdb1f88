/**
 * For every S3 event name EventBridge carries, an event built by s3-event-kit/testing's
 * asEventBridge() matches the pattern s3EventPattern() generates for that name, and the events of
 * every other name do not (checked with the local EventBridge matcher). A property test then ties
 * patterns with buckets and keys to the library's one filter matcher, `matches`.
 */
import fc from 'fast-check';
import { encodeKey, eventNameMatches, matches, normalize, S3_EVENT_NAMES } from 's3-event-kit';
import {
  S3_EVENTBRIDGE_EVENT_NAMES,
  matchesEventPattern,
  s3EventPattern,
  type S3EventBridgeEventName,
  type S3EventBridgeEventPattern,
} from 's3-event-kit/config';
import { asEventBridge } from 's3-event-kit/testing';
import { describe, expect, test } from 'vitest';

const eventOf = (name: S3EventBridgeEventName, bucket = 'photos', key = 'uploads/cat.jpg') => asEventBridge({ name, bucket, key });
const EVENTS = S3_EVENTBRIDGE_EVENT_NAMES.map((name) => [name, eventOf(name)] as const);

describe('s3EventPattern × asEventBridge: one name at a time', () => {
  test.each(S3_EVENTBRIDGE_EVENT_NAMES.map((name) => [name]))('%s: its event matches, every other name\'s event does not', (name) => {
    const pattern = s3EventPattern({ buckets: 'photos', events: [name] });
    for (const [other, event] of EVENTS) {
      expect(matchesEventPattern(pattern, event), `${name} pattern vs ${other} event (${event['detail-type']})`).toBe(other === name);
    }
  });

  test('the names EventBridge carries are exactly those asEventBridge can build', () => {
    const buildable = S3_EVENT_NAMES.filter((name) => {
      try {
        asEventBridge({ name: name as S3EventBridgeEventName });
        return true;
      } catch {
        return false;
      }
    });
    expect(buildable).toEqual([...S3_EVENTBRIDGE_EVENT_NAMES]);
  });

  test('family wildcards and "*" select exactly the names the one event-name matcher selects', () => {
    const patterns: S3EventBridgeEventPattern[] = ['*', 'ObjectCreated:*', 'ObjectRemoved:*', 'ObjectRestore:*', 'LifecycleExpiration:*', 'ObjectTagging:*', 's3:ObjectAcl:*'];
    for (const selection of patterns) {
      const pattern = s3EventPattern({ events: [selection] });
      for (const [name, event] of EVENTS) expect(matchesEventPattern(pattern, event), `${selection} vs ${name}`).toBe(eventNameMatches(name, [selection]));
    }
  });

  test('the bucket filter: another bucket\'s event does not match', () => {
    const pattern = s3EventPattern({ buckets: ['photos', 'logs'] });
    expect(matchesEventPattern(pattern, eventOf('ObjectCreated:Put', 'logs'))).toBe(true);
    expect(matchesEventPattern(pattern, eventOf('ObjectCreated:Put', 'other'))).toBe(false);
  });

  test('keys with spaces and = match once the pattern encodes them like asEventBridge does', () => {
    const event = eventOf('ObjectCreated:Put', 'photos', 'my photos/year=2025/cat.jpg');
    expect(matchesEventPattern(s3EventPattern({ prefix: 'my photos/year=2025/', suffix: '.jpg' }), event)).toBe(true);
    expect(matchesEventPattern(s3EventPattern({ prefix: 'my photos/year=2026/' }), event)).toBe(false);
  });
});

describe('s3EventPattern agrees with the one filter matcher (property)', () => {
  const keyPart = fc.stringMatching(/^[a-z0-9 =+/._-]{0,6}$/);
  test('pattern(events, buckets, prefix, suffix) matches ⇔ matches(normalize(event), same filter)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...S3_EVENTBRIDGE_EVENT_NAMES), { minLength: 1, maxLength: 5 }),
        fc.constantFrom(...S3_EVENTBRIDGE_EVENT_NAMES),
        fc.constantFrom('photos', 'logs'),
        keyPart,
        keyPart,
        fc.tuple(keyPart, keyPart, keyPart).map((parts) => parts.join('')),
        (selected, name, bucket, prefix, suffix, key) => {
          fc.pre(key.length > 0);
          const event = asEventBridge({ name, bucket, key });
          const [normalized] = normalize(event);
          const filter = { events: selected, bucket: 'photos', ...(prefix && { prefix }), ...(suffix && { suffix }) };
          const expected =
            normalized !== undefined &&
            matches(normalized, filter) &&
            // One wildcard (prefix*suffix) needs the key to be at least as long as both together.
            (prefix === '' || suffix === '' || normalized.rawKey.length >= encodeKey(prefix).length + encodeKey(suffix).length);
          const pattern = s3EventPattern({ events: selected, buckets: 'photos', prefix, suffix });
          expect(matchesEventPattern(pattern, event)).toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});
