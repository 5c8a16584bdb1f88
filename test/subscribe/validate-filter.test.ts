/**
 * The filter of `subscribe()` checked at `subscribe()` time: a filter that can never match throws
 * (with "did you mean"), a doubtful one comes back as warnings.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { S3_EVENT_NAMES, subscribe, SubscribeOptionsError } from 's3-event-kit';
import { asSqs, asS3Event, s3Record } from 's3-event-kit/testing';
import { BARE_EVENT_PATTERNS, isS3EventPattern } from '../../src/filter.js';
import { MAX_KEY_BYTES, patternProblem, validateFilter } from '../../src/subscribe/validate-filter.js';
import { validateSubscribeOptions } from '../../src/subscribe/validate.js';

/** The error `validateFilter` throws for a filter, or a failure when it throws none. */
function errorOf(filter: Record<string, unknown>): SubscribeOptionsError {
  try {
    validateFilter(filter);
  } catch (error) {
    expect(error).toBeInstanceOf(SubscribeOptionsError);
    return error as SubscribeOptionsError;
  }
  throw new Error(`no error for ${JSON.stringify(filter)}`);
}

describe('events', () => {
  it.each([
    // [pattern, message after `events[0] `]
    ['ObjectCreated:Puts', 'is not an S3 event name or wildcard (did you mean "ObjectCreated:Put"?), got "ObjectCreated:Puts"'],
    ['s3:ObjectCreated:Puts', 'is not an S3 event name or wildcard (did you mean "s3:ObjectCreated:Put"?), got "s3:ObjectCreated:Puts"'],
    ['ObjectCreated:Ptu', 'is not an S3 event name or wildcard (did you mean "ObjectCreated:Put"?), got "ObjectCreated:Ptu"'],
    ['ObjectRemoved:Delte', 'is not an S3 event name or wildcard (did you mean "ObjectRemoved:Delete"?), got "ObjectRemoved:Delte"'],
    ['ObjectCreated:', 'is not an S3 event name or wildcard (did you mean "ObjectCreated:*"?), got "ObjectCreated:"'],
    ['objectcreated:put', 'is not an S3 event name or wildcard: names are case-sensitive (did you mean "ObjectCreated:Put"?), got "objectcreated:put"'],
    ['S3:ObjectRemoved:*', 'is not an S3 event name or wildcard: names are case-sensitive (did you mean "s3:ObjectRemoved:*"?), got "S3:ObjectRemoved:*"'],
    ['ObjectCreated', 'names the family ObjectCreated without a variant, which matches no event (a name alone is not a wildcard) (did you mean "ObjectCreated:*"?), got "ObjectCreated"'],
    ['s3:ObjectRestore', 'names the family ObjectRestore without a variant, which matches no event (a name alone is not a wildcard) (did you mean "s3:ObjectRestore:*"?), got "s3:ObjectRestore"'],
    ['LifecycleTransition:*', 'matches no event: LifecycleTransition has no variants, so its events are named just "LifecycleTransition" (did you mean "LifecycleTransition"?), got "LifecycleTransition:*"'],
    ['s3:IntelligentTiering:*', 'matches no event: IntelligentTiering has no variants, so its events are named just "IntelligentTiering" (did you mean "s3:IntelligentTiering"?), got "s3:IntelligentTiering:*"'],
    ['ObjectCreated*', 'uses "*" inside a name: "*" stands only for every event ("*") or for every variant of a family ("ObjectCreated:*") (did you mean "ObjectCreated:*"?), got "ObjectCreated*"'],
    ['ObjectCreated:P*', 'uses "*" inside a name: "*" stands only for every event ("*") or for every variant of a family ("ObjectCreated:*") (did you mean ["ObjectCreated:Put", "ObjectCreated:Post"]?), got "ObjectCreated:P*"'],
    ['Object*:Put', 'uses "*" inside a name: "*" stands only for every event ("*") or for every variant of a family ("ObjectCreated:*") (did you mean ["ObjectCreated:Put", "ObjectTagging:Put", "ObjectAcl:Put", "ObjectRetention:Put", "ObjectAnnotation:Put"]?), got "Object*:Put"'],
    ['**', 'uses "*" inside a name: "*" stands only for every event ("*") or for every variant of a family ("ObjectCreated:*") (did you mean "*"?), got "**"'],
    ['Nope*', 'uses "*" inside a name: "*" stands only for every event ("*") or for every variant of a family ("ObjectCreated:*"), got "Nope*"'],
    ['Object Created', 'is an EventBridge detail-type; filters name events as S3 records do (did you mean "ObjectCreated:*"?), got "Object Created"'],
    ['Object Deleted', 'is an EventBridge detail-type; filters name events as S3 records do (did you mean ["ObjectRemoved:*", "LifecycleExpiration:*"]?), got "Object Deleted"'],
    ['Object Storage Class Changed', 'is an EventBridge detail-type; filters name events as S3 records do (did you mean "LifecycleTransition"?), got "Object Storage Class Changed"'],
    ['PutObject', 'is not an S3 event name or wildcard; use a name such as "ObjectCreated:Put" (S3_EVENT_NAMES lists them), a family wildcard such as "ObjectCreated:*", or "*", got "PutObject"'],
    ['x', 'is not an S3 event name or wildcard; use a name such as "ObjectCreated:Put" (S3_EVENT_NAMES lists them), a family wildcard such as "ObjectCreated:*", or "*", got "x"'],
    ['', 'is an empty string, which matches no event, got ""'],
  ])('%j is an error at subscribe() time', (pattern, message) => {
    const error = errorOf({ events: ['ObjectRemoved:*', pattern] });
    expect(error).toMatchObject({ name: 'SubscribeOptionsError', option: 'events[1]', value: pattern });
    expect(error.message).toBe(`events[1] ${message}`);
  });

  it('names the option and the value for a non-array, an empty list and a non-string entry', () => {
    expect(errorOf({ events: 'ObjectCreated:*' })).toMatchObject({
      option: 'events',
      message: 'events must be an array of event name patterns, got "ObjectCreated:*"',
    });
    expect(errorOf({ events: [] })).toMatchObject({
      option: 'events',
      value: [],
      message:
        'events is empty, so the filter matches no event and every message would be acknowledged unhandled; leave events out to receive every event, got []',
    });
    expect(errorOf({ events: ['ObjectCreated:*', 3] })).toMatchObject({
      option: 'events[1]',
      value: 3,
      message: 'events[1] must be an event name pattern (a string such as "ObjectCreated:*"), got 3',
    });
  });

  it('accepts names, s3: names, wildcards, families without variants and duplicates, without warnings', () => {
    const events = ['ObjectCreated:Put', 's3:ObjectCreated:Put', 'ObjectRestore:*', 's3:ObjectRemoved:*', 'LifecycleTransition', 's3:IntelligentTiering', '*', 's3:*', 'ObjectAcl:*'];
    expect(validateFilter({ events: [...events, ...events] })).toEqual({ warnings: [] });
  });

  it('accepts every typed pattern (property)', () => {
    const all = [...BARE_EVENT_PATTERNS, ...BARE_EVENT_PATTERNS.map((p) => `s3:${p}`)];
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...all), { minLength: 1 }), (events) => {
        expect(validateFilter({ events }).warnings).toEqual([]);
      }),
    );
  });

  it('rejects every string that is no pattern, naming it and where it is (property)', () => {
    const near = fc
      .tuple(fc.constantFrom<string>(...S3_EVENT_NAMES, 'ObjectCreated:*'), fc.string({ maxLength: 2 }), fc.nat(30), fc.nat(2))
      .map(([name, noise, at, cut]) => name.slice(0, at) + noise + name.slice(at + cut));
    fc.assert(
      fc.property(fc.oneof(fc.string(), near).filter((text) => !isS3EventPattern(text)), fc.nat(3), (bad, at) => {
        const events = ['ObjectCreated:*', 'ObjectRemoved:*', 'LifecycleTransition'].slice(0, at);
        const error = errorOf({ events: [...events, bad] });
        expect(error.option).toBe(`events[${events.length}]`);
        expect(error.value).toBe(bad);
        expect(error.message).toContain(JSON.stringify(bad));
        // Whatever it suggests is itself valid.
        for (const [, suggestion] of error.message.matchAll(/did you mean (?:\[)?"([^"]+)"/g)) expect(isS3EventPattern(suggestion)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('suggests only valid patterns, and for one typo the intended name', () => {
    for (const name of S3_EVENT_NAMES) {
      const typo = `${name.slice(0, -1)}${name.at(-1) === 'x' ? 'y' : 'x'}`;
      expect(patternProblem(typo)).toContain(`did you mean "${name}"`);
    }
  });
});

describe('prefix and suffix', () => {
  it('must be strings', () => {
    expect(errorOf({ prefix: 3 })).toMatchObject({ option: 'prefix', message: 'prefix must be a string, got 3' });
    expect(errorOf({ suffix: ['.jpg'] })).toMatchObject({ option: 'suffix', message: 'suffix must be a string, got [".jpg"]' });
  });

  it('longer than the longest key (1,024 UTF-8 bytes) is an error, counted in bytes', () => {
    expect(validateFilter({ prefix: 'x'.repeat(MAX_KEY_BYTES) }).warnings).toEqual([]);
    const error = errorOf({ prefix: 'x'.repeat(MAX_KEY_BYTES + 1) });
    expect(error.option).toBe('prefix');
    expect(error.message).toMatch(/^prefix is 1025 bytes long in UTF-8, so it matches no key: S3 keys are at most 1024 bytes, got "x+"$/);
    expect(errorOf({ suffix: 'é'.repeat(513) }).message).toMatch(/^suffix is 1026 bytes long in UTF-8/);
  });

  it('a prefix and a suffix that need a key over 1,024 bytes is an error; overlapping ones are not', () => {
    const half = 'a'.repeat(600);
    expect(errorOf({ prefix: half, suffix: `b${half}` }).message).toMatch(
      /^suffix and prefix together need a key of at least 1201 bytes in UTF-8, so the filter matches no key: S3 keys are at most 1024 bytes, got "ba+"$/,
    );
    // The key `half` starts and ends with `half`; `a…ab` + `b…` overlap in one character.
    expect(validateFilter({ prefix: half, suffix: half }).warnings).toEqual([]);
    expect(validateFilter({ prefix: `${half}b`, suffix: `b${'c'.repeat(423)}` }).warnings).toEqual([]);
    expect(errorOf({ prefix: `${half}b`, suffix: `b${'c'.repeat(424)}` }).option).toBe('suffix');
    expect(validateFilter({ prefix: 'x', suffix: `x${'y'.repeat(1000)}` }).warnings).toEqual([]);
  });

  it('a prefix starting with "/" is a warning, honestly worded', () => {
    expect(validateFilter({ prefix: '/uploads/' }).warnings).toEqual([
      'prefix "/uploads/" starts with "/": S3 keys can, but rarely do (the key of s3://bucket/uploads/a.jpg is "uploads/a.jpg"), so this filter may match nothing (did you mean "uploads/"?)',
    ]);
    expect(validateFilter({ suffix: '/' }).warnings).toEqual([]);
  });

  it('a prefix that is a location is a warning that splits it', () => {
    expect(validateFilter({ prefix: 's3://photos/raw/' }).warnings).toEqual([
      'prefix "s3://photos/raw/" looks like a location, not a key prefix: the filter compares it with the object key alone (did you mean bucket: "photos", prefix: "raw/"?)',
    ]);
    expect(validateFilter({ prefix: 'arn:aws:s3:::photos' }).warnings[0]).toContain('(did you mean bucket: "photos"?)');
  });

  it('globs and URL escapes are warnings: the filter compares plain text with the decoded key', () => {
    expect(validateFilter({ suffix: '*.jpg' }).warnings).toEqual([
      'suffix "*.jpg" contains "*", which matches only a "*" in the key: prefix and suffix are plain text, not globs (did you mean ".jpg"?)',
    ]);
    expect(validateFilter({ prefix: 'my%20photos/' }).warnings).toEqual([
      'prefix "my%20photos/" contains a URL escape (%XX): the filter compares it with the decoded key, so it matches only keys with that text literally (did you mean "my photos/"?)',
    ]);
    expect(validateFilter({ prefix: '100%E2/' }).warnings).toEqual([
      'prefix "100%E2/" contains a URL escape (%XX): the filter compares it with the decoded key, so it matches only keys with that text literally',
    ]);
  });

  it('any UTF-8 text, an empty string, "+" and spaces are fine', () => {
    expect(validateFilter({ prefix: '', suffix: '' }).warnings).toEqual([]);
    expect(validateFilter({ prefix: 'fotos/año 2024+/', suffix: '.日本' }).warnings).toEqual([]);
  });
});

describe('bucket', () => {
  it.each([
    ['s3://photos/raw/', ' (did you mean "photos", with prefix: "raw/"?)'],
    ['arn:aws:s3:::photos', ' (did you mean "photos"?)'],
    ['photos/raw', ' (did you mean "photos", with prefix: "raw"?)'],
    ['https://photos.s3.eu-west-1.amazonaws.com/a/b', ' (did you mean "photos", with prefix: "a/b"?)'],
    ['https://s3.eu-west-1.amazonaws.com/photos', ' (did you mean "photos"?)'],
    ['https://example.com/photos', ''],
    ['a b', ''],
    ['', ''],
    ['x'.repeat(256), ''],
  ])('%j can be no bucket name: an error', (name, hint) => {
    const error = errorOf({ bucket: name });
    expect(error).toMatchObject({ option: 'bucket', value: name });
    expect(error.message).toBe(
      `bucket is not a bucket name, so the filter never matches it: bucket names hold only letters, digits, ".", "-" and "_" (1 to 255 characters)${hint}, got ${JSON.stringify(name)}`,
    );
  });

  it('names the entry of a list, and rejects an empty list', () => {
    expect(errorOf({ bucket: ['photos', 's3://videos'] })).toMatchObject({ option: 'bucket[1]', value: 's3://videos' });
    expect(errorOf({ bucket: [] })).toMatchObject({
      option: 'bucket',
      message:
        'bucket is empty, so the filter matches no event and every message would be acknowledged unhandled; leave bucket out to receive events of every bucket, got []',
    });
    expect(errorOf({ bucket: [1] }).message).toBe('bucket must be a string or an array of strings, got [1]');
    expect(errorOf({ bucket: 7 }).message).toBe('bucket must be a string or an array of strings, got 7');
  });

  it('accepts current names without warnings', () => {
    expect(validateFilter({ bucket: ['photos', 'amzn-s3-demo-bucket', 'my.bucket.example', 'a1b'] }).warnings).toEqual([]);
  });

  it('warns about names only legacy or S3-compatible buckets have', () => {
    const { warnings } = validateFilter({ bucket: ['MyBucket', 'my_bucket', 'b'] });
    const rule =
      ' breaks S3\'s bucket naming rules (3 to 63 characters: lowercase letters, digits, "." and "-", starting and ending with a letter or digit):' +
      ' no bucket created since March 1, 2018 has such a name (older us-east-1 buckets and some S3-compatible servers allowed more)';
    expect(warnings).toEqual([
      `bucket[0] "MyBucket"${rule} (did you mean "mybucket"?)`,
      `bucket[1] "my_bucket"${rule} (did you mean "my-bucket"?)`,
      `bucket[2] "b"${rule}`,
    ]);
  });
});

describe('subscribe()', () => {
  it('throws for a JavaScript filter with a mistyped name, before any message is acknowledged', async () => {
    // As a JavaScript caller or a configuration value passes it: no compile-time check.
    const options = JSON.parse('{ "events": ["ObjectCreated:Puts"] }') as Parameters<typeof subscribe>[0];
    const attempt = () => subscribe(options, async () => {});
    expect(attempt).toThrow(SubscribeOptionsError);
    expect(attempt).toThrow('events[0] is not an S3 event name or wildcard (did you mean "ObjectCreated:Put"?), got "ObjectCreated:Puts"');
    // The same filter spelled right handles the event.
    const seen: string[] = [];
    const fixed = subscribe({ events: ['ObjectCreated:Put'] }, async (event) => void seen.push(event.key));
    expect(await fixed(asSqs(asS3Event(s3Record({ key: 'a.jpg' }))))).toEqual({ batchItemFailures: [] });
    expect(seen).toEqual(['a.jpg']);
  });

  it('throws for a filter that can never match', () => {
    expect(() => subscribe({ events: [] }, async () => {})).toThrow(/events is empty/);
    expect(() => subscribe({ bucket: [] }, async () => {})).toThrow(/bucket is empty/);
    expect(() => subscribe({ bucket: 's3://photos' }, async () => {})).toThrow(/did you mean "photos"/);
  });

  it('returns the warnings with the settings, for the logger', () => {
    expect(validateSubscribeOptions({ prefix: '/uploads/' }).warnings).toEqual([expect.stringMatching(/^prefix "\/uploads\/" starts with "\/"/)]);
    expect(validateSubscribeOptions({}).warnings).toEqual([]);
  });
});
