/**
 * Property and fuzz tests: parse() never throws, whatever it is given (arbitrary values, mutated
 * real fixtures, truncated JSON), never pollutes prototypes, and keys survive encode → decode.
 */
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeKey, encodeKey, isS3EventParseError, parse, type ParseResult } from 's3-event-kit';
import { fixture, fixtureText, s3Message, s3Record, snsEvent, snsJson, snsRecord, sqsApiMessage, sqsEvent, sqsRecord } from './helpers.js';

const FIXTURES = readdirSync(new URL('../fixtures/', import.meta.url)).filter((name) => name.endsWith('.json'));
/** The fixtures whose origin is an S3 notification or an EventBridge event (not an envelope). */
const ORIGINS = FIXTURES.filter((name) => {
  const value = fixture(name);
  return 'detail' in value || (value['Records'] as { eventSource?: string }[])[0]?.eventSource === 'aws:s3';
});

/** The envelopes an origin can travel in, plus "as a JSON string". */
const WRAPPERS: readonly ((origin: unknown) => unknown)[] = [
  (origin) => origin,
  (origin) => JSON.stringify(origin),
  (origin) => sqsEvent(sqsRecord('m-1', JSON.stringify(origin))),
  (origin) => [sqsApiMessage('m-1', JSON.stringify(origin))],
  (origin) => snsEvent(snsRecord('sns-1', JSON.stringify(origin), 'URL')),
  (origin) => sqsEvent(sqsRecord('m-0', '{}'), sqsRecord('m-1', snsJson('sns-1', JSON.stringify(origin)))),
];

type Path = readonly (string | number)[];

function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
}

/** A copy of `value` with the node at `path` dropped (`replacement` undefined) or replaced. */
function mutate(value: unknown, path: Path, drop: boolean, replacement: unknown): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let parent = copy;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (!drop) parent[last] = replacement;
  else if (Array.isArray(parent)) parent.splice(last as number, 1);
  else delete parent[last];
  return copy;
}

/**
 * What every result must satisfy: failures are S3EventParseErrors, events are well-formed, and
 * something came out (only an empty batch, `[]`, may yield nothing).
 */
function checkResult(result: ParseResult, input?: unknown): void {
  for (const failure of result.failures) {
    expect(isS3EventParseError(failure)).toBe(true);
    expect(typeof failure.path).toBe('string');
    expect(typeof failure.code).toBe('string');
  }
  for (const event of result.events) {
    expect(typeof event.name).toBe('string');
    expect(typeof event.bucket).toBe('string');
    expect(typeof event.key).toBe('string');
    expect(typeof event.time).toBe('string');
    expect(event.via.length).toBeGreaterThan(0);
  }
  const emptyBatch = Array.isArray(input) ? input.length === 0 : input === '[]';
  if (!emptyBatch) expect(result.events.length + result.testEvents.length + result.failures.length).toBeGreaterThan(0);
}

/** Values of every JSON type, to change the type of a field. */
const anyJson = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string(),
  fc.constant([]),
  fc.constant({}),
  fc.jsonValue({ maxDepth: 2 }),
);

afterEach(() => {
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty('polluted');
});

describe('parse() never throws', () => {
  it('on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(() => parse(value)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('on arbitrary JSON text, and on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string()), (text) => {
        const result = parse(text);
        if (result.failures[0]?.code === 'INVALID_JSON') expect(() => JSON.parse(text)).toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('on arbitrary JavaScript values (BigInt, null prototypes, sparse arrays, Maps, Dates…)', () => {
    const anything = fc.anything({
      withBigInt: true,
      withNullPrototype: true,
      withSparseArray: true,
      withMap: true,
      withSet: true,
      withDate: true,
      withBoxedValues: true,
      withTypedArray: true,
      key: fc.oneof(fc.string(), fc.constantFrom('Records', 'Messages', 'Body', 'eventSource', 'Sns', 'detail', '__proto__')),
    });
    fc.assert(
      fc.property(anything, (value) => {
        expect(() => parse(value)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('on envelopes holding arbitrary values where the S3 event goes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(WRAPPERS.length - 1), (inner, wrapper) => {
        const input = WRAPPERS[wrapper]!(inner);
        checkResult(parse(input), input);
      }),
      { numRuns: 300 },
    );
  });

  it('on real fixtures with one field dropped or given another type, on every road', () => {
    const cases = fc
      .constantFrom(...ORIGINS)
      .chain((name) => {
        const origin = fixture(name);
        return fc.record({
          origin: fc.constant(origin),
          path: fc.constantFrom(...pathsOf(origin)),
          drop: fc.boolean(),
          replacement: anyJson,
          wrapper: fc.nat(WRAPPERS.length - 1),
        });
      });
    fc.assert(
      fc.property(cases, ({ origin, path, drop, replacement, wrapper }) => {
        const input = WRAPPERS[wrapper]!(mutate(origin, path, drop, replacement));
        const result = parse(input);
        checkResult(result);
      }),
      { numRuns: 1000 },
    );
  });

  it('on every envelope fixture with one field dropped or given another type', () => {
    const envelopes = FIXTURES.filter((name) => !ORIGINS.includes(name));
    const cases = fc.constantFrom(...envelopes).chain((name) => {
      const value = fixture(name);
      return fc.record({ value: fc.constant(value), path: fc.constantFrom(...pathsOf(value)), drop: fc.boolean(), replacement: anyJson });
    });
    fc.assert(
      fc.property(cases, ({ value, path, drop, replacement }) => {
        checkResult(parse(mutate(value, path, drop, replacement)));
      }),
      { numRuns: 500 },
    );
  });

  it('on every fixture and road, truncated anywhere', () => {
    const texts = [
      ...FIXTURES.map(fixtureText),
      ...ORIGINS.flatMap((name) => WRAPPERS.slice(2).map((wrap) => JSON.stringify(wrap(fixture(name))))),
    ];
    const cases = fc.constantFrom(...texts).chain((text) => fc.record({ text: fc.constant(text), end: fc.nat(text.trimEnd().length - 1) }));
    fc.assert(
      fc.property(cases, ({ text, end }) => {
        const result = parse(text.slice(0, end));
        expect(result.events).toEqual([]);
        expect(result.failures.map((f) => [f.code, f.path])).toEqual([['INVALID_JSON', '']]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('parse() never pollutes prototypes', () => {
  const hostileKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'polluted', 'toString', 'hasOwnProperty');
  const hostile = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.constant('polluted'),
      fc.integer(),
      tie('object'),
      fc.array(tie('value'), { maxLength: 3 }),
    ),
    object: fc.dictionary(fc.oneof(hostileKey, fc.string()), tie('value'), { maxKeys: 4 }),
  })).object;

  it('from __proto__ / constructor keys spliced anywhere into real payloads', () => {
    const cases = fc.constantFrom(...ORIGINS).chain((name) => {
      const origin = fixture(name);
      const objects = pathsOf(origin).filter((path) => {
        const node = path.reduce<unknown>((v, step) => (v as Record<string | number, unknown>)[step], origin);
        return typeof node === 'object' && node !== null && !Array.isArray(node);
      });
      return fc.record({ origin: fc.constant(origin), path: fc.constantFrom(...objects), junk: hostile, wrapper: fc.nat(WRAPPERS.length - 1) });
    });
    fc.assert(
      fc.property(cases, ({ origin, path, junk, wrapper }) => {
        // Splice the hostile keys into the JSON text, where JSON.parse makes them own properties.
        const text = JSON.stringify(origin);
        const target = JSON.stringify(path.reduce<unknown>((v, step) => (v as Record<string | number, unknown>)[step], origin));
        const poison = `"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"junk":${JSON.stringify(junk)}`;
        const spliced = text.replace(target, () => `${target.slice(0, -1)}${target.length > 2 ? ',' : ''}${poison}}`);
        expect(spliced).not.toBe(text);
        parse(spliced);
        parse(WRAPPERS[wrapper]!(JSON.parse(spliced)));
        expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });
});

describe('keys', () => {
  const tricky = fc.string({
    unit: fc.oneof(
      fc.constantFrom(' ', '+', '%', '%2B', '%20', '/', '=', '@', '~', '*', "'", '(', ')', '!', 'é', '😀', '\u0000', '\n'),
      fc.string({ unit: 'binary', maxLength: 1 }),
    ),
  });

  it('decodeKey(encodeKey(k)) === k for every valid Unicode string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), tricky), (key) => {
        expect(decodeKey(encodeKey(key))).toBe(key);
      }),
      { numRuns: 1000 },
    );
  });

  it('encodeKey writes a space as +, every other + or % as an escape', () => {
    fc.assert(
      fc.property(tricky, (key) => {
        expect(encodeKey(key)).not.toMatch(/ |%(?![0-9A-F]{2})/);
        expect(encodeKey(key).split('+').length - 1).toBe(key.split(' ').length - 1);
      }),
    );
  });

  it('decodeKey throws only S3EventParseErrors (MALFORMED_KEY), never a URIError', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('%', 'A', 'F', '0', 'E', '8', 'C', '+', 'x') }), (raw) => {
        try {
          decodeKey(raw);
        } catch (error) {
          expect(isS3EventParseError(error)).toBe(true);
          expect(error).toMatchObject({ code: 'MALFORMED_KEY', input: raw });
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a key encoded as S3 does comes out decoded on every road', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', minLength: 1 }), tricky.filter((k) => k.length > 0)), fc.nat(WRAPPERS.length - 1), (key, wrapper) => {
        const input = WRAPPERS[wrapper]!(s3Message(s3Record({ key: encodeKey(key) })));
        const events = parse(input).events;
        expect(events).toHaveLength(1);
        const [event] = events;
        expect(event?.key).toBe(key);
        expect(event?.rawKey).toBe(encodeKey(key));
      }),
      { numRuns: 300 },
    );
  });
});
