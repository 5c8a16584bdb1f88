/** "Did you mean": edit distance and the nearest candidate. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closest, editDistance } from '../src/suggest.js';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['abc', 'abc', 0],
    ['ObjectCreated:Puts', 'ObjectCreated:Put', 1],
    ['ObjectCreated:Ptu', 'ObjectCreated:Put', 1], // one swap
    ['kitten', 'sitting', 3],
    ['ca', 'abc', 3], // optimal string alignment: no edits of a swapped pair
    ['Put', 'put', 1], // case counts
  ])('%j → %j is %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
  });

  it('is a symmetric distance bounded by the longer length (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const d = editDistance(a, b);
        expect(editDistance(b, a)).toBe(d);
        expect(d === 0).toBe(a === b);
        expect(d).toBeGreaterThanOrEqual(Math.abs(a.length - b.length));
        expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length));
      }),
    );
  });
});

describe('closest', () => {
  const commands = ['inspect', 'generate', 'tail'];

  it('finds the nearest, ignoring case, and nothing when none is near', () => {
    expect(closest('ObjectCreated:Puts', ['ObjectCreated:Post', 'ObjectCreated:Put'])).toBe('ObjectCreated:Put');
    expect(closest('inspcet', commands)).toBe('inspect');
    expect(closest('TAIL', commands)).toBe('tail');
    expect(closest('deploy', commands)).toBeUndefined();
    expect(closest('x', commands)).toBeUndefined();
    expect(closest('anything', [])).toBeUndefined();
  });

  it('returns an exact match, prefers the earlier candidate on a tie, and takes a limit', () => {
    expect(closest('tail', ['tall', 'tail'])).toBe('tail');
    expect(closest('tal', ['tall', 'tail'])).toBe('tall');
    expect(closest('genrte', commands)).toBe('generate');
    expect(closest('genrte', commands, { maxDistance: 1 })).toBeUndefined();
    expect(closest('sqs-sns', new Set(['sqs', 'sns-sqs', 'sqs-sns-raw']))).toBe('sns-sqs');
  });
});
