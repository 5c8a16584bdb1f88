import fc from 'fast-check';
import { compareSequencers, eventId, objectId } from 's3-event-kit';
import { describe, expect, test } from 'vitest';
import { event } from './events.js';

describe('eventId', () => {
  test('is the same for every delivery of one event, whatever message carried it', () => {
    // Arrange
    const direct = event();
    const viaSqs = event({ messageId: 'm-1' });
    const redelivered = event({ messageId: 'm-2' });

    // Act
    const ids = [direct, viaSqs, redelivered].map(eventId);

    // Assert
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).toBe('["ObjectCreated:Put","photos","uploads/red flower.jpg",null,"sequencer","0055AED6DCD90281E5"]');
  });

  test('differs when the name, bucket, key, version or sequencer differs', () => {
    const base = eventId(event());
    for (const other of [
      event({ name: 'ObjectCreated:Copy' }),
      event({ bucket: 'other' }),
      event({ key: 'uploads/red flower.png' }),
      event({ versionId: '3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY' }),
      event({ sequencer: '0055AED6DCD90281E6' }),
    ]) {
      expect(eventId(other)).not.toBe(base);
    }
  });

  test('falls back to time, eTag and request id when there is no sequencer (tagging, ACL, …)', () => {
    // Arrange
    const tagging = event({ name: 'ObjectTagging:Put', sequencer: null, eTag: 'abc' });

    // Act
    const id = eventId(tagging);

    // Assert
    expect(JSON.parse(id)).toEqual([
      'ObjectTagging:Put',
      'photos',
      'uploads/red flower.jpg',
      null,
      'time',
      '2024-03-14T19:02:45.087Z',
      'abc',
      'C3D13FE58DE4C810',
    ]);
    expect(eventId(event({ name: 'ObjectTagging:Put', sequencer: null, eTag: 'abc', time: '2024-03-14T19:02:46.000Z' }))).not.toBe(id);
    expect(eventId(event({ name: 'ObjectTagging:Put', sequencer: null, eTag: 'abc', requestId: 'OTHER' }))).not.toBe(id);
  });

  test('property: two sequencers give the same id exactly when compareSequencers calls them equal', () => {
    const hex = fc.stringMatching(/^[0-9a-fA-F]{1,20}$/);
    fc.assert(
      fc.property(hex, hex, (a, b) => {
        const same = eventId(event({ sequencer: a })) === eventId(event({ sequencer: b }));
        expect(same).toBe(compareSequencers(a, b) === 0);
      }),
      { numRuns: 500 },
    );
    expect(eventId(event({ sequencer: '0055aed6dcd9' }))).toBe(eventId(event({ sequencer: '0055AED6DCD90000' })));
  });

  test('property: distinct (bucket, key) pairs never collide, whatever the key contains', () => {
    const bucket = fc.constantFrom('a', 'a|b', 'b');
    const key = fc.string({ unit: 'grapheme', maxLength: 12 });
    fc.assert(
      fc.property(bucket, key, bucket, key, (b1, k1, b2, k2) => {
        fc.pre(b1 !== b2 || k1 !== k2);
        expect(eventId(event({ bucket: b1, key: k1 }))).not.toBe(eventId(event({ bucket: b2, key: k2 })));
        expect(objectId(event({ bucket: b1, key: k1 }))).not.toBe(objectId(event({ bucket: b2, key: k2 })));
      }),
      { numRuns: 300 },
    );
  });
});

describe('objectId', () => {
  test('is bucket, key and eTag, the same for two events about the same content', () => {
    expect(objectId(event())).toBe('["photos","uploads/red flower.jpg","d41d8cd98f00b204e9800998ecf8427e"]');
    expect(objectId(event({ name: 'ObjectCreated:Copy', sequencer: '0055AED6DCD90281E9' }))).toBe(objectId(event()));
  });

  test('is undefined when the event has no eTag', () => {
    expect(objectId(event({ name: 'ObjectRemoved:Delete' }))).toBeUndefined();
  });
});
