/**
 * Property: for random keys (any Unicode incl. astral characters, `+`, `%`, spaces, `=`, `/`),
 * random event names, random object fields and random roads, `normalize(wrap(s3Record(x)))` gives
 * back x's fields exactly; in particular the key survives S3's encoding and the library's decoding.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeKey, encodeKey, normalize, S3_EVENT_NAMES } from 's3-event-kit';
import { deliver, ROADS, s3Record } from 's3-event-kit/testing';
import {
  EVENTBRIDGE_NAMES,
  EVENTBRIDGE_SEQUENCER,
  ROAD_CASES,
  wholeSeconds,
  WITH_ETAG,
  WITH_SEQUENCER,
  WITH_SIZE,
} from './expectations.js';

const utf8Length = (text: string): number => new TextEncoder().encode(text).length;

/** Keys S3 accepts: 1–1024 UTF-8 bytes of valid Unicode (fast-check's 'binary' unit never yields lone surrogates). */
const keys = fc
  .array(
    fc.oneof(
      fc.constantFrom('+', '%', ' ', '=', '/', '%2B', '%20', '+%', '%E0%A4%A', '😀', '𝄞', 'é', "~*'()!", '&?#', '\\', '"', '\u0000', '\u00a0'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }),
    ),
    { minLength: 1, maxLength: 10 },
  )
  .map((parts) => parts.join(''))
  .filter((key) => key.length > 0 && utf8Length(key) <= 1024);

const hex = (length: number) => fc.stringMatching(new RegExp(`^[0-9A-F]{${length}}$`));

const fields = fc.record({
  key: keys,
  bucket: fc.stringMatching(/^[a-z0-9][a-z0-9.-]{1,40}[a-z0-9]$/),
  size: fc.option(fc.nat({ max: 5 * 1024 ** 4 }), { nil: undefined }),
  eTag: fc.option(fc.stringMatching(/^[0-9a-f]{32}(-[1-9][0-9]{0,3})?$/), { nil: undefined }),
  versionId: fc.option(fc.stringMatching(/^[A-Za-z0-9._]{1,32}$/), { nil: undefined }),
  sequencer: fc.option(hex(18), { nil: undefined }),
  time: fc.date({ min: new Date('1970-01-01T00:00:00.000Z'), max: new Date('2099-12-31T23:59:59.999Z'), noInvalidDate: true }),
  region: fc.constantFrom('us-east-1', 'eu-west-1', 'ap-southeast-2', 'cn-north-1'),
});

/** A name and a road it can take (EventBridge roads only for names S3 sends there). */
const S3_ROADS = ROAD_CASES.filter((road) => road.origin === 's3');
const namesAndRoads = fc.oneof(
  fc.record({ name: fc.constantFrom(...S3_EVENT_NAMES), road: fc.constantFrom(...S3_ROADS) }),
  fc.record({ name: fc.constantFrom(...EVENTBRIDGE_NAMES), road: fc.constantFrom(...ROAD_CASES.filter((road) => road.origin === 'eventbridge')) }),
);

const cases = fc.tuple(namesAndRoads, fields).map(([nameAndRoad, rest]) => ({ ...nameAndRoad, ...rest }));

describe('normalize(wrap(s3Record(x))) returns x', () => {
  it('for random keys, names, object fields and roads', () => {
    fc.assert(
      fc.property(cases, (x) => {
        const record = s3Record({
          name: x.name,
          key: x.key,
          bucket: x.bucket,
          size: x.size,
          eTag: x.eTag,
          versionId: x.versionId,
          sequencer: x.sequencer,
          time: x.time,
          region: x.region,
        });
        const events = normalize(x.road.wrap(record));
        expect(events).toHaveLength(1);
        const event = events[0];
        const eventBridge = x.road.origin === 'eventbridge';
        const sequencer = x.sequencer ?? (WITH_SEQUENCER.has(x.name) ? record.s3.object.sequencer : undefined);
        expect(event).toMatchObject({
          name: x.name,
          bucket: x.bucket,
          key: x.key,
          rawKey: encodeKey(x.key),
          size: x.size ?? (WITH_SIZE.has(x.name) ? 1024 : undefined),
          eTag: x.eTag ?? (WITH_ETAG.has(x.name) ? record.s3.object.eTag : undefined),
          versionId: x.versionId,
          sequencer: eventBridge && !EVENTBRIDGE_SEQUENCER.has(x.name) ? undefined : sequencer,
          time: eventBridge ? wholeSeconds(x.time.toISOString()) : x.time.toISOString(),
          region: x.region,
          via: x.road.via,
          messageId: x.road.messageId,
          receiptHandle: x.road.receiptHandle,
        });
      }),
      { numRuns: 600 },
    );
  });

  it('deliver() sends any EventBridge-capable name down any road with the road as via', () => {
    fc.assert(
      fc.property(fc.constantFrom(...EVENTBRIDGE_NAMES), fc.constantFrom(...ROADS), keys, (name, road, key) => {
        const [event] = normalize(deliver(s3Record({ name, key }), road));
        expect(event?.via).toEqual(road);
        expect(event?.key).toBe(key);
      }),
      { numRuns: 200 },
    );
  });

  it('the encoder and the decoder are inverse, and the encoding is S3 form-encoding', () => {
    fc.assert(
      fc.property(keys, (key) => {
        const encoded = s3Record({ key }).s3.object.key;
        expect(encoded).toBe(encodeKey(key));
        expect(decodeKey(encoded)).toBe(key);
        expect(encoded).not.toMatch(/[ =:@&?#"\\]/); // no raw space or reserved character survives
        expect(encoded.split('/').length).toBe(key.split('/').length); // `/` is kept as it is
      }),
      { numRuns: 300 },
    );
  });
});
