/** The run-time twin of `S3EventPattern`: the same patterns as the type, no more, no fewer. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventNameMatches, S3_EVENT_NAMES, type S3EventPattern } from 's3-event-kit';
import { BARE_EVENT_PATTERNS, isS3EventPattern } from '../../src/filter.js';

type Bare = Exclude<S3EventPattern, `s3:${string}`>;

/** Every bare pattern of the type, written out: `satisfies` fails to compile if one is missing or extra. */
const TYPED = {
  'ObjectCreated:Put': true,
  'ObjectCreated:Post': true,
  'ObjectCreated:Copy': true,
  'ObjectCreated:CompleteMultipartUpload': true,
  'ObjectRemoved:Delete': true,
  'ObjectRemoved:DeleteMarkerCreated': true,
  'ObjectRestore:Post': true,
  'ObjectRestore:Completed': true,
  'ObjectRestore:Delete': true,
  ReducedRedundancyLostObject: true,
  'Replication:OperationFailedReplication': true,
  'Replication:OperationNotTracked': true,
  'Replication:OperationMissedThreshold': true,
  'Replication:OperationReplicatedAfterThreshold': true,
  'LifecycleExpiration:Delete': true,
  'LifecycleExpiration:DeleteMarkerCreated': true,
  LifecycleTransition: true,
  IntelligentTiering: true,
  'ObjectTagging:Put': true,
  'ObjectTagging:Delete': true,
  'ObjectAcl:Put': true,
  'ObjectRetention:Put': true,
  'ObjectAnnotation:Put': true,
  'ObjectAnnotation:Delete': true,
  'ObjectCreated:*': true,
  'ObjectRemoved:*': true,
  'ObjectRestore:*': true,
  'Replication:*': true,
  'LifecycleExpiration:*': true,
  'ObjectTagging:*': true,
  'ObjectAcl:*': true,
  'ObjectRetention:*': true,
  'ObjectAnnotation:*': true,
  '*': true,
} as const satisfies Record<Bare, true>;
const TYPED_PATTERNS = Object.keys(TYPED) as Bare[];
const ALL = [...TYPED_PATTERNS, ...TYPED_PATTERNS.map((p) => `s3:${p}` as const)];

describe('isS3EventPattern', () => {
  it('holds exactly the patterns of the S3EventPattern type', () => {
    expect([...BARE_EVENT_PATTERNS].sort()).toEqual([...TYPED_PATTERNS].sort());
    for (const pattern of ALL) expect(isS3EventPattern(pattern), pattern).toBe(true);
  });

  it('accepts every typed pattern, with or without s3: (property)', () => {
    fc.assert(fc.property(fc.constantFrom(...ALL), (pattern) => isS3EventPattern(pattern)));
  });

  it('rejects every other string (property)', () => {
    const valid = new Set<string>(ALL);
    const near = fc
      .tuple(fc.constantFrom<string>(...ALL), fc.string({ maxLength: 3 }), fc.nat(40), fc.nat(3))
      .map(([pattern, noise, at, cut]) => pattern.slice(0, at) + noise + pattern.slice(at + cut));
    fc.assert(
      fc.property(fc.oneof(fc.string(), near), (text) => {
        expect(isS3EventPattern(text)).toBe(valid.has(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects what is not a string, record names with another case, and family names alone', () => {
    for (const value of [undefined, null, 3, {}, ['ObjectCreated:Put'], 'objectcreated:put', 'S3:ObjectCreated:Put', 'ObjectCreated', 's3:s3:*', 'LifecycleTransition:*']) {
      expect(isS3EventPattern(value)).toBe(false);
    }
  });

  it('every valid pattern selects at least one event', () => {
    for (const pattern of ALL) expect(S3_EVENT_NAMES.some((name) => eventNameMatches(name, [pattern])), pattern).toBe(true);
  });
});
